using System.ComponentModel.DataAnnotations;

namespace LandMap.Api.Domain.Planning;

/// <summary>Settings under <c>LandMap:Planning</c>: the site check's and the upload gate's bounds.</summary>
public sealed class PlanningOptions
{
    public const string Section = "LandMap:Planning";

    /// <summary>
    /// Square metres (on the ellipsoid) of a control line or protected area a site or parcel may
    /// overlap and still count as clear of it: digitising slivers along a shared edge are not an
    /// encroachment. The same tolerance as stored parcels' overlaps (1 m²) by default.
    /// </summary>
    [Range(0, 10_000)] public double EncroachmentToleranceM2 { get; set; } = 1.0;

    /// <summary>The largest site <c>POST /api/site-check</c> takes, in m² on the ellipsoid (default
    /// 20 km², 30,000 mu: more than any park); a larger one is a 400 naming the geometry.</summary>
    [Range(1, 1e10)] public double MaxSiteAreaM2 { get; set; } = 20_000_000;
}
