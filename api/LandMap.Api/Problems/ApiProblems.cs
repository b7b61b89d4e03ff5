namespace LandMap.Api.Problems;

/// <summary>An error a client caused or can act on; rendered as RFC 9457 problem+json.</summary>
public abstract class ApiProblemException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
}

/// <summary>A query parameter that cannot be used as given; names the parameter.</summary>
public sealed class InvalidParameterException(string parameter, string detail)
    : ApiProblemException("Invalid parameter", detail)
{
    public string Parameter { get; } = parameter;
}

/// <summary>A request past one of the service's bounds (<see cref="Hosting.RequestLimits"/>): names the
/// parameter, the setting and its value, so a client knows what to change.</summary>
public sealed class LimitExceededException(string parameter, string setting, object limit, string detail,
    int status = StatusCodes.Status400BadRequest) : ApiProblemException("Limit exceeded", detail)
{
    public string Parameter { get; } = parameter;
    /// <summary>The setting's name, e.g. LandMap:Limits:MaxFeaturesPerUpload.</summary>
    public string Setting { get; } = setting;
    /// <summary>The bound in force.</summary>
    public object Limit { get; } = limit;
    public int Status { get; } = status;
}

/// <summary>A collection or feature that does not exist.</summary>
public sealed class NotFoundException(string detail) : ApiProblemException("Not found", detail);

/// <summary>A request the caller's token may not make (403); the detail says what it lacks.</summary>
public sealed class ForbiddenException(string detail) : ApiProblemException("Forbidden", detail);

/// <summary>A request well formed but refused by the state of what it acts on (409): a procedure step
/// out of order, a date the rules do not allow. Names the field and the rule.</summary>
public sealed class ConflictException(string field, string detail) : ApiProblemException("Conflict", detail)
{
    public string Field { get; } = field;
}

/// <summary>The one map from error type to HTTP status (as tipg's errors.py keeps it).</summary>
public static class ProblemStatus
{
    private static readonly Dictionary<Type, int> Codes = new()
    {
        [typeof(InvalidParameterException)] = StatusCodes.Status400BadRequest,
        [typeof(NotFoundException)] = StatusCodes.Status404NotFound,
        [typeof(ForbiddenException)] = StatusCodes.Status403Forbidden,
        [typeof(ConflictException)] = StatusCodes.Status409Conflict,
    };

    public static int For(Exception ex) =>
        ex is LimitExceededException l ? l.Status :
        QueryTimedOut(ex) ? StatusCodes.Status503ServiceUnavailable :
        DatabaseUnavailable(ex) ? StatusCodes.Status503ServiceUnavailable :
        UnstorableText(ex) ? StatusCodes.Status400BadRequest :
        Codes.TryGetValue(ex.GetType(), out var status) ? status : StatusCodes.Status500InternalServerError;

    /// <summary>A request value PostgreSQL text cannot hold (U+0000): every value is a parameter, so
    /// it comes from the request; the client can fix it, so 400.</summary>
    public static bool UnstorableText(Exception ex) => ex is Npgsql.PostgresException { SqlState: "22021" };

    /// <summary>A statement ran past its command timeout (Npgsql then cancels it on the server) or a
    /// server statement_timeout (57014): the database is up, the request is too heavy. Checked before
    /// <see cref="DatabaseUnavailable"/>, which would count the timeout as transient.</summary>
    public static bool QueryTimedOut(Exception ex) =>
        ex is Npgsql.NpgsqlException { InnerException: TimeoutException } or Npgsql.PostgresException { SqlState: "57014" };

    /// <summary>The database cannot be reached (stopped, restarting, network): the request may
    /// succeed later, so 503, not a 500 that says the service is broken.</summary>
    public static bool DatabaseUnavailable(Exception ex) =>
        ex is Npgsql.NpgsqlException { IsTransient: true } or Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" };
}
