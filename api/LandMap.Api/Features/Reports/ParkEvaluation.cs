using LandMap.Api.Exports;

namespace LandMap.Api.Features.Reports;

/// <summary>
/// A park's land-use evaluation on a date, as national development-zone evaluations use it
/// (开发区土地集约利用评价). Areas in mu (ellipsoid); rates as fractions, null when their base is 0.
/// </summary>
/// <param name="Park">Park code; null for the whole zone.</param>
/// <param name="NameZh">The park's Chinese name (全区 for the zone).</param>
/// <param name="NameEn">The park's English name.</param>
/// <param name="ParkAreaMu">The park's own area (its boundary on the ellipsoid).</param>
/// <param name="ApprovedMu">Land ready for supply: approved (approved_on by the date) or already supplied.</param>
/// <param name="SuppliedMu">Land supplied (sold or allocated) by the date.</param>
/// <param name="BuiltMu">Supplied land whose construction was completed by the date.</param>
/// <param name="AwaitingConstructionMu">Supplied land not started by the date (供而未用 and the not-started idle land).</param>
/// <param name="IdleMu">Land idle on the date (either idle rule).</param>
/// <param name="ApprovedUnsuppliedMu">批而未供 on the date.</param>
/// <param name="DevelopmentRate">土地开发率: approved / park area.</param>
/// <param name="SupplyRate">土地供应率: supplied / approved.</param>
/// <param name="BuiltUpRate">土地建成率: built / supplied.</param>
/// <param name="IndustrialPlotRatio">工业用地综合容积率: area-weighted plot ratio of completed industrial (06) parcels.</param>
/// <param name="InvestmentPerMuWan">工业用地投入强度 (万元/亩): actual investment over the area of completed industrial parcels.</param>
public sealed record ParkEvaluation(
    string? Park, string NameZh, string NameEn, double ParkAreaMu,
    double ApprovedMu, double SuppliedMu, double BuiltMu, double AwaitingConstructionMu, double IdleMu, double ApprovedUnsuppliedMu,
    double? DevelopmentRate, double? SupplyRate, double? BuiltUpRate, double? IndustrialPlotRatio, double? InvestmentPerMuWan)
{
    /// <summary>Chinese headers of <see cref="Cells"/>.</summary>
    public static readonly string[] Headers =
    [
        "园区", "园区面积(亩)", "已具备供地条件(亩)", "已供应(亩)", "已建成(亩)", "待建设(亩)", "闲置(亩)", "批而未供(亩)",
        "土地开发率", "土地供应率", "土地建成率", "工业用地综合容积率", "工业用地投入强度(万元/亩)",
    ];

    /// <summary>The evaluation as one spreadsheet row.</summary>
    public object?[] Cells() =>
        [NameZh, ParkAreaMu, ApprovedMu, SuppliedMu, BuiltMu, AwaitingConstructionMu, IdleMu, ApprovedUnsuppliedMu,
         DevelopmentRate, SupplyRate, BuiltUpRate, IndustrialPlotRatio, InvestmentPerMuWan];
}

/// <summary>Every park's evaluation (and the zone's) on a date.</summary>
public sealed record ParkEvaluationReport(DateOnly Date, ParkEvaluation Zone, IReadOnlyList<ParkEvaluation> Parks)
{
    /// <summary>One row per park, then the zone, Chinese headers.</summary>
    public ExportTable ToTable() => new($"园区评价{Date:yyyyMMdd}", ["日期", .. ParkEvaluation.Headers],
        [.. Parks.Append(Zone).Select(p => (object?[])[Date, .. p.Cells()])]);
}

/// <summary>The evaluation at the end of each year (31 December), for the zone or one park.</summary>
public sealed record ParkEvaluationSeries(int From, int To, string? Park, IReadOnlyList<YearEvaluation> Years)
{
    /// <summary>One row per year, Chinese headers.</summary>
    public ExportTable ToTable() => new("园区评价时间序列", ["年度", .. ParkEvaluation.Headers],
        [.. Years.Select(y => (object?[])[y.Year, .. y.Evaluation.Cells()])]);
}

/// <summary>One year of an evaluation series.</summary>
public sealed record YearEvaluation(int Year, ParkEvaluation Evaluation);

/// <summary>Parcels of a land-use class (GB/T 21010 first level) in one state on the date.</summary>
public sealed record ClassStateArea(string? State, string? StateZh, int Parcels, double AreaM2, double AreaMu);

/// <summary>A land-use class's parcels on the date, in total and by state.</summary>
public sealed record LandUseClassArea(
    string ClassCode, string NameZh, string NameEn, int Parcels, double AreaM2, double AreaMu, IReadOnlyList<ClassStateArea> States);

/// <summary>Statistics by land-use class on a date (states computed for that date).</summary>
public sealed record LandUseReport(DateOnly Date, string? Park, IReadOnlyList<LandUseClassArea> Classes)
{
    /// <summary>One row per (class, state), Chinese headers and state names.</summary>
    public ExportTable ToTable() => new("用地分类统计", ["日期", "地类编码", "地类名称", "状态", "宗数", "面积(平方米)", "面积(亩)"],
        [.. Classes.SelectMany(c => c.States.Select(s => (object?[])[Date, c.ClassCode, c.NameZh, s.StateZh ?? "未入周期", s.Parcels, s.AreaM2, s.AreaMu]))]);
}
