using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Writes;

/// <summary>The polygon helpers of <see cref="FeatureValidator"/>: orientation and area.</summary>
public sealed partial class FeatureValidator
{
    /// <summary>RFC 7946 orientation: exterior rings counter-clockwise, holes clockwise; each fix is a warning.</summary>
    private static MultiPolygon Orient(MultiPolygon mp, int index, string? code, List<UploadProblem> found)
    {
        var changed = false;
        var polygons = new Polygon[mp.NumGeometries];
        for (var i = 0; i < polygons.Length; i++)
        {
            var p = (Polygon)mp.GetGeometryN(i);
            var shell = p.Shell;
            if (!Orientation.IsCCW(shell.CoordinateSequence))
            {
                shell = (LinearRing)shell.Reverse();
                changed = true;
                found.Add(new(index, code, "geometry", UploadProblemKind.RingReoriented,
                    $"第 {i + 1} 个多边形的外环为顺时针，已改为逆时针。",
                    $"The exterior ring of polygon {i + 1} was clockwise; re-oriented counter-clockwise.", At(shell.Coordinate)));
            }
            var holes = new LinearRing[p.NumInteriorRings];
            for (var h = 0; h < holes.Length; h++)
            {
                holes[h] = (LinearRing)p.GetInteriorRingN(h);
                if (Orientation.IsCCW(holes[h].CoordinateSequence))
                {
                    holes[h] = (LinearRing)holes[h].Reverse();
                    changed = true;
                    found.Add(new(index, code, "geometry", UploadProblemKind.RingReoriented,
                        $"第 {i + 1} 个多边形的第 {h + 1} 个内环为逆时针，已改为顺时针。",
                        $"Hole {h + 1} of polygon {i + 1} was counter-clockwise; re-oriented clockwise.", At(holes[h].Coordinate)));
                }
            }
            polygons[i] = mp.Factory.CreatePolygon(shell, holes);
        }
        return changed ? mp.Factory.CreateMultiPolygon(polygons) : mp;
    }

    /// <summary>Area in m² of a lon/lat geometry on a local equirectangular plane (well within 1 % for the zone).</summary>
    public static double AreaM2(Geometry lonLat)
    {
        const double r = 6_371_008.8;
        var lat = lonLat.EnvelopeInternal.Centre.Y * Math.PI / 180;
        var k = Math.PI / 180 * r;
        return lonLat.Area * k * k * Math.Cos(lat);
    }
}
