using LandMap.Api.Filtering;
using LandMap.Api.Problems;
using NetTopologySuite.IO;

namespace LandMap.Tests.Filtering;

/// <summary>Short builders for expected CQL2 trees, and the one way tests expect a filter error.</summary>
internal static class Ast
{
    public static PropertyRef P(string name) => new(name);
    public static StringLit S(string value) => new(value);
    public static NumberLit N(double value) => new(value);
    public static DateLit D(string iso) => new(DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));
    public static TimestampLit Ts(string iso) => new(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));
    public static GeometryLit Wkt(string wkt) => new(new WKTReader().Read(wkt));
    public static ComparisonExpr Eq(Cql2Operand a, Cql2Operand b) => new(ComparisonOp.Equal, a, b);
    public static AndExpr And(params Cql2Condition[] args) => new(NodeList.Of(args));
    public static OrExpr Or(params Cql2Condition[] args) => new(NodeList.Of(args));
    public static NotExpr Not(Cql2Condition arg) => new(arg);

    public static Cql2Condition Text(string filter) => Cql2TextParser.Parse(filter);
    public static Cql2Condition Json(string filter) => Cql2JsonParser.Parse(filter);

    /// <summary>The filter error: parameter "filter" and a message containing every given fragment.</summary>
    public static string FilterError(Action act, params string[] fragments)
    {
        var e = Assert.Throws<InvalidParameterException>(act);
        Assert.Equal("filter", e.Parameter);
        foreach (var f in fragments)
            Assert.Contains(f, e.Message);
        return e.Message;
    }
}
