using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;

namespace LandMap.SampleData;

/// <summary>A control line as the area it protects, in the GK plane.</summary>
public sealed record ControlLine(string Code, string Name, string Kind, decimal? WidthM, string? SourceCode,
    string ApprovalDoc, DateOnly ApprovedOn, Geometry Plane);

/// <summary>
/// The four lines, illustrative: a red line along every sample road (its centre line buffered by
/// half the width its grade takes: expressway 60 m, arterial 40 m, secondary 30 m, branch 24 m), a
/// blue line along every river (30 m for the regional rivers, 20 m in the parks), both narrowed
/// where a parcel is nearer than half the width (a line never takes stored land, but one); green
/// lines for the protective belts beside 机场大道 and along 海城河; yellow lines round two utility
/// sites in unparcelled blocks of 滨海. The one deliberate encroachment: the red line of a 滨海 road
/// is widened at a junction (渠化拓宽) into the supplied parcel nearest it.
/// </summary>
public static class ControlLines
{
    private static readonly BufferParameters FlatEnds = new() { EndCapStyle = EndCapStyle.Flat };

    /// <summary>Half a metre of air between a line and a parcel it must not touch (rounding is 1 cm).</summary>
    private const double Clearance = 1.0;

    public static List<ControlLine> Build(IReadOnlyDictionary<string, ParkLayout> layouts, IReadOnlyList<Parcel> parcels,
        List<(string Code, RoadFeature Road)> roads, List<(string Code, RiverFeature River)> rivers)
    {
        var lines = new List<ControlLine>();
        foreach (var (code, road) in roads)
        {
            var (width, area) = Strip(road.Plane, road.Grade switch { "expressway" => 60, "arterial" => 40, "secondary" => 30, _ => 24 }, parcels);
            lines.Add(new($"HX-{code}", $"{road.Name}道路红线", "red", width, code, "温规〔2011〕18号", new(2011, 6, 20), area));
        }
        Widen(lines, layouts["P-BH"], parcels);
        foreach (var (code, river) in rivers)
        {
            var regional = river.Name is "海城河" or "天河河";
            var (width, area) = Strip(river.Plane, regional ? 30 : 20, parcels);
            lines.Add(new($"LX-{code}", $"{river.Name}河道蓝线", "blue", width, code, "温水〔2012〕45号", new(2012, 4, 10), area));
        }
        var parks = Parks.All.Select(p => (Geometry)p.Plane).Aggregate((a, b) => a.Union(b)).Buffer(5);
        var airport = roads.Single(r => r.Road.Name == "机场大道");
        var airportRed = lines.Single(l => l.SourceCode == airport.Code).Plane;
        lines.Add(new("LV-001", "机场大道防护绿带绿线", "green", null, airport.Code, "温规〔2013〕52号", new(2013, 5, 8),
            airport.Road.Plane.Buffer(60, FlatEnds).Difference(airportRed).Difference(parks)));
        var haicheng = rivers.Single(r => r.River.Name == "海城河");
        var haichengBlue = lines.Single(l => l.SourceCode == haicheng.Code).Plane;
        var reds = lines.Where(l => l.Kind == "red").Select(l => l.Plane).Aggregate((a, b) => a.Union(b));
        lines.Add(new("LV-002", "海城河滨河绿带绿线", "green", null, haicheng.Code, "温规〔2013〕52号", new(2013, 5, 8),
            haicheng.River.Plane.Buffer(35, FlatEnds).Difference(haichengBlue).Difference(parks).Difference(reds)));
        lines.AddRange(Utilities(layouts["P-BH"]));
        return lines;
    }

    /// <summary>Two utility sites of 滨海 on blocks left unparcelled: a 110 kV substation and a sewage plant.</summary>
    public static IEnumerable<ControlLine> Utilities(ParkLayout bh)
    {
        var sites = UtilityBlocks(bh);
        yield return new("HU-001", "滨海110千伏变电站黄线", "yellow", null, null, "温规〔2012〕33号", new(2012, 7, 2), Site(bh, sites[0], 120, 90));
        yield return new("HU-002", "滨海污水处理厂黄线", "yellow", null, null, "温规〔2012〕33号", new(2012, 7, 2), Site(bh, sites[1], 260, 200));
    }

    /// <summary>The two westmost unparcelled ("skip") blocks of 滨海 wholly inside it.</summary>
    public static Block[] UtilityBlocks(ParkLayout bh) =>
        bh.Blocks.Where(b => b.Reserved == "skip" && b.FullyInside).OrderBy(b => bh.BlockCentre(b).X).Take(2).ToArray();

    private static Polygon Site(ParkLayout layout, Block b, double w, double h)
    {
        double u = (b.U0 + b.U1) / 2, v = (b.V0 + b.V1) / 2;
        return layout.Frame.Rect(u - w / 2, v - h / 2, u + w / 2, v + h / 2);
    }

    /// <summary>
    /// The strip of a line's width along its centre line: half on each side where parcels leave room,
    /// else shifted to the side that has it (the sample's park roads run along a block's edge, 2 m
    /// from its parcels, with the corridor on the other side), narrowed only where both sides together
    /// are narrower than the width; whole metres, <see cref="Clearance"/> off every parcel.
    /// </summary>
    private static (decimal Width, Geometry Area) Strip(Geometry centre, double width, IReadOnlyList<Parcel> parcels)
    {
        var left = Room(centre, width, parcels, 1);
        var right = Room(centre, width, parcels, -1);
        var total = Math.Floor(Math.Min(width, left + right));
        var l = Math.Min(left, total / 2);
        var r = Math.Min(right, total - l);
        l = total - r;
        var area = Side(centre, l, 1).Union(Side(centre, r, -1));
        return ((decimal)total, area);
    }

    /// <summary>The room on one side (1 left, -1 right) of a line up to <paramref name="width"/>: the distance to the
    /// nearest parcel that side, less the clearance.</summary>
    private static double Room(Geometry centre, double width, IReadOnlyList<Parcel> parcels, int side)
    {
        var reach = Side(centre, width, side);
        var near = parcels.Where(p => p.Plane.EnvelopeInternal.Intersects(reach.EnvelopeInternal) && p.Plane.Intersects(reach))
            .Select(p => p.Plane.Distance(centre)).DefaultIfEmpty(double.MaxValue).Min();
        return Math.Max(0, Math.Min(width, near - Clearance));
    }

    private static Geometry Side(Geometry centre, double distance, int side) => distance <= 0
        ? Projection.Plane.CreatePolygon()
        : BufferOp.Buffer(centre, side * distance, new BufferParameters { IsSingleSided = true, EndCapStyle = EndCapStyle.Flat });

    /// <summary>The junction widening: the red line of the 滨海 road nearest a supplied industrial
    /// parcel is pushed 6 m into it along its side.</summary>
    private static void Widen(List<ControlLine> lines, ParkLayout bh, IReadOnlyList<Parcel> parcels)
    {
        var reds = lines.Where(l => l.Name.StartsWith("滨海", StringComparison.Ordinal) && l.Name.Contains('路')).ToList();
        var (line, parcel, distance) = parcels
            .Where(p => p.Layout == bh && p.LandUse == "0601" && p.SuppliedOn is not null && p.Resizable)
            .SelectMany(p => reds.Select(l => (Line: l, Parcel: p, Distance: p.Plane.Distance(l.Plane))))
            .OrderBy(x => x.Distance).ThenBy(x => x.Parcel.Code, StringComparer.Ordinal).First();
        var strip = line.Plane.Buffer(distance + 6).Intersection(parcel.Plane);
        var index = lines.IndexOf(line);
        lines[index] = line with { Name = line.Name + "（含交叉口渠化拓宽段）", Plane = line.Plane.Union(strip) };
        PlanConflicts.ByParcel[parcel.Code] = "red_line";
    }
}
