using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// Collects a command's values as positional parameters while its SQL is being built, so no
/// value is ever spliced into SQL text: <c>where code = {p.Add(code)}</c> writes <c>$1</c>.
/// </summary>
public sealed class SqlParameters(NpgsqlCommand command)
{
    public NpgsqlCommand Command { get; } = command;

    /// <summary>Adds a typed value and returns its placeholder, e.g. "$3".</summary>
    public string Add<T>(T value)
    {
        Command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + Command.Parameters.Count;
    }

    /// <summary>Adds a value of an explicit PostgreSQL type (for nulls, arrays and the like).</summary>
    public string Add(object? value, NpgsqlTypes.NpgsqlDbType type)
    {
        Command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        return "$" + Command.Parameters.Count;
    }
}
