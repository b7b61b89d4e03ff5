using System.Globalization;
using static LandMap.Api.Features.Planning.SiteRules;

namespace LandMap.Api.Features.Planning;

/// <summary>A plan zone as the rules see it: the zone and whether it allows the proposed use
/// (plan_use_allows, decided in SQL; null without a proposed use).</summary>
public sealed record ZoneUnderSite(SitePlanZone Zone, bool? AllowsUse);

/// <summary>
/// The rules of a site check, each stated once, on what the overlay found. A figure exactly at a
/// zone's bound passes (the bounds are inclusive: 容积率 ≤ 上限, 绿地率 ≥ 下限); figures are decimals, so
/// 2.5 against a limit of 2.50 is equal, never 2.4999999. Each zone the site falls in is checked on its
/// own (with its share of the site), since a site across two zones must obey both.
/// </summary>
public static class SiteVerdicts
{
    /// <summary>Every rule's verdict, in the contract's order.</summary>
    public static List<SiteVerdict> Judge(IReadOnlyList<ZoneUnderSite> zones, SiteUse? use, SiteProposal proposal,
        IReadOnlyList<SiteConstraint> lines, IReadOnlyList<SiteConstraint> areas, double siteM2, double coveredM2, double toleranceM2) =>
    [
        Use(zones, use),
        Bound(PlotRatio, "容积率", "plot ratio", proposal.PlotRatio, zones, z => z.PlotRatioMin, z => z.PlotRatioMax),
        Bound(BuildingDensity, "建筑密度", "building density", proposal.BuildingDensity, zones, _ => null, z => z.BuildingDensityMax),
        Bound(GreenRatio, "绿地率", "green ratio", proposal.GreenRatio, zones, z => z.GreenRatioMin, _ => null),
        Clear(ControlLines, "控制线", "control line", lines, toleranceM2),
        Clear(ProtectedAreas, "保护区域", "protected area", areas, toleranceM2),
        Coverage(siteM2, coveredM2, toleranceM2),
    ];

    private static SiteVerdict Use(IReadOnlyList<ZoneUnderSite> zones, SiteUse? use)
    {
        if (use is null) return Unchecked(SiteRules.Use, "未给出拟用途。", "No proposed use given.");
        if (zones.Count == 0) return Unchecked(SiteRules.Use, "场地不在任何现行规划地块内。", "No plan zone in force covers the site.");
        var refused = zones.Where(z => z.AllowsUse != true).ToList();
        var figures = new Dictionary<string, object?>
        {
            ["proposedUse"] = use.Code, ["proposedUseEdition"] = use.Edition, ["planClass"] = use.PlanClass,
            ["zones"] = zones.Select(z => new { z.Zone.Code, z.Zone.LandUse, z.Zone.PlanClass, z.Zone.Share, Allowed = z.AllowsUse == true }).ToList(),
            ["disallowedShare"] = Math.Round(refused.Sum(z => z.Zone.Share), 4),
        };
        if (refused.Count == 0)
            return new(SiteRules.Use, Pass, $"拟用途 {use.Code} 符合规划用地性质。", $"The proposed use {use.Code} is what the plan allows.", figures);
        var list = string.Join(", ", refused.Select(z => $"{z.Zone.Code} ({z.Zone.LandUse}, {Percent(z.Zone.Share)})"));
        return new(SiteRules.Use, Fail, $"拟用途 {use.Code}（{use.PlanClass ?? "无规划类别"}）不符合规划地块 {list} 的用地性质。",
            $"The proposed use {use.Code} ({use.PlanClass ?? "no planning class"}) is not what plan zone(s) {list} allow.", figures);
    }

    private static SiteVerdict Bound(string rule, string zh, string en, decimal? value, IReadOnlyList<ZoneUnderSite> zones,
        Func<SitePlanZone, decimal?> min, Func<SitePlanZone, decimal?> max)
    {
        if (value is not { } v) return Unchecked(rule, $"未给出{zh}。", $"No {en} given.");
        var bounded = zones.Select(z => z.Zone).Where(z => min(z) is not null || max(z) is not null).ToList();
        if (bounded.Count == 0) return Unchecked(rule, $"场地所在规划地块未规定{zh}。", $"No plan zone under the site sets a {en} bound.");
        var rows = bounded.Select(z => new
        {
            z.Code, Min = min(z), Max = max(z), z.Share,
            Within = (min(z) is not { } lo || v >= lo) && (max(z) is not { } hi || v <= hi),
        }).ToList();
        var figures = new Dictionary<string, object?> { ["value"] = v, ["zones"] = rows };
        var outside = rows.Where(r => !r.Within).ToList();
        if (outside.Count == 0)
            return new(rule, Pass, $"{zh} {D(v)} 在规划指标内。", $"The {en} {D(v)} is within the plan's bounds.", figures);
        var list = string.Join(", ", outside.Select(r => $"{r.Code} [{D(r.Min) ?? "-"}, {D(r.Max) ?? "-"}]"));
        return new(rule, Fail, $"{zh} {D(v)} 超出规划地块 {list} 的指标。", $"The {en} {D(v)} is outside the bounds of plan zone(s) {list}.", figures);
    }

    private static SiteVerdict Clear(string rule, string zh, string en, IReadOnlyList<SiteConstraint> found, double toleranceM2)
    {
        var taken = found.Where(c => c.OverlapM2 > toleranceM2).ToList();
        var figures = new Dictionary<string, object?>
        {
            ["toleranceM2"] = toleranceM2,
            ["overlapM2"] = Math.Round(taken.Sum(c => c.OverlapM2), 2),
            ["items"] = taken.Select(c => new { c.Code, c.Kind, c.Name, c.OverlapM2 }).ToList(),
        };
        if (taken.Count == 0)
            return new(rule, Pass, $"场地未占用{zh}。", $"The site takes no {en}.", figures);
        var list = string.Join(", ", taken.Select(c => $"{c.Code} {c.Name} ({c.KindName ?? c.Kind}) {c.OverlapM2.ToString("0.##", CultureInfo.InvariantCulture)} m²"));
        return new(rule, Fail, $"场地占用{zh}：{list}。", $"The site takes {en}(s): {list}.", figures);
    }

    private static SiteVerdict Coverage(double siteM2, double coveredM2, double toleranceM2)
    {
        var uncovered = Math.Max(0, siteM2 - coveredM2);
        var figures = new Dictionary<string, object?>
        {
            ["coveredM2"] = Math.Round(coveredM2, 2), ["uncoveredM2"] = Math.Round(uncovered, 2),
            ["uncoveredShare"] = siteM2 > 0 ? Math.Round(uncovered / siteM2, 4) : 0,
        };
        return uncovered <= toleranceM2
            ? new(PlanCoverage, Pass, "场地全部在现行规划范围内。", "The plan in force covers the whole site.", figures)
            : new(PlanCoverage, Fail, $"场地有 {Percent(uncovered / siteM2)} 不在现行规划范围内。",
                $"{Percent(uncovered / siteM2)} of the site lies outside every plan zone in force.", figures);
    }

    private static SiteVerdict Unchecked(string rule, string zh, string en) => new(rule, NotChecked, zh, en, new Dictionary<string, object?>());

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string? D(decimal? d) => d?.ToString("0.####", CultureInfo.InvariantCulture);
}
