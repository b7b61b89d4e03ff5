using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Tests.Upload;

/// <summary>The in-memory search for an upload's parcels that overlap each other: neighbours sharing an
/// edge or a corner are no pair; interiors that meet are, once, ordered as the report lists them.</summary>
public sealed class FileOverlapCandidatesTests
{
    private static readonly WKTReader Wkt = new(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4490));

    /// <summary>A square of <paramref name="size"/> degrees with its south-west corner at (x, y).</summary>
    private static Geometry Square(double x, double y, double size = 0.001) => Box(x, y, x + size, y + size);

    private static Geometry Box(double x0, double y0, double x1, double y1) => Wkt.Read(
        FormattableString.Invariant($"MULTIPOLYGON((({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0})))"));

    /// <summary>Grid line <paramref name="k"/>: neighbours share exactly the same coordinates.</summary>
    private static double Line(double origin, int k) => origin + k * 0.001;

    private static List<FeaturePair> Find(params (int Index, Geometry Geometry)[] features)
    {
        var candidates = new FileOverlapCandidates();
        foreach (var (index, geometry) in features) candidates.Add(index, geometry);
        return candidates.Find(CancellationToken.None);
    }

    [Fact]
    public void Neighbours_sharing_edges_and_corners_are_no_pair()
    {
        // A 30 x 30 grid of touching squares: every square shares edges and corners with up to 8 others.
        var grid = Enumerable.Range(0, 900).Select(i => (i, Box(Line(121, i % 30), Line(28, i / 30), Line(121, i % 30 + 1), Line(28, i / 30 + 1))))
            .ToArray();
        Assert.Empty(Find(grid));
    }

    [Fact]
    public void Overlapping_parcels_are_one_pair_each_earlier_feature_first()
    {
        var pairs = Find(
            (0, Square(121.000, 28, 0.002)),
            (1, Square(121.002, 28)),          // touches 0 along its east edge
            (2, Square(121.0015, 28.0005)),    // overlaps 0 and 1
            (3, Square(121.01, 28)));          // apart
        Assert.Equal([new FeaturePair(0, 2), new FeaturePair(1, 2)], pairs);
    }

    [Fact]
    public void A_parcel_inside_another_and_a_copy_of_it_are_pairs_in_the_reports_order()
    {
        // Added out of file order (the staging COPY sees batches from several validators).
        var pairs = Find(
            (7, Square(121, 28, 0.0005)),
            (2, Square(121, 28, 0.002)),
            (5, Square(121, 28, 0.002)));
        Assert.Equal([new FeaturePair(2, 5), new FeaturePair(2, 7), new FeaturePair(5, 7)], pairs);
    }

    [Fact]
    public void Empty_geometries_and_single_features_find_nothing()
    {
        Assert.Empty(Find((0, Square(121, 28))));
        Assert.Empty(Find((0, Wkt.Read("MULTIPOLYGON EMPTY")), (1, Square(121, 28))));
    }
}
