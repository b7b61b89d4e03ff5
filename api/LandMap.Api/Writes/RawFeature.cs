using System.Text.Json;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Writes;

/// <summary>A feature as the file gives it: geometry in the file's own coordinates (null when absent
/// or unreadable, then <see cref="ReadError"/> says why), properties as JSON values whatever the format.</summary>
public sealed record RawFeature(int Index, Geometry? Geometry, Exception? ReadError, Dictionary<string, JsonElement> Properties)
{
    public string? Code => Properties.TryGetValue("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
}
