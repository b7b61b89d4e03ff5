using System.Globalization;
using NetTopologySuite.IO;

namespace LandMap.Api.Filtering;

/// <summary>
/// Writes a CQL2 tree back as cql2-text, for error messages: a message names the client's own
/// value (<c>CASEI('IDLE')</c>), never an internal object (records print as <c>CaseInsensitive { Arg = ... }</c>).
/// </summary>
public static class Cql2Text
{
    /// <summary>The node in cql2-text, shortened to about 60 characters.</summary>
    public static string Of(Cql2Node node)
    {
        var text = Write(node);
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    /// <summary>The node in cql2-text, whole: parsing it gives the same tree back.</summary>
    public static string Write(Cql2Node node) => node switch
    {
        AndExpr a => "(" + string.Join(" AND ", a.Args.Select(Write)) + ")",
        OrExpr o => "(" + string.Join(" OR ", o.Args.Select(Write)) + ")",
        NotExpr n => "NOT " + Write(n.Arg),
        BooleanCondition b => Write(b.Value),
        ComparisonExpr c => $"{Write(c.Left)} {Cql2Operators.Symbol(c.Op)} {Write(c.Right)}",
        LikeExpr l => $"{Write(l.Value)} LIKE {Write(l.Pattern)}",
        BetweenExpr b => $"{Write(b.Value)} BETWEEN {Write(b.Low)} AND {Write(b.High)}",
        InExpr i => $"{Write(i.Value)} IN ({string.Join(", ", i.List.Select(Write))})",
        IsNullExpr n => $"{Write(n.Value)} IS NULL",
        SpatialExpr s => $"{Cql2Operators.Name(s.Op)}({Write(s.Left)}, {Write(s.Right)})",
        DWithinExpr d => $"S_DWITHIN({Write(d.Left)}, {Write(d.Right)}, {Number(d.Metres)}, meters)",
        TemporalExpr t => $"{Cql2Operators.Name(t.Op)}({Write(t.Left)}, {Write(t.Right)})",
        PropertyRef p => p.Name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or ':') ? p.Name : $"\"{p.Name.Replace("\"", "\"\"")}\"",
        StringLit s => $"'{s.Value.Replace("'", "''")}'",
        NumberLit n => Number(n.Value),
        BooleanLit b => b.Value ? "TRUE" : "FALSE",
        DateLit d => $"DATE('{d.Value:yyyy-MM-dd}')",
        TimestampLit t => $"TIMESTAMP('{t.Value.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss.FFFFFFF}Z')",
        IntervalLit i => $"INTERVAL({Write(i.Start)}, {Write(i.End)})",
        OpenEnd => "'..'",
        GeometryLit g => new WKTWriter().Write(g.Value),
        BboxLit b => $"BBOX({Number(b.MinX)}, {Number(b.MinY)}, {Number(b.MaxX)}, {Number(b.MaxY)})",
        CaseInsensitive c => $"CASEI({Write(c.Arg)})",
        AccentInsensitive a => $"ACCENTI({Write(a.Arg)})",
        ArithmeticExpr a => $"({Write(a.Left)} {Cql2Operators.Symbol(a.Op)} {Write(a.Right)})",
        FunctionCall f => $"{f.Name}({string.Join(", ", f.Args.Select(Write))})",
        _ => "?",
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
