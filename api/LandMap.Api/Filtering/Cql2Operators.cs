namespace LandMap.Api.Filtering;

/// <summary>The six comparison operators of CQL2 (Basic CQL2).</summary>
public enum ComparisonOp
{
    /// <summary>=</summary>
    Equal,
    /// <summary>&lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>The spatial predicates of CQL2 (Spatial Functions), as defined by OGC Simple Features (DE-9IM) and PostGIS.</summary>
public enum SpatialOp
{
    /// <summary>S_INTERSECTS: the geometries share at least one point.</summary>
    Intersects,
    /// <summary>S_WITHIN: the first lies inside the second.</summary>
    Within,
    /// <summary>S_CONTAINS: the second lies inside the first.</summary>
    Contains,
    /// <summary>S_DISJOINT: no point in common.</summary>
    Disjoint,
    /// <summary>S_TOUCHES: boundaries meet, interiors do not.</summary>
    Touches,
    /// <summary>S_OVERLAPS: same dimension, interiors partly shared.</summary>
    Overlaps,
    /// <summary>S_CROSSES: interiors meet in a lower dimension (a line through a polygon).</summary>
    Crosses,
    /// <summary>S_EQUALS: the same point set.</summary>
    Equals,
}

/// <summary>The temporal predicates of CQL2 (Temporal Functions): Allen's relations on the begin and
/// end of each argument (an instant begins and ends at once). a is the first argument, b the second.</summary>
public enum TemporalOp
{
    /// <summary>T_AFTER: begin(a) &gt; end(b).</summary>
    After,
    /// <summary>T_BEFORE: end(a) &lt; begin(b).</summary>
    Before,
    /// <summary>T_CONTAINS: begin(a) &lt; begin(b) and end(a) &gt; end(b).</summary>
    Contains,
    /// <summary>T_DISJOINT: (a T_BEFORE b) or (a T_AFTER b), i.e. end(a) &lt; begin(b) or begin(a) &gt; end(b).</summary>
    Disjoint,
    /// <summary>T_DURING: begin(a) &gt; begin(b) and end(a) &lt; end(b) (strict at both ends).</summary>
    During,
    /// <summary>T_EQUALS: begin(a) = begin(b) and end(a) = end(b).</summary>
    Equals,
    /// <summary>T_FINISHEDBY: begin(a) &lt; begin(b) and end(a) = end(b).</summary>
    FinishedBy,
    /// <summary>T_FINISHES: begin(a) &gt; begin(b) and end(a) = end(b).</summary>
    Finishes,
    /// <summary>T_INTERSECTS: begin(a) &lt;= end(b) and end(a) &gt;= begin(b) (ends included).</summary>
    Intersects,
    /// <summary>T_MEETS: end(a) = begin(b).</summary>
    Meets,
    /// <summary>T_METBY: begin(a) = end(b).</summary>
    MetBy,
    /// <summary>T_OVERLAPPEDBY: begin(b) &lt; begin(a) &lt; end(b) &lt; end(a).</summary>
    OverlappedBy,
    /// <summary>T_OVERLAPS: begin(a) &lt; begin(b) &lt; end(a) &lt; end(b).</summary>
    Overlaps,
    /// <summary>T_STARTEDBY: begin(a) = begin(b) and end(a) &gt; end(b).</summary>
    StartedBy,
    /// <summary>T_STARTS: begin(a) = begin(b) and end(a) &lt; end(b).</summary>
    Starts,
}

/// <summary>The arithmetic operators of CQL2 (Arithmetic Expressions).</summary>
public enum ArithmeticOp
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/ (real division: 7 / 2 is 3.5)</summary>
    Divide,
    /// <summary>% (remainder, sign of the dividend)</summary>
    Modulo,
    /// <summary>div (integer division, truncated toward zero: 7 div 2 is 3)</summary>
    IntegerDivide,
    /// <summary>^ (power)</summary>
    Power,
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

    /// <summary>Arithmetic symbols (the same in both encodings; div is a word, matched in any case).</summary>
    public static readonly IReadOnlyDictionary<string, ArithmeticOp> Arithmetic = new Dictionary<string, ArithmeticOp>(StringComparer.OrdinalIgnoreCase)
    {
        ["+"] = ArithmeticOp.Add, ["-"] = ArithmeticOp.Subtract, ["*"] = ArithmeticOp.Multiply, ["/"] = ArithmeticOp.Divide,
        ["%"] = ArithmeticOp.Modulo, ["div"] = ArithmeticOp.IntegerDivide, ["^"] = ArithmeticOp.Power,
    };

    /// <summary>The temporal predicates the standard defines only between intervals (its second table):
    /// "using these functions with instants will result in a client error".</summary>
    public static readonly IReadOnlySet<TemporalOp> IntervalOnly = new HashSet<TemporalOp>
    {
        TemporalOp.Contains, TemporalOp.During, TemporalOp.FinishedBy, TemporalOp.Finishes, TemporalOp.Meets,
        TemporalOp.MetBy, TemporalOp.OverlappedBy, TemporalOp.Overlaps, TemporalOp.StartedBy, TemporalOp.Starts,
    };

    /// <summary>The cql2-text symbol of an arithmetic operator.</summary>
    public static string Symbol(ArithmeticOp op) => Arithmetic.First(a => a.Value == op).Key;

    /// <summary>The cql2-text symbol of a comparison.</summary>
    public static string Symbol(ComparisonOp op) => Comparisons.First(c => c.Op == op).Symbol;

    /// <summary>The cql2-text name of a spatial predicate, e.g. S_INTERSECTS.</summary>
    public static string Name(SpatialOp op) => Spatial.First(s => s.Value == op).Key;

    /// <summary>The cql2-text name of a temporal predicate, e.g. T_DURING.</summary>
    public static string Name(TemporalOp op) => Temporal.First(t => t.Value == op).Key;
}
