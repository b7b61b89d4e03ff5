using LandMap.Api.Exports;

namespace LandMap.Api.Features.Supervision;

/// <summary>
/// A parcel idle on the date or becoming idle within the window. <c>IdleOn</c> is the first idle
/// day; <c>Days</c> is how long it has been idle (idle) or how many days remain (becoming idle);
/// <c>Within</c> is the 30/60/90-day band of a coming one.
/// </summary>
public sealed record IdleWarning(
    string Code, string ParkCode, string? Name, string? LandUser, string LandUse, double AreaM2, double AreaMu,
    string Rule, DateOnly IdleOn, int Days, int? Within, DateOnly? AgreedStartOn, DateOnly? ActualStartOn, DateOnly? HaltedOn);

/// <summary>Count and area of a group of warnings.</summary>
public sealed record WarningTotal(int Parcels, double AreaMu);

/// <summary>The early-warning list of idle land (闲置土地预警) on a date.</summary>
public sealed record IdleWarningsReport(
    DateOnly Date, int Within, string? Park, IdleThresholds Rules,
    IReadOnlyDictionary<string, WarningTotal> Totals,
    IReadOnlyList<IdleWarning> BecomingIdle, IReadOnlyList<IdleWarning> Idle)
{
    /// <summary>One sheet: coming ones first, then the idle ones; parks and land uses by their names
    /// in the labels' language, the idle rule in the words of Article 2.</summary>
    public ExportTable ToTable(ExportLabels x)
    {
        object?[] Row(string kind, IdleWarning w) =>
            [kind, w.Code, x.Park(w.ParkCode), w.Name, w.LandUser, x.LandUse(w.LandUse), w.AreaMu, w.AreaM2,
             w.Rule == "halted"
                 ? x.Header("中止开发建设满一年", "Development halted a full year")
                 : x.Header("超过约定动工开发日期满一年未动工开发", "Not started a full year after the agreed start"),
             w.IdleOn, w.Days, w.AgreedStartOn, w.ActualStartOn, w.HaltedOn];
        return new(x.Header("闲置土地预警", "Idle land warnings"),
            [x.Header("类别", "List"), x.Header("宗地编号", "Parcel code"), x.Header("园区", "Park"), x.Header("名称", "Name"),
             x.Header("国有建设用地使用权人", "Holder of the land-use right"), x.Header("用地类型", "Land use"),
             x.Header("面积（亩）", "Area (mu)"), x.Header("面积（平方米）", "Area (m²)"), x.Header("闲置情形", "Idle rule"),
             x.Header("闲置起始日期", "Idle from"), x.Header("天数（已闲置/距闲置）", "Days (idle for / until idle)"),
             x.Header("约定开工日期", "Agreed start"), x.Header("实际开工日期", "Actual start"), x.Header("中止开发建设日期", "Development halted on")],
            [.. BecomingIdle.Select(w => Row(x.Header($"{w.Within}日内将闲置", $"Idle within {w.Within} days"), w)),
             .. Idle.Select(w => Row(x.Header("已闲置", "Idle"), w))]);
    }
}

/// <summary>The thresholds in force, echoed in the report (the settings under LandMap:Idle).</summary>
public sealed record IdleThresholds(int NotStartedYears, string BuiltAreaShare, string InvestmentShare, int HaltedYears);
