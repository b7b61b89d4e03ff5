namespace LandMap.Api.Data;

/// <summary>Which database a route reads: the read replica (through <see cref="ReadDataSource"/>,
/// falling back to the primary), the primary only, or none at all.</summary>
public enum ReadSource
{
    /// <summary>Reads through <see cref="ReadDataSource"/>: the replica when usable, else the primary.</summary>
    Replica,

    /// <summary>Reads (or writes) on the primary only, for the reason given.</summary>
    Primary,

    /// <summary>Touches no database (static documents, settings, the caller's own claims).</summary>
    None,
}

/// <summary>
/// Endpoint metadata: where a route reads, and why when it is the primary. Every route carries one
/// (a test enumerates the endpoints and fails on a route without it), so a new route cannot land
/// on the primary unnoticed, and a test against a real replica checks each route keeps its word.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class ReadsFromAttribute(ReadSource source, string reason) : Attribute
{
    /// <summary>Where the route reads.</summary>
    public ReadSource Source { get; } = source;

    /// <summary>Why (required for <see cref="ReadSource.Primary"/>).</summary>
    public string Reason { get; } = reason;
}

/// <summary>Route conventions that declare where a route reads (see <see cref="ReadsFromAttribute"/>).</summary>
public static class ReadsFromConventions
{
    /// <summary>Reads through <see cref="ReadDataSource"/>: the replica when configured and usable.</summary>
    public static TBuilder ReadsFromReplica<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsFromAttribute(ReadSource.Replica, "read through ReadDataSource"));

    /// <summary>Reads or writes on the primary only; <paramref name="reason"/> says why it must.</summary>
    public static TBuilder ReadsPrimary<TBuilder>(this TBuilder builder, string reason) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return builder.WithMetadata(new ReadsFromAttribute(ReadSource.Primary, reason));
    }

    /// <summary>A write: on the primary, by definition.</summary>
    public static TBuilder Writes<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ReadsPrimary("a write");

    /// <summary>Touches no database.</summary>
    public static TBuilder ReadsNoDatabase<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsFromAttribute(ReadSource.None, "no database"));
}
