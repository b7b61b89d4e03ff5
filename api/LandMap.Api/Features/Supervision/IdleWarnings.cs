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
    /// <summary>One sheet: coming ones first, then the idle ones, Chinese headers.</summary>
    public ExportTable ToTable()
    {
        static object?[] Row(string kind, IdleWarning w) =>
            [kind, w.Code, w.ParkCode, w.Name, w.LandUser, w.LandUse, w.AreaMu, w.AreaM2,
             w.Rule == "halted" ? "中止开发建设满一年" : "超过约定动工日期满一年未动工", w.IdleOn, w.Days, w.AgreedStartOn, w.ActualStartOn, w.HaltedOn];
        return new("闲置土地预警",
            ["类别", "宗地编号", "园区", "名称", "土地使用者", "用地类型", "面积(亩)", "面积(平方米)",
             "闲置情形", "闲置起始日期", "天数(已闲置/距闲置)", "约定开工日期", "实际开工日期", "停工日期"],
            [.. BecomingIdle.Select(w => Row($"{w.Within}日内将闲置", w)), .. Idle.Select(w => Row("已闲置", w))]);
    }
}

/// <summary>The thresholds in force, echoed in the report (the settings under LandMap:Idle).</summary>
public sealed record IdleThresholds(int NotStartedYears, string BuiltAreaShare, string InvestmentShare, int HaltedYears);
