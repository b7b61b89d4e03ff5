namespace LandMap.SampleData;

/// <summary>The parcels the sample's plan conflicts with on purpose (code to compliance rule:
/// use_mismatch, plot_ratio_over, red_line), printed by the tool and checked by the tests.</summary>
public static class PlanConflicts
{
    public static readonly SortedDictionary<string, string> ByParcel = new(StringComparer.Ordinal);
}

/// <summary>
/// Writes the planning layer of the sample (issue 16): plan_zones.geojson, control_lines.geojson and
/// protected_areas.geojson, built after everything else from the finished parcels, roads and
/// rivers; it draws no random numbers, so the other files are the same bytes with or without it.
/// </summary>
public static class PlanningSample
{
    public static void Write(string outDir, IReadOnlyDictionary<string, ParkLayout> layouts, IReadOnlyList<Parcel> parcels)
    {
        PlanConflicts.ByParcel.Clear();
        var roads = Infrastructure.Roads(layouts).Select((r, i) => ($"RD-{i + 1:000}", r)).ToList();
        var rivers = Infrastructure.Rivers(layouts).Select((r, i) => ($"RV-{i + 1:000}", r)).ToList();
        var zones = PlanZones.Build(layouts, parcels);
        var lines = ControlLines.Build(layouts, parcels, roads, rivers);
        var areas = ProtectedAreas.Build(lines);

        var w = new GeoJsonWriter();
        foreach (var z in zones)
            w.Add(GeoConvert.ToMultiPolygon(z.Plane, z.Code), p => p
                .S("code", z.Code).S("plan_name", z.PlanName).S("plan_unit", z.PlanUnit).S("edition", z.Edition)
                .S("approval_doc", z.ApprovalDoc).D("approved_on", z.ApprovedOn).D("repealed_on", z.RepealedOn)
                .S("land_use", z.LandUse).S("land_use_edition", "GB 50137-2011")
                .N("plot_ratio_min", z.Indicators.PlotRatioMin).N("plot_ratio_max", z.Indicators.PlotRatioMax)
                .N("building_density_max", z.Indicators.BuildingDensityMax).N("height_max_m", z.Indicators.HeightMaxM)
                .N("green_ratio_min", z.Indicators.GreenRatioMin));
        w.Save(Path.Combine(outDir, "plan_zones.geojson"));

        w = new GeoJsonWriter();
        foreach (var l in lines)
            w.Add(GeoConvert.ToMultiPolygon(l.Plane, l.Code), p => p
                .S("code", l.Code).S("name", l.Name).S("kind", l.Kind).N("width_m", l.WidthM).S("source_code", l.SourceCode)
                .S("approval_doc", l.ApprovalDoc).D("approved_on", l.ApprovedOn));
        w.Save(Path.Combine(outDir, "control_lines.geojson"));

        w = new GeoJsonWriter();
        foreach (var a in areas)
            w.Add(GeoConvert.ToMultiPolygon(a.Plane, a.Code), p => p
                .S("code", a.Code).S("name", a.Name).S("kind", a.Kind).S("approval_doc", a.ApprovalDoc).D("designated_on", a.DesignatedOn));
        w.Save(Path.Combine(outDir, "protected_areas.geojson"));

        Console.WriteLine($"plan zones: {zones.Count}, control lines: {lines.Count}, protected areas: {areas.Count}");
        foreach (var (code, rule) in PlanConflicts.ByParcel)
            Console.WriteLine($"planned conflict: {code} {rule}");
    }
}
