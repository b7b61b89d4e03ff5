using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Buffer;

namespace LandMap.Api.Geo;

/// <summary>
/// A control line delivered as its centre line (a road's red line as the road's axis with its
/// width): the area it protects is the line buffered by half the width on each side. The buffer is
/// made in metres in the zone's metric CRS, EPSG:4549 (CGCS2000 3-degree Gauss-Kruger CM 120E, whose
/// scale error here, 0.8° off the central meridian, is under 0.01 %), then taken back to EPSG:4490.
/// Ends are flat (the protected strip ends where the line ends, as a red line ends at the road's
/// end, rather than bulging half a width past it); bends are round, so the width holds at every bend.
/// </summary>
public static class CentreLineBuffer
{
    private static readonly SourceCrsDef Metric = SourceCrs.Find(4549)!;

    private static readonly BufferParameters Flat = new() { EndCapStyle = EndCapStyle.Flat, JoinStyle = JoinStyle.Round };

    /// <summary>The MultiPolygon (EPSG:4490 lon/lat) of <paramref name="lonLatLine"/> widened to
    /// <paramref name="widthM"/> metres, <paramref name="widthM"/>/2 on each side.</summary>
    public static MultiPolygon Buffer(Geometry lonLatLine, double widthM)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthM);
        var projected = lonLatLine.Copy();
        projected.Apply(new ToMetric());
        projected.GeometryChanged();
        var area = projected.Buffer(widthM / 2, Flat);
        SourceCrs.ToStorageInPlace(Metric, area);
        var multi = area switch
        {
            MultiPolygon m => m,
            Polygon p => area.Factory.CreateMultiPolygon([p]),
            _ => throw new InvalidOperationException($"buffering a line gave a {area.GeometryType}"),
        };
        multi.SRID = lonLatLine.SRID;
        return multi;
    }

    private sealed class ToMetric : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = SourceCrs.FromStorage(Metric, seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
