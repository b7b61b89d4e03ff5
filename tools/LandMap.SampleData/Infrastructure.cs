using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

public sealed record RoadFeature(string Name, string Grade, string Stage, DateOnly? OpenedOn, Geometry Plane);
/// <summary>A river: its rectification works (整治中 / 整治完成 on RectifiedOn) and, a separate fact, its
/// water quality (达标 on WaterQualityOn, or 未达标).</summary>
public sealed record RiverFeature(string Name, string Rectification, DateOnly? RectifiedOn, string? WaterQuality, DateOnly? WaterQualityOn, Geometry Plane);
public sealed record ReservoirFeature(string Name, string Kind, decimal Capacity10kM3, string Stage, DateOnly? CompletedOn, Polygon Plane);

/// <summary>
/// Roads, rivers and reservoirs. Roads and rivers inside parks follow the block corridors so
/// they never cut a parcel; the regional ones (滨海大道, 环山东路, rivers between the street
/// parks) run in the gaps between parks. Reservoirs take whole blocks, reserved before parcels
/// are cut.
/// </summary>
public static class Infrastructure
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];

    private static LineString Line(params double[] en) =>
        Projection.Plane.CreateLineString(Enumerable.Range(0, en.Length / 2).Select(i => new Coordinate(en[2 * i], en[2 * i + 1])).ToArray());

    /// <summary>Five plain reservoirs built in 2014 (建成平原水库5座) and the 天河 hill reservoir.</summary>
    public static List<ReservoirFeature> ReserveReservoirs(IReadOnlyDictionary<string, ParkLayout> layouts)
    {
        (string Name, string Park, double E, double N, string Completed)[] plain =
        [
            ("滨海一号平原水库", "P-BH", 585000, 3086600, "2014-06-28"),
            ("滨海二号平原水库", "P-BH", 587300, 3085000, "2014-09-30"),
            ("丁山平原水库", "P-DS", 585400, 3081700, "2014-11-18"),
            ("沙城平原水库", "P-SC", 580900, 3082400, "2014-12-20"),
            ("海城平原水库", "P-HC", 577700, 3078300, "2014-12-26"),
        ];
        var result = new List<ReservoirFeature>();
        var seed = 300;
        foreach (var (name, park, e, n, completed) in plain)
        {
            var layout = layouts[park];
            var block = layout.NearestFreeBlock(new Coordinate(e, n));
            block.Reserved = "reservoir";
            // A blob no wider than the block's short side minus 30 m each side fits at any tilt.
            var r = Math.Min(block.U1 - block.U0, block.V1 - block.V0) / 2 - 30;
            var shape = Shapes.Blob(layout.BlockCentre(block), r * 0.92, r * 0.8, 0.06, seed++, 40);
            // Plain reservoirs in the Wenzhou plain are shallow: about 4 m of usable depth.
            var capacity = Math.Round((decimal)(shape.Area * 4 / 10000), 2);
            result.Add(new ReservoirFeature(name, "plain_reservoir", capacity, "completed", DateOnly.Parse(completed), shape));
        }
        var tianhe = Shapes.Blob(new Coordinate(574900, 3083300), 420, 260, 0.15, 399, 64);
        result.Add(new ReservoirFeature("天河水库", "reservoir", 260m, "completed", null, tianhe));
        return result;
    }

    public static List<RoadFeature> Roads(IReadOnlyDictionary<string, ParkLayout> layouts)
    {
        var roads = new List<RoadFeature>
        {
            new("机场大道", "expressway", "open", new DateOnly(2008, 12, 28), Line(577800, 3088600, 580500, 3088550, 583400, 3088700)),
            new("滨海大道", "arterial", "open", new DateOnly(2009, 9, 30),
                Line(581680, 3080500, 581640, 3084500, 581690, 3086300, 582150, 3087650, 583600, 3088010,
                     585500, 3088060, 587550, 3087960, 589700, 3087200, 590700, 3086300)),
            // 全市首个PPP项目环山东路开发区段工程正式启动 (2014): along the foot of the hills, west of the street parks.
            new("环山东路", "arterial", "under_construction", null,
                Line(575500, 3076800, 575600, 3078500, 575700, 3080500, 575650, 3082300, 575550, 3084600)),
        };
        var bh = layouts["P-BH"];
        var streets = Named(bh, alongV: false);
        for (var k = 0; k < streets.Count; k++)
        {
            var stage = k < streets.Count - 1 ? "open" : "under_construction";
            roads.Add(new($"滨海{Numerals[k]}道", k % 3 == 0 ? "arterial" : "secondary", stage,
                stage == "open" ? new DateOnly(2006 + k % 8, 6 + k % 6, 28) : null, streets[k]));
        }
        var avenues = Named(bh, alongV: true);
        for (var k = 0; k < avenues.Count; k++)
        {
            var stage = k < avenues.Count - 4 ? "open" : k < avenues.Count - 2 ? "under_construction" : "planned";
            roads.Add(new($"滨海{Numerals[k]}路", k % 4 == 0 ? "arterial" : "secondary", stage,
                stage == "open" ? new DateOnly(2007 + k % 7, 1 + k % 11, 18) : null, avenues[k]));
        }
        var jh = layouts["P-JH"];
        var jhStreets = Named(jh, alongV: false);
        var main = jhStreets.Count / 2;
        roads.Add(new("金海大道", "arterial", "open", new DateOnly(2012, 6, 28), jhStreets[main]));
        var jhRoads = Named(jh, alongV: true);
        for (var k = 0; k < jhRoads.Count; k++)
            roads.Add(new($"金海{Numerals[k]}路", "secondary", "open", new DateOnly(2013 + k % 2, 3 + 2 * k % 9, 26), jhRoads[k]));
        // 罗东南街、沙城中心街接线工程竣工通车 (2014); 海川路、三甲街 are 2015 preparatory work.
        roads.Add(new("罗东南街", "secondary", "open", new DateOnly(2014, 12, 18), Middle(layouts["P-TH"], alongV: true)));
        roads.Add(new("三甲街", "secondary", "planned", null, Middle(layouts["P-TH"], alongV: false)));
        roads.Add(new("沙城中心街", "secondary", "open", new DateOnly(2014, 12, 26), Middle(layouts["P-SC"], alongV: false)));
        roads.Add(new("海川路", "arterial", "planned", null, Middle(layouts["P-HC"], alongV: true)));
        roads.Add(new("丁山一路", "branch", "open", new DateOnly(2011, 10, 1), Middle(layouts["P-DS"], alongV: false)));
        roads.Add(new("瓯飞一路", "arterial", "planned", null, Middle(layouts["P-OF"], alongV: true)));
        return roads;
    }

    public static List<RiverFeature> Rivers(IReadOnlyDictionary<string, ParkLayout> layouts)
    {
        var bh = layouts["P-BH"];
        return
        [
            // Works done and water up to standard are two facts: 瓯飞排涝河's works are done, its water not yet.
            // 星海新川浦、纬四浦 entered the provincial river ecology demonstration list in 2014.
            new("星海新川浦", "rectified", new DateOnly(2014, 10, 15), "meets_standard", new DateOnly(2014, 10, 15), Middle(layouts["P-XH"], alongV: true, offset: 6)),
            new("纬四浦", "rectified", new DateOnly(2014, 11, 20), "meets_standard", new DateOnly(2014, 11, 20), bh.Corridor(false, Index(bh, false, 3), 10)),
            new("纬二浦", "rectifying", null, null, null, bh.Corridor(false, Index(bh, false, 1), 10)),
            new("经三浦", "rectified", new DateOnly(2013, 12, 20), "meets_standard", new DateOnly(2013, 12, 20), bh.Corridor(true, Index(bh, true, 2), 10)),
            new("天河河", "black_odorous", null, "below_standard", null, Line(578520, 3080800, 578480, 3082400, 578550, 3084400)),
            new("海城河", "rectifying", null, null, null, Line(575800, 3080600, 579000, 3080450, 582500, 3080300)),
            new("沙城浦", "rectified", new DateOnly(2013, 8, 30), "meets_standard", new DateOnly(2013, 8, 30), Middle(layouts["P-SC"], alongV: true, offset: 6)),
            new("丁山河", "rectifying", null, null, null, Middle(layouts["P-DS"], alongV: true, offset: 8)),
            new("瓯飞排涝河", "rectified", new DateOnly(2016, 6, 30), "below_standard", null, Middle(layouts["P-OF"], alongV: false, offset: 15)),
            new("海城塘河", "black_odorous", null, "below_standard", null, Middle(layouts["P-HC"], alongV: false, offset: 6)),
        ];
    }

    /// <summary>Corridors long enough (>= 400 m inside the park) to be a named road, in grid order.</summary>
    private static List<Geometry> Named(ParkLayout layout, bool alongV)
    {
        var n = alongV ? layout.UCorridors.Count : layout.VCorridors.Count;
        return Enumerable.Range(0, n).Select(i => layout.Corridor(alongV, i)).Where(g => g.Length >= 400).ToList();
    }

    private static int Index(ParkLayout layout, bool alongV, int k)
    {
        var n = alongV ? layout.UCorridors.Count : layout.VCorridors.Count;
        return Enumerable.Range(0, n).Where(i => layout.Corridor(alongV, i).Length >= 400).ElementAt(k);
    }

    /// <summary>The longest corridor near the middle of the park.</summary>
    private static Geometry Middle(ParkLayout layout, bool alongV, double offset = 0)
    {
        var n = alongV ? layout.UCorridors.Count : layout.VCorridors.Count;
        var best = Enumerable.Range(0, n).OrderByDescending(i => layout.Corridor(alongV, i).Length).First();
        return layout.Corridor(alongV, best, offset);
    }
}
