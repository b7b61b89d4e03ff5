using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Filtering;

/// <summary>
/// OGC API - Features Part 3 filtering in one call for the items route: the <c>filter</c>,
/// <c>filter-lang</c> and <c>filter-crs</c> parameters in, a SQL boolean expression with its
/// parameters out. Errors are <see cref="InvalidParameterException"/>s naming the parameter.
/// </summary>
public static class Cql2Filter
{
    /// <summary>The text encoding, the default filter-lang.</summary>
    public const string TextLanguage = "cql2-text";

    /// <summary>The JSON encoding.</summary>
    public const string JsonLanguage = "cql2-json";

    /// <summary>What this module implements, for /conformance (queryables, filter, CQL2 classes).</summary>
    public static readonly IReadOnlyList<string> ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
        "http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison",
        "http://www.opengis.net/spec/cql2/1.0/conf/arithmetic",
        "http://www.opengis.net/spec/cql2/1.0/conf/functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
    ];

    /// <summary>The functions filters may call, as OGC 21-065r2's /functions document (served at /ogc/functions).
    /// Array functions are not offered: no collection has an array-valued property (README, Filtering).</summary>
    public static System.Text.Json.Nodes.JsonObject FunctionsDocument() => Cql2Functions.Document();

    /// <summary>Parses a filter in the given language (null: cql2-text) and checks its bounds.</summary>
    public static Cql2Condition Parse(string filter, string? filterLang = null, Cql2Limits? limits = null) =>
        Language(filterLang) == JsonLanguage
            ? Cql2JsonParser.Parse(filter, limits)
            : Cql2TextParser.Parse(filter, limits);

    /// <summary>
    /// The SQL boolean expression for a filter on a collection, e.g. <c>(status = $3 and st_intersects(geom, ...))</c>,
    /// its values added to <paramref name="p"/>. <paramref name="filterCrs"/> is the CRS of the
    /// geometry literals (null: CRS84; parse filter-crs with <see cref="CrsRegistry.Parse"/>).
    /// </summary>
    public static string ToSql(string filter, string? filterLang, CollectionDef collection, SqlParameters p,
        CrsInfo? filterCrs = null, Cql2Limits? limits = null)
    {
        var condition = Parse(filter, filterLang, limits);
        var crs = filterCrs ?? CrsRegistry.Crs84;
        return new Cql2SqlWriter(collection, p, crs.Srid, crs.SwapAxes).Write(condition);
    }

    /// <summary>"cql-text", the draft's name that GDAL 3.6 sends, is read as cql2-text.</summary>
    public const string LegacyTextLanguage = "cql-text";

    private static string Language(string? filterLang) =>
        string.IsNullOrEmpty(filterLang) || filterLang == LegacyTextLanguage ? TextLanguage
        : filterLang is TextLanguage or JsonLanguage ? filterLang
        : throw new InvalidParameterException("filter-lang", $"filter-lang must be '{TextLanguage}' or '{JsonLanguage}'; got '{filterLang}'");
}
