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

public sealed record LandIndicatorsReport(int Year, IReadOnlyList<IndicatorValue> Indicators, string Source);

public static class LandIndicators
{
    public const double SquareMetresPerMu = 10000.0 / 15.0;

    public static readonly IReadOnlyList<IndicatorDef> All =
    [
        new("industrial_land_sold", "出让工业用地", "Industrial land sold", "sold", "06"),
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
