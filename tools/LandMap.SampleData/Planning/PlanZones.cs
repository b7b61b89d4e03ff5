using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>One zone of a regulatory plan edition, in the GK plane.</summary>
public sealed record PlanZone(string Code, string PlanName, string PlanUnit, string Edition, string ApprovalDoc,
    DateOnly ApprovedOn, DateOnly? RepealedOn, string LandUse, PlanIndicators Indicators, Geometry Plane);

/// <summary>The plan's controls of a zone (null: the plan sets none).</summary>
public sealed record PlanIndicators(decimal? PlotRatioMin, decimal? PlotRatioMax, decimal? BuildingDensityMax,
    decimal? HeightMaxM, decimal? GreenRatioMin);

/// <summary>
/// An illustrative regulatory plan (控制性详细规划) over the parks: one zone per block between the road
/// corridors, its use (a GB 50137-2011 class) the plan use of most of its parcels (their
/// land_use_planned, in the 2023 guide's words), a parcel of another use in the block zoned on its
/// own; indicators by use, in the ranges the sample's contracts took theirs from (Stories.Plan), so
/// a parcel built as agreed complies. Every park has one edition, 星海 two: the 2012 plan, repealed on
/// 2016-09-30 by the 2016 revision, which re-zones one industrial parcel as business land (退二进三).
/// Deliberate conflicts for the compliance checks (<see cref="PlanConflicts"/>): that parcel (approved
/// for industry, planned for business since 2016), and one parcel built over its zone's plot ratio
/// maximum, in a zone the plan holds down under the airport's approach (机场净空).
/// </summary>
public static class PlanZones
{
    public static readonly DateOnly RevisionDay = new(2016, 9, 30);

    /// <summary>The plan's use of a parcel: its planned use (2023 guide) in GB 50137 terms, else its
    /// current use's; null where neither says (空闲地, reclaimed flats without a plan use).</summary>
    private static readonly Dictionary<string, string> Gb50137 = new()
    {
        ["1001"] = "M2", ["1101"] = "W1", ["0902"] = "B2", ["0701"] = "R2", ["0804"] = "A3", ["0806"] = "A5",
        ["1401"] = "G1", ["1207"] = "S1",
    };

    private static readonly Dictionary<string, string> FromCurrentUse = new()
    {
        ["0804"] = "A3", ["0808"] = "A4", ["0809"] = "U1", ["1005"] = "S4",
    };

    /// <summary>Controls by use: plot ratio min/max, density max, height max, green min.</summary>
    private static PlanIndicators Default(string use) => use[0] switch
    {
        'M' or 'W' => new(1.0m, 3.0m, 0.60m, 40m, 0.10m),
        'B' => new(2.0m, 5.0m, 0.45m, 100m, 0.25m),
        'R' => new(1.8m, 3.0m, 0.28m, 80m, 0.30m),
        'G' => new(null, 0.1m, 0.05m, 12m, 0.70m),
        'S' or 'E' => new(null, null, null, null, null),
        _ => new(0.8m, 1.8m, 0.35m, 50m, 0.35m), // A, U
    };

    private static readonly Dictionary<string, (int Year, DateOnly Approved, string Doc)> Editions = new()
    {
        ["P-JH"] = (2011, new(2011, 6, 20), "温政函〔2011〕71号"), ["P-BH"] = (2011, new(2011, 6, 20), "温政函〔2011〕72号"),
        ["P-HC"] = (2012, new(2012, 3, 15), "温政函〔2012〕29号"), ["P-TH"] = (2012, new(2012, 3, 15), "温政函〔2012〕30号"),
        ["P-SC"] = (2012, new(2012, 3, 15), "温政函〔2012〕31号"), ["P-XH"] = (2012, new(2012, 5, 18), "温政函〔2012〕58号"),
        ["P-DS"] = (2013, new(2013, 1, 10), "温政函〔2013〕6号"), ["P-OF"] = (2013, new(2013, 8, 26), "温政函〔2013〕97号"),
    };

    public static List<PlanZone> Build(IReadOnlyDictionary<string, ParkLayout> layouts, IReadOnlyList<Parcel> parcels)
    {
                var zones = new List<PlanZone>();
        foreach (var layout in layouts.Values.OrderBy(l => l.Park.Code, StringComparer.Ordinal))
        {
            var own = parcels.Where(p => p.Layout == layout).ToList();
            var plots = Plots(layout, own);
            var (year, approved, doc) = Editions[layout.Park.Code];
            var park = layout.Park.Code[2..];
            var name = $"温州经济技术开发区{layout.Park.NameZh}控制性详细规划";
            if (layout.Park.Code == "P-XH")
            {
                zones.AddRange(Edition(plots, park, $"{name}（2012版）", "2012版", doc, approved, RevisionDay, 2012));
                zones.AddRange(Edition(Revise(plots, own), park, $"{name}（2016修编）", "2016修编", "温政函〔2016〕112号", RevisionDay, null, 2016));
            }
            else
                zones.AddRange(Edition(plots, park, name + $"（{year}版）", $"{year}版", doc, approved, null, year));
        }
        HoldDownUnderTheApproach(zones, parcels);
        return zones;
    }

    private sealed record Plot(string Use, Geometry Plane, PlanIndicators Indicators, List<Parcel> Parcels);

    private static IEnumerable<PlanZone> Edition(List<Plot> plots, string park, string planName, string edition,
        string doc, DateOnly approved, DateOnly? repealed, int year) =>
        plots.Select((z, i) => new PlanZone($"{park}-{year}-{i + 1:000}", planName, $"{park}-{i / 6 + 1:00}", edition, doc,
            approved, repealed, z.Use, z.Indicators, z.Plane));

    /// <summary>The plots of a park's plan: per block, a plot for each use its parcels' plan gives,
    /// the block's most common use taking the rest of the block.</summary>
    private static List<Plot> Plots(ParkLayout layout, List<Parcel> parcels)
    {
        var byBlock = parcels.GroupBy(p => BlockOf(layout, p)).ToDictionary(g => g.Key, g => g.ToList());
        var fallback = layout.Park.Code switch { "P-JH" => "B2", "P-BH" or "P-OF" or "P-DS" => "M2", _ => "M1" };
        var plots = new List<Plot>();
        foreach (var block in layout.Blocks)
        {
            var members = byBlock.GetValueOrDefault(block) ?? [];
            if (block.Reserved == "lake" && members.Count == 0) continue; // inside the lake parcel's plot
            Geometry area = layout.Frame.Rect(block.U0, block.V0, block.U1, block.V1).Intersection(layout.Park.Plane);
            foreach (var p in members) area = area.Union(Shell(p));
            foreach (var other in parcels.Where(p => !members.Contains(p) && p.Plane.EnvelopeInternal.Intersects(area.EnvelopeInternal)))
                area = area.Difference(other.Plane);
            var uses = members.Select(p => (Parcel: p, Use: UseOf(p))).ToList();
            var main = block.Reserved == "reservoir" ? "E1"
                : uses.Where(u => u.Use is not null).GroupBy(u => u.Use!).OrderByDescending(g => g.Count())
                      .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? fallback;
            foreach (var group in uses.Where(u => u.Use is not null && u.Use != main).GroupBy(u => u.Use!))
            {
                var plot = Union(group.Select(u => (Geometry)Shell(u.Parcel)));
                area = area.Difference(plot);
                plots.Add(new(group.Key, plot, Default(group.Key), group.Select(u => u.Parcel).ToList()));
            }
            if (area.Area > 100)
                plots.Add(new(main, area, Default(main), uses.Where(u => u.Use is null || u.Use == main).Select(u => u.Parcel).ToList()));
        }
        return plots;
    }

    /// <summary>The 2016 revision of 星海: the first industrial parcel supplied before 2012, in a block
    /// it shares, is re-zoned as business land (B2); the plan keeps its plant's present figures as
    /// the zone's controls until it is redeveloped, so only its use conflicts.</summary>
    private static List<Plot> Revise(List<Plot> plots, List<Parcel> parcels)
    {
        var revised = plots.ToList();
        foreach (var (plot, index) in plots.Select((p, i) => (p, i)))
        {
            if (plot.Use is not ("M1" or "M2") || plot.Parcels.Count < 2) continue;
            var target = plot.Parcels.FirstOrDefault(p => p.LandUse == "0601" && p.SuppliedOn is { Year: < 2012 });
            if (target is null) continue;
            var shell = Shell(target);
            revised[index] = plot with { Plane = plot.Plane.Difference(shell), Parcels = plot.Parcels.Where(p => p != target).ToList() };
            revised.Insert(index + 1, new("B2", shell, new(null, 3.5m, 0.60m, 60m, 0.10m), [target]));
            PlanConflicts.ByParcel[target.Code] = "use_mismatch";
            return revised;
        }
        throw new InvalidOperationException("星海: no industrial parcel for the 2016 revision to re-zone");
    }

    /// <summary>A zone near the airport (northmost industrial zone of 滨海 with one parcel built well
    /// above the rest) gets a plot ratio cap between that parcel's and the next one's.</summary>
    private static void HoldDownUnderTheApproach(List<PlanZone> zones, IReadOnlyList<Parcel> parcels)
    {
        foreach (var (zone, i) in zones.Select((z, i) => (z, i)).Where(x => x.z.Code.StartsWith("BH-", StringComparison.Ordinal)
                     && x.z.LandUse == "M2").OrderByDescending(x => x.z.Plane.Centroid.Y))
        {
            var inside = parcels.Where(p => p.PlotRatio is not null && zone.Plane.Contains(p.Plane.InteriorPoint))
                .OrderByDescending(p => p.PlotRatio).ToList();
            if (inside.Count == 0) continue;
            var top = inside[0].PlotRatio!.Value;
            var next = inside.Count > 1 ? inside[1].PlotRatio!.Value : 0m;
            var cap = Math.Floor((top - 0.2m) * 10) / 10;
            if (cap < 1.5m || cap <= next) continue;
            zones[i] = zone with { Indicators = zone.Indicators with { PlotRatioMax = cap, HeightMaxM = 24m } };
            PlanConflicts.ByParcel[inside[0].Code] = "plot_ratio_over";
            return;
        }
        throw new InvalidOperationException("滨海: no zone for the plot ratio conflict");
    }

    private static string? UseOf(Parcel p) =>
        LandUses.Planned(p) is { } planned ? Gb50137.GetValueOrDefault(planned) : FromCurrentUse.GetValueOrDefault(p.LandUse);

    /// <summary>A parcel's outline without holes (the lake park's lake is the park's).</summary>
    private static Polygon Shell(Parcel p) => Projection.Plane.CreatePolygon(p.Plane.Shell.Coordinates);

    private static Geometry Union(IEnumerable<Geometry> parts) =>
        parts.Aggregate((Geometry?)null, (a, b) => a is null ? b : a.Union(b))!;

    private static Block BlockOf(ParkLayout layout, Parcel p) =>
        layout.Blocks.FirstOrDefault(b => b.U0 - 0.5 <= p.U0 && p.U0 <= b.U1 && b.V0 - 0.5 <= p.V0 && p.V0 <= b.V1)
        ?? layout.Blocks.OrderBy(b => layout.BlockCentre(b).Distance(p.Centre)).First();
}
