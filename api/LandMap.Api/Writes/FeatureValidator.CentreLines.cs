using System.Text.Json;
using LandMap.Api.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Api.Writes;

/// <summary>Control lines uploaded as centre lines with their width (issue 16).</summary>
public sealed partial class FeatureValidator
{
    /// <summary>Adds a TooManyVertices problem when <paramref name="g"/> has more vertices than allowed.</summary>
    private bool TooManyVertices(UploadFeature f, string? code, Geometry g, List<UploadProblem> found)
    {
        if (g.NumPoints <= options.MaxVertices) return false;
        found.Add(new(f.Index, code, "geometry", UploadProblemKind.TooManyVertices,
            $"几何有 {g.NumPoints} 个顶点，最多 {options.MaxVertices} 个。",
            $"The geometry has {g.NumPoints} vertices; at most {options.MaxVertices}.", At(g.Coordinate)));
        return true;
    }

    /// <summary>A control line given as its centre line: the strip of its width_m (kept as a property),
    /// <see cref="CentreLineBuffer"/>; without a usable width_m, a problem naming width_m.</summary>
    private Geometry? CentreLine(UploadFeature f, string? code, Geometry line, List<UploadProblem> found)
    {
        var hasWidth = f.Properties.TryGetValue("width_m", out var w) && w.ValueKind == JsonValueKind.Number
                       && w.TryGetDouble(out var width) && double.IsFinite(width) && width > 0 && width <= Ranges["width_m"].Max;
        if (!hasWidth)
        {
            found.Add(new(f.Index, code, "width_m", UploadProblemKind.RequiredProperty,
                "控制线以中心线（LineString）上传时须给出 width_m（控制宽度，米，大于 0），按两侧各半宽缓冲成面。",
                "A control line uploaded as a centre line (LineString) needs width_m (metres, more than 0): it is buffered by half the width on each side.",
                At(line.Coordinate)));
            return null;
        }
        if (TooManyVertices(f, code, line, found)) return null;
        if (new IsValidOp(line).ValidationError is { } error)
        {
            found.Add(new(f.Index, code, "geometry", UploadProblemKind.InvalidGeometry,
                $"中心线无效，位于 {Where(error.Coordinate)}。", $"The centre line is not valid: {error.Message} at {Where(error.Coordinate)}.",
                At(error.Coordinate)));
            return null;
        }
        var area = CentreLineBuffer.Buffer(line, w.GetDouble());
        area.SRID = line.SRID;
        return area;
    }
}
