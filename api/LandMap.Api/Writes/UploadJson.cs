using System.Text.Json;
using NetTopologySuite.IO.Converters;

namespace LandMap.Api.Writes;

/// <summary>The report as JSON: camelCase, GeoJSON geometries, Chinese as it is, no nulls.</summary>
public static class UploadJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new GeoJsonConverterFactory());
        return o;
    }
}
