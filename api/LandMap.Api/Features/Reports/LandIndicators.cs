using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Exports;

namespace LandMap.Api.Features.Reports;

/// <summary>
/// One land indicator of the zone's work report: the parcels that had an event of a kind in a
/// year (optionally only of a land-use class), measured by their geometry on the ellipsoid.
/// </summary>
public sealed record IndicatorDef(string Key, string NameZh, string NameEn, string EventKind, string? LandUseClass);

/// <summary>An indicator's value for a year; <c>ReportedMu</c> is the work report's own figure where it has one.</summary>
public sealed record IndicatorValue(
    string Key, string NameZh, string NameEn, string Event, string? LandUseClass,
    int Parcels, double AreaM2, double AreaMu, double? ReportedMu);

/// <summary>
/// The indicators of a year for the zone (or, with <c>Park</c>, for that park), and the same per park.
/// <c>ReportedMu</c> is given for the whole zone only: the work report has no per-park figures.
/// </summary>
public sealed record LandIndicatorsReport(
    int Year, string? Park, IReadOnlyList<IndicatorValue> Indicators, IReadOnlyList<ParkIndicatorValues> Parks, string Source)
{
    /// <summary>One row per (park or whole zone, indicator); events and parks by their names.</summary>
    public ExportTable ToTable(ExportLabels l) => new(l.Header($"土地指标{Year}", $"Land indicators {Year}"),
        [l.Header("年度", "Year"), l.Header("园区", "Park"), l.Header("指标", "Indicator"), l.Header("事件", "Event"),
         l.Header("宗数", "Parcels"), l.Header("面积（平方米）", "Area (m²)"), l.Header("面积（亩）", "Area (mu)"), l.Header("报告数（亩）", "Reported (mu)")],
        [.. (Park is null ? Indicators.Select(i => Row(l, null, i)) : []),
         .. Parks.SelectMany(p => p.Indicators.Select(i => Row(l, p.Park, i)))]);

    private object?[] Row(ExportLabels l, string? park, IndicatorValue i) =>
        [Year, park is null ? l.Header("全区", "Whole zone") : l.Park(park), l.Header(i.NameZh, i.NameEn),
         l.Term(VocabularyTables.EventKinds, i.Event), i.Parcels, i.AreaM2, i.AreaMu, park is null ? i.ReportedMu : null];
}

/// <summary>A park's indicators for the year.</summary>
public sealed record ParkIndicatorValues(string Park, string NameZh, string NameEn, IReadOnlyList<IndicatorValue> Indicators);

/// <summary>An indicator's value in one year of a series.</summary>
public sealed record YearValue(int Year, int Parcels, double AreaM2, double AreaMu, double? ReportedMu);

/// <summary>One indicator year by year.</summary>
public sealed record IndicatorSeries(string Key, string NameZh, string NameEn, string Event, string? LandUseClass, IReadOnlyList<YearValue> Values);

/// <summary>Every indicator year by year, for the zone or one park.</summary>
public sealed record LandIndicatorSeries(int From, int To, string? Park, IReadOnlyList<IndicatorSeries> Indicators)
{
    /// <summary>One row per (indicator, year).</summary>
    public ExportTable ToTable(ExportLabels l) => new(l.Header("土地指标时间序列", "Land indicators by year"),
        [l.Header("指标", "Indicator"), l.Header("年度", "Year"), l.Header("宗数", "Parcels"), l.Header("面积（平方米）", "Area (m²)"),
         l.Header("面积（亩）", "Area (mu)"), l.Header("报告数（亩）", "Reported (mu)")],
        [.. Indicators.SelectMany(i => i.Values.Select(v => new object?[] { l.Header(i.NameZh, i.NameEn), v.Year, v.Parcels, v.AreaM2, v.AreaMu, v.ReportedMu }))]);
}

/// <summary>The zone's land indicators (the work report's land figures) and the report's own figures.</summary>
public static class LandIndicators
{
    public static readonly IReadOnlyList<IndicatorDef> All =
    [
        new("industrial_land_sold", "出让工业用地", "Industrial land sold", "sold", LandUseClasses.Industrial),
        new("unsupplied_unused_cleared", "清理批而未供、供而未用土地", "Approved-unsupplied and supplied-unused land cleared", "cleared", null),
        new("low_efficiency_redevelopment_started", "启动城镇低效用地再开发", "Low-efficiency land redevelopment started", "redevelopment_started", null),
        new("stock_land_revitalised", "盘活存量建设用地", "Stock construction land revitalised", "revitalised", null),
        new("tidal_flat_reported", "报批荒滩未利用地", "Unused tidal flats reported for approval", "reported_for_approval", null),
        new("land_reclaimed", "围垦土地", "Land reclaimed", "reclaimed", null),
    ];

    /// <summary>The figures of the zone's 2014 work report (亩), which the sample data reproduces.</summary>
    public static readonly IReadOnlyDictionary<(int Year, string Key), double> Reported = new Dictionary<(int, string), double>
    {
        [(2014, "industrial_land_sold")] = 776,
        [(2014, "unsupplied_unused_cleared")] = 4494,
        [(2014, "low_efficiency_redevelopment_started")] = 1601,
        [(2014, "stock_land_revitalised")] = 620,
        [(2014, "tidal_flat_reported")] = 2505,
    };
}
