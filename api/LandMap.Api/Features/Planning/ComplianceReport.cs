using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Exports;

namespace LandMap.Api.Features.Planning;

/// <summary>A compliance rule as the report names it.</summary>
public sealed record ComplianceRule(string Code, string NameZh, string NameEn, string Color);

/// <summary>
/// One failed rule of a parcel: <c>Ref</c> is the plan zone, control line or protected area failed
/// against (the document for the national industrial controls); <c>PlanValue</c> the plan's (or the
/// national) figure and <c>ParcelValue</c> the parcel's for the ratio rules; <c>PlanUse</c> and
/// <c>ParcelUse</c> the codes compared for use_mismatch; <c>AreaM2</c> the part of the parcel in the
/// zone, or the area taken from the line or the protected area (null for the national controls).
/// </summary>
public sealed record ComplianceFailure(string Rule, string NameZh, string NameEn, string Ref, double? PlanValue,
    double? ParcelValue, string? PlanUse, string? ParcelUse, double? AreaM2);

/// <summary>A parcel that fails at least one rule, with each failure. <c>LandUse</c> is the use checked:
/// the approved use, else the current one. <c>Rules</c>: the failed rules' codes as the computed
/// property <c>noncompliant_rules</c> gives them.</summary>
public sealed record NoncompliantParcel(string Code, string? Name, string ParkCode, string LandUse, string? LandUseEdition,
    double AreaM2, double AreaMu, string Rules, IReadOnlyList<ComplianceFailure> Failures)
{
    /// <summary>The area unrounded, for sums rounded once.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double ExactM2 { get; init; } = AreaM2;
}

/// <summary>The compliance report on a date: the noncompliant parcels (of a park, failing a rule, when asked).</summary>
public sealed record ComplianceReport(DateOnly Date, string? Park, string? Rule, int Parcels, double AreaMu,
    IReadOnlyList<NoncompliantParcel> NoncompliantParcels)
{
    /// <summary>One row per failure; parks, rules and uses by their names in the labels' language.</summary>
    public ExportTable ToTable(ExportLabels x) => new(x.Header("规划符合性", "Planning compliance"),
        [x.Header("宗地编号", "Parcel code"), x.Header("名称", "Name"), x.Header("园区", "Park"), x.Header("用地类型", "Land use"),
         x.Header("宗地面积（亩）", "Parcel area (mu)"), x.Header("不符合规则", "Rule failed"),
         x.Header("规划地块/控制线/保护区域", "Plan zone, control line or protected area"), x.Header("规划指标", "Plan figure"),
         x.Header("宗地指标", "Parcel figure"), x.Header("规划用途", "Planned use"), x.Header("宗地用途", "Parcel use"),
         x.Header("涉及面积（平方米）", "Area concerned (m²)")],
        [.. NoncompliantParcels.SelectMany(p => p.Failures.Select(f => (IReadOnlyList<object?>)
            [p.Code, p.Name, x.Park(p.ParkCode), x.LandUse(p.LandUse, p.LandUseEdition), p.AreaMu,
             x.Term(VocabularyTables.ComplianceRules, f.Rule), f.Ref, f.PlanValue, f.ParcelValue,
             x.LandUse(f.PlanUse), x.LandUse(f.ParcelUse, f.ParcelUse == p.LandUse ? p.LandUseEdition : null), f.AreaM2]))]);

    /// <summary>Parcels and their area by rule, each parcel counted once per rule (its whole area),
    /// the areas summed unrounded and rounded once; every rule listed, failed or not.
    /// <paramref name="notChecked"/>: by rule, the parcels the rule applies to but lacks the figure of.</summary>
    public ComplianceTotals Totals(IReadOnlyList<ComplianceRule> rules, IReadOnlyDictionary<string, int> notChecked) =>
        new(Date, Park, Parcels, AreaMu, [.. rules.Select(r =>
        {
            var failing = NoncompliantParcels.Where(p => p.Failures.Any(f => f.Rule == r.Code)).ToList();
            return new RuleTotal(r.Code, r.NameZh, r.NameEn, r.Color, failing.Count, LandArea.Mu(failing.Sum(p => p.ExactM2)),
                notChecked.GetValueOrDefault(r.Code));
        })]);
}

/// <summary>One rule's total: the parcels failing it and their area in mu.
/// <c>NotChecked</c>: the parcels it applies to that lack the figure it compares (not checked, never passed).</summary>
public sealed record RuleTotal(string Rule, string NameZh, string NameEn, string Color, int Parcels, double AreaMu, int NotChecked);

/// <summary>The totals by rule on a date; <c>Parcels</c> and <c>AreaMu</c>: the noncompliant parcels, each once.</summary>
public sealed record ComplianceTotals(DateOnly Date, string? Park, int Parcels, double AreaMu, IReadOnlyList<RuleTotal> Rules)
{
    /// <summary>One row per rule.</summary>
    public ExportTable ToTable(ExportLabels x) => new(x.Header("规划符合性汇总", "Planning compliance totals"),
        [x.Header("规则", "Rule"), x.Header("名称", "Name"), x.Header("宗数", "Parcels"), x.Header("面积（亩）", "Area (mu)"),
         x.Header("未检查宗数（缺指标）", "Not checked")],
        [.. Rules.Select(r => (IReadOnlyList<object?>)[r.Rule, x.Header(r.NameZh, r.NameEn), r.Parcels, r.AreaMu, r.NotChecked])]);
}
