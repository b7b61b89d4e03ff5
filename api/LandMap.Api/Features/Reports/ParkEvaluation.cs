using LandMap.Api.Exports;

namespace LandMap.Api.Features.Reports;

/// <summary>
/// A park's land-use evaluation on a date, in the terms of TD/T 1029《开发区土地集约利用评价规程》.
/// Areas in mu (ellipsoid); rates as fractions in JSON (percentages in the exports), null when their base is 0.
/// </summary>
/// <param name="Park">Park code; null for the whole zone.</param>
/// <param name="NameZh">The park's Chinese name (全区 for the zone).</param>
/// <param name="NameEn">The park's English name.</param>
/// <param name="ParkAreaMu">The park's own area (its boundary on the ellipsoid): 开发区土地总面积.</param>
/// <param name="ApprovedMu">已达到供地条件的土地 (land ready for supply): approved (approved_on by the date) or already supplied.</param>
/// <param name="SuppliedMu">已供应国有建设用地 (land supplied, sold or allocated) by the date.</param>
/// <param name="BuiltMu">已建成城镇建设用地: supplied land whose construction was completed by the date.</param>
/// <param name="AwaitingConstructionMu">待建设 (供而未用 and the not-started idle land): supplied land not started by the date.</param>
/// <param name="IdleMu">闲置土地 on the date (either idle rule).</param>
/// <param name="ApprovedUnsuppliedMu">批而未供 on the date.</param>
/// <param name="DevelopmentRate">土地开发率: 已达到供地条件的土地 / park area.</param>
/// <param name="SupplyRate">土地供应率: supplied / 已达到供地条件的土地.</param>
/// <param name="BuiltUpRate">土地建成率: built / supplied.</param>
/// <param name="IndustrialPlotRatio">工业用地综合容积率: area-weighted plot ratio of completed industrial (06) parcels.</param>
/// <param name="InvestmentPerMuWan">工业用地固定资产投入强度 in 万元/亩: actual investment over the area of completed industrial parcels.</param>
/// <param name="InvestmentPerHectareWan">工业用地固定资产投入强度 in 万元/公顷 (the unit TD/T 1029 reports it in): 15 × the 万元/亩 figure.</param>
public sealed record ParkEvaluation(
    string? Park, string NameZh, string NameEn, double ParkAreaMu,
    double ApprovedMu, double SuppliedMu, double BuiltMu, double AwaitingConstructionMu, double IdleMu, double ApprovedUnsuppliedMu,
    double? DevelopmentRate, double? SupplyRate, double? BuiltUpRate, double? IndustrialPlotRatio, double? InvestmentPerMuWan,
    double? InvestmentPerHectareWan)
{
    /// <summary>The headers of <see cref="Cells"/>, Chinese and English.</summary>
    public static readonly (string Zh, string En)[] Headers =
    [
        ("园区", "Park"), ("开发区土地总面积（亩）", "Park area (mu)"), ("已达到供地条件的土地（亩）", "Land ready for supply (mu)"),
        ("已供应国有建设用地（亩）", "State construction land supplied (mu)"), ("已建成城镇建设用地（亩）", "Land built (mu)"),
        ("待建设（亩）", "Awaiting construction (mu)"), ("闲置土地（亩）", "Idle land (mu)"), ("批而未供（亩）", "Approved and not supplied (mu)"),
        ("土地开发率", "Development rate"), ("土地供应率", "Supply rate"), ("土地建成率", "Built-up rate"),
        ("工业用地综合容积率", "Industrial plot ratio"),
        ("工业用地固定资产投入强度（万元/公顷）", "Industrial fixed-asset investment intensity (10⁴ CNY/ha)"),
        ("工业用地固定资产投入强度（万元/亩）", "Industrial fixed-asset investment intensity (10⁴ CNY/mu)"),
    ];

    /// <summary>The evaluation as one spreadsheet row, rates as percentages.</summary>
    public object?[] Cells(ExportLabels labels) =>
        [Park is null ? labels.Header(NameZh, NameEn) : labels.Park(Park), ParkAreaMu, ApprovedMu, SuppliedMu, BuiltMu,
         AwaitingConstructionMu, IdleMu, ApprovedUnsuppliedMu,
         ExportLanguages.Percent(DevelopmentRate), ExportLanguages.Percent(SupplyRate), ExportLanguages.Percent(BuiltUpRate),
         IndustrialPlotRatio, InvestmentPerHectareWan, InvestmentPerMuWan];

    /// <summary>The headers in the labels' language.</summary>
    public static string[] HeadersIn(ExportLabels labels) => [.. Headers.Select(h => labels.Header(h.Zh, h.En))];
}

/// <summary>Every park's evaluation (and the zone's) on a date.</summary>
public sealed record ParkEvaluationReport(DateOnly Date, ParkEvaluation Zone, IReadOnlyList<ParkEvaluation> Parks)
{
    /// <summary>One row per park, then the zone.</summary>
    public ExportTable ToTable(ExportLabels l) => new(l.Header($"园区评价{Date:yyyyMMdd}", $"Parks {Date:yyyyMMdd}"),
        [l.Header("日期", "Date"), .. ParkEvaluation.HeadersIn(l)],
        [.. Parks.Append(Zone).Select(p => (object?[])[Date, .. p.Cells(l)])]);
}

/// <summary>The evaluation at the end of each year (31 December), for the zone or one park.</summary>
public sealed record ParkEvaluationSeries(int From, int To, string? Park, IReadOnlyList<YearEvaluation> Years)
{
    /// <summary>One row per year.</summary>
    public ExportTable ToTable(ExportLabels l) => new(l.Header("园区评价时间序列", "Park evaluation by year"),
        [l.Header("年度", "Year"), .. ParkEvaluation.HeadersIn(l)],
        [.. Years.Select(y => (object?[])[y.Year, .. y.Evaluation.Cells(l)])]);
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
    /// <summary>One row per (class, state), state names from the vocabulary.</summary>
    public ExportTable ToTable(ExportLabels l) => new(l.Header("用地分类统计", "Land use by class"),
        [l.Header("日期", "Date"), l.Header("地类编码", "Class code"), l.Header("地类名称", "Class"), l.Header("状态", "State"),
         l.Header("宗数", "Parcels"), l.Header("面积（平方米）", "Area (m²)"), l.Header("面积（亩）", "Area (mu)")],
        [.. Classes.SelectMany(c => c.States.Select(s => (object?[])[Date, c.ClassCode, l.Header(c.NameZh, c.NameEn),
            s.State is null ? l.Header("未入周期", "Not in the lifecycle") : l.State(s.State), s.Parcels, s.AreaM2, s.AreaMu]))]);
}
