using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>Cuts blocks into parcels. Neighbouring parcels keep a 4 m gap (2 m inset each).</summary>
public static class Cutting
{
    private const double Inset = 2.0;
    /// <summary>East of this GK easting 滨海 is still tidal flat outside the built area (sea-dyke side).</summary>
    private const double BinhaiTidalEasting = 588300;

    public static List<Parcel> Cut(ParkLayout layout)
    {
        var rng = new Random(layout.Park.Seed * 7 + 1);
        var parcels = new List<Parcel>();
        var g = layout.Park.Grid;
        foreach (var block in layout.Blocks)
        {
            var coastal = layout.Park.Code == "P-OF"
                || (layout.Park.Code == "P-BH" && layout.BlockCentre(block).X > BinhaiTidalEasting);
            // Always draw the same numbers per block so reserving a block elsewhere changes nothing here.
            var cols = rng.Next(1, g.MaxCols + 1);
            var rows = rng.Next(1, g.MaxRows + 1);
            var uCuts = Cuts(rng, block.U0, block.U1, coastal ? 1 : cols);
            var vCuts = Cuts(rng, block.V0, block.V1, coastal ? 1 : rows);
            var chamferDraw = rng.NextDouble();
            var chamferSize = 8 + 10 * rng.NextDouble();
            if (block.Reserved is not null)
                continue;
            for (var a = 0; a < uCuts.Length - 1; a++)
            {
                for (var b = 0; b < vCuts.Length - 1; b++)
                {
                    double u0 = uCuts[a] + Inset, u1 = uCuts[a + 1] - Inset;
                    double v0 = vCuts[b] + Inset, v1 = vCuts[b + 1] - Inset;
                    var corner = CornerOfBlock(a, b, uCuts.Length - 1, vCuts.Length - 1);
                    var chamfer = !coastal && corner >= 0 && chamferDraw < 0.6 ? corner : -1;
                    var parcel = new Parcel
                    {
                        Layout = layout, U0 = u0, V0 = v0, U1 = u1, V1 = v1, Coastal = coastal,
                        ChamferCorner = chamfer, ChamferSize = chamfer >= 0 ? chamferSize : 0,
                    };
                    if (block.FullyInside)
                    {
                        parcels.Add(parcel);
                        continue;
                    }
                    // Edge blocks: keep what lies inside the park when that is most of the parcel.
                    var rect = parcel.Plane;
                    var clipped = rect.Intersection(layout.Inner);
                    if (clipped is Polygon p && p.Area >= 0.55 * rect.Area && p.IsValid)
                    {
                        parcels.Add(new Parcel
                        {
                            Layout = layout, U0 = u0, V0 = v0, U1 = u1, V1 = v1, Coastal = coastal,
                            Fixed = Simplify(p),
                        });
                    }
                }
            }
        }
        return parcels;
    }

    /// <summary>Split positions with +-20 % variation so parcels in a block differ in size.</summary>
    private static double[] Cuts(Random rng, double from, double to, int n)
    {
        var weights = Enumerable.Range(0, n).Select(_ => 0.8 + 0.4 * rng.NextDouble()).ToArray();
        var total = weights.Sum();
        var cuts = new double[n + 1];
        cuts[0] = from;
        for (var k = 0; k < n; k++)
            cuts[k + 1] = cuts[k] + (to - from) * weights[k] / total;
        cuts[n] = to;
        return cuts;
    }

    /// <summary>Which block corner (0 = u0v0, 1 = u1v0, 2 = u1v1, 3 = u0v1) a sub-parcel sits on, or -1.</summary>
    private static int CornerOfBlock(int a, int b, int na, int nb)
    {
        bool lowU = a == 0, highU = a == na - 1, lowV = b == 0, highV = b == nb - 1;
        if (lowU && lowV) return 0;
        if (highU && lowV) return 1;
        if (highU && highV) return 2;
        if (lowU && highV) return 3;
        return -1;
    }

    /// <summary>Buffer(-12) of a curved-free outline can leave near-collinear vertices; drop them.</summary>
    private static Polygon Simplify(Polygon p) =>
        NetTopologySuite.Simplify.DouglasPeuckerSimplifier.Simplify(p, 0.5) as Polygon ?? p;

    /// <summary>
    /// 金海湖 and its lakeside park: 2 x 2 blocks at the core's centre become one green parcel
    /// (land use 0810) with the lake (about 16 ha of water) as a hole, about 43 ha in all.
    /// </summary>
    public static Parcel ReserveLakePark(ParkLayout layout)
    {
        var centre = layout.Park.Plane.Centroid.Coordinate;
        var first = layout.Blocks
            .Where(b => b.FullyInside && new[] { (1, 0), (0, 1), (1, 1) }
                .All(d => layout.BlockAt(b.I + d.Item1, b.J + d.Item2) is { FullyInside: true }))
            .OrderBy(b => layout.Frame.ToPlane(b.U1, b.V1).Distance(centre))
            .First();
        var blocks = new[] { first, layout.BlockAt(first.I + 1, first.J)!, layout.BlockAt(first.I, first.J + 1)!, layout.BlockAt(first.I + 1, first.J + 1)! };
        foreach (var b in blocks)
            b.Reserved = "lake";
        double u0 = first.U0 + Inset, v0 = first.V0 + Inset;
        double u1 = blocks[3].U1 - Inset, v1 = blocks[3].V1 - Inset;
        var rect = layout.Frame.Rect(u0, v0, u1, v1);
        var lake = Shapes.Blob(layout.Frame.ToPlane((u0 + u1) / 2, (v0 + v1) / 2), 250, 200, 0.08, 91, 48);
        layout.RoadBlockers.Add(rect.Buffer(1));
        var park = (Polygon)rect.Difference(lake);
        return new Parcel { Layout = layout, U0 = u0, V0 = v0, U1 = u1, V1 = v1, Fixed = park };
    }
}
