namespace LandMap.Api.Features.Filtering;

/// <summary>The six comparison operators of CQL2 (Basic CQL2).</summary>
public enum ComparisonOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>The spatial predicates of CQL2 (Spatial Functions), evaluated as in the OGC Simple Features model.</summary>
public enum SpatialOp { Intersects, Within, Contains, Disjoint, Touches, Overlaps, Crosses, Equals }

/// <summary>The temporal predicates of CQL2 (Temporal Functions), Allen's interval relations.</summary>
public enum TemporalOp
{
    After, Before, Contains, Disjoint, During, Equals, FinishedBy, Finishes,
    Intersects, Meets, MetBy, OverlappedBy, Overlaps, StartedBy, Starts,
}

/// <summary>
/// The spellings of operators in cql2-text and cql2-json, in one place so both parsers and the
/// text writer agree. Text keywords are matched case-insensitively; JSON names are matched
/// case-insensitively too (the standard spells them lower or camel case).
/// </summary>
public static class Cql2Operators
{
    /// <summary>Comparison symbols; longer ones first so "&lt;=" is not read as "&lt;".</summary>
    public static readonly IReadOnlyList<(string Symbol, ComparisonOp Op)> Comparisons =
    [
        ("<>", ComparisonOp.NotEqual), ("<=", ComparisonOp.LessOrEqual), (">=", ComparisonOp.GreaterOrEqual),
        ("=", ComparisonOp.Equal), ("<", ComparisonOp.Less), (">", ComparisonOp.Greater),
    ];

    /// <summary>S_INTERSECTS and friends (text: upper case; JSON: lower case).</summary>
    public static readonly IReadOnlyDictionary<string, SpatialOp> Spatial = new Dictionary<string, SpatialOp>(StringComparer.OrdinalIgnoreCase)
    {
        ["S_INTERSECTS"] = SpatialOp.Intersects, ["S_WITHIN"] = SpatialOp.Within, ["S_CONTAINS"] = SpatialOp.Contains,
        ["S_DISJOINT"] = SpatialOp.Disjoint, ["S_TOUCHES"] = SpatialOp.Touches, ["S_OVERLAPS"] = SpatialOp.Overlaps,
        ["S_CROSSES"] = SpatialOp.Crosses, ["S_EQUALS"] = SpatialOp.Equals,
    };

    /// <summary>T_BEFORE and friends (JSON spells the two-word ones in camel case, e.g. t_metBy).</summary>
    public static readonly IReadOnlyDictionary<string, TemporalOp> Temporal = new Dictionary<string, TemporalOp>(StringComparer.OrdinalIgnoreCase)
    {
        ["T_AFTER"] = TemporalOp.After, ["T_BEFORE"] = TemporalOp.Before, ["T_CONTAINS"] = TemporalOp.Contains,
        ["T_DISJOINT"] = TemporalOp.Disjoint, ["T_DURING"] = TemporalOp.During, ["T_EQUALS"] = TemporalOp.Equals,
        ["T_FINISHEDBY"] = TemporalOp.FinishedBy, ["T_FINISHES"] = TemporalOp.Finishes,
        ["T_INTERSECTS"] = TemporalOp.Intersects, ["T_MEETS"] = TemporalOp.Meets, ["T_METBY"] = TemporalOp.MetBy,
        ["T_OVERLAPPEDBY"] = TemporalOp.OverlappedBy, ["T_OVERLAPS"] = TemporalOp.Overlaps,
        ["T_STARTEDBY"] = TemporalOp.StartedBy, ["T_STARTS"] = TemporalOp.Starts,
    };

    /// <summary>The cql2-text symbol of a comparison.</summary>
    public static string Symbol(ComparisonOp op) => Comparisons.First(c => c.Op == op).Symbol;

    /// <summary>The cql2-text name of a spatial predicate, e.g. S_INTERSECTS.</summary>
    public static string Name(SpatialOp op) => Spatial.First(s => s.Value == op).Key;

    /// <summary>The cql2-text name of a temporal predicate, e.g. T_DURING.</summary>
    public static string Name(TemporalOp op) => Temporal.First(t => t.Value == op).Key;
}
