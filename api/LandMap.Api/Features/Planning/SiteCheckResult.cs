namespace LandMap.Api.Features.Planning;

/// <summary>A plan zone in force that the site overlaps: its plan, use and indicators, and the overlap.</summary>
public sealed record SitePlanZone(
    string Code, string PlanName, string Edition, string LandUse, string? LandUseName, string? LandUseNameEn, string? PlanClass,
    double OverlapM2, double Share, decimal? PlotRatioMin, decimal? PlotRatioMax, decimal? BuildingDensityMax,
    decimal? HeightMaxM, decimal? GreenRatioMin);

/// <summary>A control line or protected area the site overlaps, with its kind and the overlap.</summary>
public sealed record SiteConstraint(string Code, string Name, string Kind, string? KindName, string? KindNameEn, double OverlapM2, double Share);

/// <summary>A stored parcel the site overlaps (its shown state on the date).</summary>
public sealed record SiteParcel(string Code, string? Name, string? State, double OverlapM2, double Share);

/// <summary>The use the site is checked for, as the code book reads it.</summary>
public sealed record SiteUse(string Code, string Edition, string? PlanClass, string? NameZh, string? NameEn);

/// <summary>One rule's outcome: pass, fail or not_checked (no figure given, or nothing in the plan to
/// check it against), in both languages, with the numbers it was decided on.</summary>
public sealed record SiteVerdict(string Rule, string Result, string MessageZh, string MessageEn, IReadOnlyDictionary<string, object?> Figures);

/// <summary>The answer of <c>POST /api/site-check</c> (the contract in docs and README).</summary>
public sealed record SiteCheckResult(
    DateOnly Date, double AreaM2, double AreaMu, string? Parcel, SiteUse? ProposedUse,
    decimal? PlotRatio, decimal? BuildingDensity, decimal? GreenRatio,
    IReadOnlyList<SitePlanZone> PlanZones, IReadOnlyList<SiteConstraint> ControlLines,
    IReadOnlyList<SiteConstraint> ProtectedAreas, IReadOnlyList<SiteParcel> Parcels,
    IReadOnlyList<SiteVerdict> Verdicts, bool Compliant);

/// <summary>The rule ids and results of <see cref="SiteVerdict"/>.</summary>
public static class SiteRules
{
    public const string Use = "use", PlotRatio = "plot_ratio", BuildingDensity = "building_density", GreenRatio = "green_ratio",
        ControlLines = "control_lines", ProtectedAreas = "protected_areas", PlanCoverage = "plan_coverage";

    public const string Pass = "pass", Fail = "fail", NotChecked = "not_checked";
}
