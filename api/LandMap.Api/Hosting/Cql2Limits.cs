namespace LandMap.Api.Hosting;

/// <summary>
/// How big a filter may be. A filter is attacker-controlled text that becomes a query plan, so
/// every dimension that costs parser stack, SQL length or PostGIS time is bounded. The defaults
/// suit a GET query string; a caller taking filters in a POST body may allow more.
/// </summary>
public sealed record Cql2Limits
{
    /// <summary>Default for <see cref="MaxTextLength"/>.</summary>
    public const int DefaultMaxTextLength = 10_000;
    /// <summary>Default for <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 20;
    /// <summary>Default for <see cref="MaxNodes"/>.</summary>
    public const int DefaultMaxNodes = 200;
    /// <summary>Default for <see cref="MaxVertices"/>.</summary>
    public const int DefaultMaxVertices = 10_000;
    /// <summary>Default for <see cref="MaxInItems"/>.</summary>
    public const int DefaultMaxInItems = 100;

    /// <summary>The defaults.</summary>
    public static Cql2Limits Default { get; } = new();

    /// <summary>Characters of filter text (cql2-text or cql2-json).</summary>
    public int MaxTextLength { get; init; } = DefaultMaxTextLength;

    /// <summary>Operators nested in one another: AND, OR, NOT, each predicate and CASEI/ACCENTI count
    /// one level; values and property names count none. <c>a = 1</c> is 1 deep, <c>NOT (a = 1 OR b = 2)</c> is 3.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>Nodes of the tree: every operator, property, value and list item counts one
    /// (a geometry literal is one node; its vertices are bounded by <see cref="MaxVertices"/>).</summary>
    public int MaxNodes { get; init; } = DefaultMaxNodes;

    /// <summary>Vertices of all geometry literals of the filter together.</summary>
    public int MaxVertices { get; init; } = DefaultMaxVertices;

    /// <summary>Items of one IN list.</summary>
    public int MaxInItems { get; init; } = DefaultMaxInItems;
}
