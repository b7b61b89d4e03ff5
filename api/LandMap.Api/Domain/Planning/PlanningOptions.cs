using System.ComponentModel.DataAnnotations;

namespace LandMap.Api.Domain.Planning;

/// <summary>Settings under <c>LandMap:Planning</c>: the site check's and the upload gate's bounds.</summary>
public sealed class PlanningOptions
{
    public const string Section = "LandMap:Planning";

    /// <summary>
    /// Square metres (on the ellipsoid) of a control line or protected area a site or parcel may
    /// overlap and still count as clear of it: the upload gate, the site check and the parcels'
    /// compliance (which reads it from the database's service_settings, written at start) use this
    /// one bound. 10 m² by default: an edge drawn along a line overlaps it after the EPSG:4549 to
    /// lon/lat round trip (about 1 m² per 100 m of shared edge on the hand-made plan, 4.8 m² for a
    /// 100 m parcel along the middle of a 2 km straight edge), while a real encroachment of 2 m
    /// along even 5 m of a line is past it.
    /// </summary>
    [Range(0, 10_000)] public double EncroachmentToleranceM2 { get; set; } = 10.0;

    /// <summary>The largest site <c>POST /api/site-check</c> takes, in m² on the ellipsoid (default
    /// 20 km², 30,000 mu: more than any park); a larger one is a 400 naming the geometry.</summary>
    [Range(1, 1e10)] public double MaxSiteAreaM2 { get; set; } = 20_000_000;
}
