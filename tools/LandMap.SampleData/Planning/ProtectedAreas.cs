using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>A protected area in the GK plane.</summary>
public sealed record ProtectedArea(string Code, string Name, string Kind, string ApprovalDoc, DateOnly DesignatedOn, Geometry Plane);

/// <summary>
/// Land no parcel may take, illustrative: permanent basic farmland (永久基本农田) in the plain between
/// the parks, the ecological protection red line (生态保护红线) over the hills west of the street parks
/// round 天河水库, and the sea east of the sea dyke and of 瓯飞 closed to development (禁止开发海域).
/// Each keeps 30 m off every park and off the red, blue and green lines, so no parcel and no
/// line takes any of it.
/// </summary>
public static class ProtectedAreas
{
    private static Polygon Ring(params double[] en) => Projection.Plane.CreatePolygon(
        Enumerable.Range(0, en.Length / 2).Select(i => new Coordinate(en[2 * i], en[2 * i + 1])).Append(new Coordinate(en[0], en[1])).ToArray());

    public static List<ProtectedArea> Build(IReadOnlyList<ControlLine> lines)
    {
        var parks = Parks.All.Select(p => (Geometry)p.Plane).Aggregate((a, b) => a.Union(b)).Buffer(30);
        var taken = lines.Where(l => l.Kind is "red" or "blue" or "green").Select(l => l.Plane.Buffer(5))
            .Aggregate(parks, (a, b) => a.Union(b));
        Geometry Free(Geometry g) => g.Difference(taken);
        const string farmlandDoc = "浙政土〔2017〕25号";
        var farmlandOn = new DateOnly(2017, 6, 30);
        return
        [
            // Between 海城 and 天河, on both sides of 海城河.
            new("JBNT-001", "海城天河片永久基本农田", "basic_farmland", farmlandDoc, farmlandOn,
                Free(Ring(576300, 3079950, 578400, 3079950, 578400, 3081300, 576300, 3081300))),
            // South of 星海 and 沙城, north of 海城河.
            new("JBNT-002", "沙城南片永久基本农田", "basic_farmland", farmlandDoc, farmlandOn,
                Free(Ring(579100, 3080800, 581200, 3080800, 581200, 3081650, 579100, 3081650))),
            // West of 丁山, east of 滨海大道.
            new("JBNT-003", "丁山西片永久基本农田", "basic_farmland", farmlandDoc, farmlandOn,
                Free(Ring(581800, 3080750, 583150, 3080750, 583150, 3082700, 581800, 3082700))),
            new("STHX-001", "大罗山西麓生态保护红线", "ecological_red_line", "浙政发〔2018〕30号", new(2018, 7, 20),
                Free(Ring(573000, 3081700, 575050, 3081600, 575250, 3083000, 575200, 3084800, 573600, 3085200, 572900, 3083500))),
            new("JZKF-001", "瓯江口南侧禁止开发海域", "sea_no_development", "浙政函〔2017〕109号", new(2017, 9, 1),
                Free(Ring(590800, 3087600, 592300, 3086700, 594300, 3083200, 594600, 3079200, 594000, 3075700,
                          592400, 3075000, 593300, 3077800, 593500, 3080300, 592400, 3082400, 590700, 3085000))),
        ];
    }
}
