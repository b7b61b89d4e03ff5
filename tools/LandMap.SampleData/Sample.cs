using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>Builds the whole illustrative sample and writes its GeoJSON files (the planning layer's: <see cref="PlanningSample"/>).</summary>
public static class Sample
{
    public static void Write(string outDir)
    {
        Directory.CreateDirectory(outDir);
        Parks.Build();
        var layouts = Parks.All.ToDictionary(p => p.Code, p => new ParkLayout(p));
        // Order matters and is fixed: lake and reservoirs take blocks before parcels are cut,
        // projects pick parcels before the indicator sets, the rest get park-profile roles.
        var lake = Cutting.ReserveLakePark(layouts["P-JH"]);
        var reservoirs = Infrastructure.ReserveReservoirs(layouts);
        var parcels = Parks.All.SelectMany(p => Cutting.Cut(layouts[p.Code])).ToList();
        Projects.Link(layouts, parcels, lake);
        Indicators.Allocate(parcels);
        Assignment.Fill(parcels);
        parcels.Insert(parcels.FindIndex(p => p.ParkCode == "P-JH"), lake);

        foreach (var group in parcels.GroupBy(p => p.ParkCode))
        {
            var n = 0;
            foreach (var p in group)
                p.Code = $"WZKF-{group.Key[2..]}-{++n:0000}";
        }
        for (var i = 0; i < parcels.Count; i++)
            Stories.Tell(parcels[i], new Random(9000 + i));
        foreach (var p in parcels) Procedure.Contract(p);
        Procedure.Investigate(parcels);
        foreach (var p in parcels) p.Events.Sort((a, b) => a.On.CompareTo(b.On));

        WriteParks(Path.Combine(outDir, "parks.geojson"));
        var rounded = WriteParcels(Path.Combine(outDir, "parcels.geojson"), parcels);
        WriteProjects(Path.Combine(outDir, "projects.geojson"), rounded);
        WriteRoads(Path.Combine(outDir, "roads.geojson"), Infrastructure.Roads(layouts));
        WriteRivers(Path.Combine(outDir, "rivers.geojson"), Infrastructure.Rivers(layouts));
        WriteReservoirs(Path.Combine(outDir, "reservoirs.geojson"), reservoirs);
        PlanningSample.Write(outDir, layouts, parcels);

        Console.WriteLine($"parcels: {parcels.Count}, projects: {Projects.All.Length}");
        foreach (var (t, mu) in Indicators.Measure(parcels.Select(p => (p, rounded[p].AreaMu))))
            Console.WriteLine($"2014 {t.Kind,-22} {mu,10:F2} mu (report {t.Mu}, {100 * (mu - t.Mu) / t.Mu:+0.0000;-0.0000} %)");
    }

    private static void WriteParks(string path)
    {
        var w = new GeoJsonWriter();
        foreach (var park in Parks.All)
            w.Add(GeoConvert.ToMultiPolygon(park.Plane, park.Code), p => p
                .S("code", park.Code).S("name_zh", park.NameZh).S("name_en", park.NameEn).S("kind", park.Kind));
        w.Save(path);
    }

    private static Dictionary<Parcel, (MultiPolygon Geometry, double AreaMu)> WriteParcels(string path, List<Parcel> parcels)
    {
        var w = new GeoJsonWriter();
        var rounded = new Dictionary<Parcel, (MultiPolygon, double)>();
        foreach (var x in parcels)
        {
            var geom = GeoConvert.ToMultiPolygon(x.Plane, x.Code);
            rounded[x] = (geom, Projection.EllipsoidalArea(ProjectionInverse.ToPlane(geom)) * 15 / 10000);
            w.Add(geom, p => p
                .S("code", x.Code).S("name", x.Name).S("park_code", x.ParkCode).S("land_use", x.LandUse)
                .S("land_use_edition", LandUses.EditionOf(x.LandUse))
                .S("land_use_planned", LandUses.Planned(x)).S("land_use_planned_edition", LandUses.Planned(x) is null ? null : LandUses.Guide)
                .S("land_use_approved", LandUses.Approved(x)).S("land_use_approved_edition", LandUses.Approved(x) is null ? null : LandUses.Gbt2007)
                .S("status", x.Status).S("supply_method", x.SupplyMethod).S("land_user", x.LandUser)
                .S("contract_no", x.ContractNo).S("project_code", x.ProjectCode)
                .N("supply_price_wan", x.SupplyPriceWan).N("term_years", x.TermYears).D("handover_on", x.HandoverOn)
                .D("approved_on", x.ApprovedOn).D("supplied_on", x.SuppliedOn)
                .D("agreed_start_on", x.AgreedStartOn).D("actual_start_on", x.ActualStartOn)
                .D("agreed_completion_on", x.AgreedCompletionOn).D("actual_completion_on", x.ActualCompletionOn)
                .N("plot_ratio_min", x.PlotRatioMin).N("plot_ratio_max", x.PlotRatioMax).N("plot_ratio", x.PlotRatio)
                .N("building_density", x.BuildingDensity).N("green_ratio", x.GreenRatio)
                .N("investment_agreed_wan", x.InvestmentAgreedWan).N("investment_actual_wan", x.InvestmentActualWan)
                .N("developed_area_m2", DevelopedArea(x, rounded[x].Item2)).S("start_evidence", StartEvidence(x))
                .D("halted_on", x.HaltedOn)
                .Events(x.Events));
        }
        w.Save(path);
        return rounded;
    }

    /// <summary>The developed land area (m2, 2 decimals) the story's built share gives on the parcel's area.</summary>
    private static decimal? DevelopedArea(Parcel x, double areaMu) =>
        x.BuiltAreaRatio is { } share ? Math.Round(share * (decimal)(areaMu * 10000 / 15), 2) : null;

    /// <summary>What counted as the start (Article 30): piles for industrial land, the pit elsewhere;
    /// a third of the foundation for the small ones. Illustrative, from the parcel's own facts.</summary>
    private static string? StartEvidence(Parcel x) => x.ActualStartOn is null ? null
        : x.AreaMu < 20 ? "foundation_third_done"
        : x.LandUse.StartsWith("06", StringComparison.Ordinal) ? "all_piles_driven" : "foundation_pit_dug";

    private static void WriteProjects(string path, Dictionary<Parcel, (MultiPolygon Geometry, double AreaMu)> rounded)
    {
        var w = new GeoJsonWriter();
        foreach (var spec in Projects.All)
        {
            // Inside the project's first parcel, or in an unparcelled block of its park.
            var point = spec.Linked.Count > 0
                ? Projection.Geographic.CreatePoint(Round(rounded[spec.Linked[0]].Geometry.InteriorPoint.Coordinate))
                : GeoConvert.ToPoint(spec.FreeSpot!);
            var planned = spec.PlannedMu ?? Math.Round((decimal)spec.Linked.Sum(p => rounded[p].AreaMu), 2);
            w.Add(point, p => p
                .S("code", spec.Code).S("name_zh", spec.NameZh).S("name_en", spec.NameEn).S("park_code", spec.Park)
                .S("stage", spec.Stage).S("kind", spec.Kind).S("industry", spec.Industry).N("investment_yi", spec.InvestmentYi)
                .N("planned_area_mu", planned));
        }
        w.Save(path);
    }

    private static Coordinate Round(Coordinate c) =>
        new(Math.Round(c.X, Projection.Decimals), Math.Round(c.Y, Projection.Decimals));

    private static void WriteRoads(string path, List<RoadFeature> roads)
    {
        var w = new GeoJsonWriter();
        for (var i = 0; i < roads.Count; i++)
        {
            var r = roads[i];
            var code = $"RD-{i + 1:000}";
            w.Add(GeoConvert.ToMultiLineString(r.Plane), p => p
                .S("code", code).S("name", r.Name).S("name_en", InfrastructureNames.English(r.Name)).S("grade", r.Grade).S("stage", r.Stage).D("opened_on", r.OpenedOn));
        }
        w.Save(path);
    }

    private static void WriteRivers(string path, List<RiverFeature> rivers)
    {
        var w = new GeoJsonWriter();
        for (var i = 0; i < rivers.Count; i++)
        {
            var r = rivers[i];
            var code = $"RV-{i + 1:000}";
            w.Add(GeoConvert.ToMultiLineString(r.Plane), p => p
                .S("code", code).S("name", r.Name).S("name_en", InfrastructureNames.English(r.Name)).S("rectification", r.Rectification).D("rectified_on", r.RectifiedOn)
                .S("water_quality", r.WaterQuality).D("water_quality_on", r.WaterQualityOn));
        }
        w.Save(path);
    }

    private static void WriteReservoirs(string path, List<ReservoirFeature> reservoirs)
    {
        var w = new GeoJsonWriter();
        for (var i = 0; i < reservoirs.Count; i++)
        {
            var r = reservoirs[i];
            var code = $"RS-{i + 1:000}";
            w.Add(GeoConvert.ToMultiPolygon(r.Plane, code), p => p
                .S("code", code).S("name", r.Name).S("kind", r.Kind).N("capacity_10k_m3", r.Capacity10kM3)
                .S("stage", r.Stage).D("completed_on", r.CompletedOn));
        }
        w.Save(path);
    }
}
