using NetTopologySuite.Geometries;

namespace LandMap.Api.Filtering;

/// <summary>A property of the collection, by its queryable name (e.g. <c>status</c> or <c>geometry</c>).</summary>
public sealed record PropertyRef(string Name) : Cql2Operand;

/// <summary>A character string.</summary>
public sealed record StringLit(string Value) : Cql2Operand;

/// <summary>A number; CQL2 does not tell integers from decimals, and neither does this tree.</summary>
public sealed record NumberLit(double Value) : Cql2Operand;

/// <summary>TRUE or FALSE.</summary>
public sealed record BooleanLit(bool Value) : Cql2Operand;

/// <summary><c>DATE('2014-06-30')</c>: a calendar day, no time zone.</summary>
public sealed record DateLit(DateOnly Value) : Cql2Operand;

/// <summary><c>TIMESTAMP('2014-06-30T08:00:00Z')</c>: an instant (offsets are kept; equality is by instant).</summary>
public sealed record TimestampLit(DateTimeOffset Value) : Cql2Operand;

/// <summary><c>INTERVAL(start, end)</c>, both ends included; an end is a date, a timestamp, a property or <see cref="OpenEnd"/>.</summary>
public sealed record IntervalLit(Cql2Operand Start, Cql2Operand End) : Cql2Operand;

/// <summary>The open end <c>'..'</c> of an interval: unbounded on that side.</summary>
public sealed record OpenEnd : Cql2Operand
{
    /// <summary>The one open end.</summary>
    public static readonly OpenEnd Instance = new();
}

/// <summary>A geometry literal (WKT in cql2-text, GeoJSON in cql2-json), in the filter's CRS. Z values
/// are accepted and dropped: geometries are stored 2D, so every predicate compares in 2D.</summary>
public sealed record GeometryLit(Geometry Value) : Cql2Operand;

/// <summary><c>BBOX(minx, miny, maxx, maxy)</c> or <c>{"bbox": [...]}</c>, in the filter's CRS axis order.</summary>
public sealed record BboxLit(double MinX, double MinY, double MaxX, double MaxY) : Cql2Operand;

/// <summary><c>CASEI(x)</c>: compare text without regard to case.</summary>
public sealed record CaseInsensitive(Cql2Operand Arg) : Cql2Operand;

/// <summary><c>ACCENTI(x)</c>: compare text without regard to accents (PostgreSQL's unaccent).</summary>
public sealed record AccentInsensitive(Cql2Operand Arg) : Cql2Operand;

/// <summary><c>left op right</c> with + - * / % div ^ (Arithmetic Expressions); a unary minus is
/// <c>-1 * x</c>. Any NULL operand makes the whole NULL, as the standard asks.</summary>
public sealed record ArithmeticExpr(ArithmeticOp Op, Cql2Operand Left, Cql2Operand Right) : Cql2Operand;

/// <summary><c>name(arg, ...)</c>: a function of the server's list (<see cref="Cql2Functions"/>); the
/// parsers accept any name, the SQL writer refuses names the server does not have.</summary>
public sealed record FunctionCall(string Name, NodeList<Cql2Operand> Args) : Cql2Operand;
