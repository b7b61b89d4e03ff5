using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>
/// Writes RFC 7946 FeatureCollections by hand rather than through a serializer so the bytes are
/// fully under our control: one feature per line (readable diffs), properties in table-column
/// order, UTF-8 Chinese unescaped, coordinates with at most 7 decimals, "\n" line ends. Same
/// input, same bytes, on every platform.
/// </summary>
public sealed class GeoJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly List<string> _features = [];

    public void Add(Geometry lonLat, Action<Props> properties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WritePropertyName("geometry");
            WriteGeometry(w, lonLat);
            w.WritePropertyName("properties");
            w.WriteStartObject();
            properties(new Props(w));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        _features.Add(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public void Save(string path)
    {
        var text = "{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join(",\n", _features) + "\n]}\n";
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
    }

    private static void WriteGeometry(Utf8JsonWriter w, Geometry g)
    {
        w.WriteStartObject();
        w.WriteString("type", g.GeometryType);
        w.WritePropertyName("coordinates");
        switch (g)
        {
            case Point p: WritePosition(w, p.Coordinate); break;
            case MultiLineString ml: WriteArray(w, ml.Geometries, l => WriteRing(w, l.Coordinates)); break;
            case MultiPolygon mp: WriteArray(w, mp.Geometries, p => WritePolygon(w, (Polygon)p)); break;
            default: throw new NotSupportedException(g.GeometryType);
        }
        w.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter w, Polygon p)
    {
        w.WriteStartArray();
        WriteRing(w, p.ExteriorRing.Coordinates);
        foreach (var hole in p.InteriorRings)
            WriteRing(w, hole.Coordinates);
        w.WriteEndArray();
    }

    private static void WriteArray(Utf8JsonWriter w, Geometry[] parts, Action<Geometry> write)
    {
        w.WriteStartArray();
        foreach (var part in parts)
            write(part);
        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, Coordinate[] coords)
    {
        w.WriteStartArray();
        foreach (var c in coords)
            WritePosition(w, c);
        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, Coordinate c)
    {
        w.WriteStartArray();
        w.WriteRawValue(c.X.ToString("0.#######", CultureInfo.InvariantCulture));
        w.WriteRawValue(c.Y.ToString("0.#######", CultureInfo.InvariantCulture));
        w.WriteEndArray();
    }

    /// <summary>Property helpers: null stays an explicit JSON null so every feature has every column.</summary>
    public readonly struct Props(Utf8JsonWriter w)
    {
        public Props S(string name, string? value)
        {
            if (value is null) w.WriteNull(name); else w.WriteString(name, value);
            return this;
        }

        public Props D(string name, DateOnly? value) =>
            S(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        public Props N(string name, decimal? value)
        {
            if (value is null) w.WriteNull(name); else w.WriteNumber(name, value.Value);
            return this;
        }

        public Props Events(IEnumerable<Event> events)
        {
            w.WriteStartArray("events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("kind", e.Kind);
                w.WriteString("occurred_on", e.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                // Only the procedure's steps carry details: the other events stay two fields.
                if (e.DocumentNo is not null) w.WriteString("document_no", e.DocumentNo);
                if (e.Cause is not null) w.WriteString("cause", e.Cause);
                if (e.NewAgreedStartOn is { } start) w.WriteString("new_agreed_start_on", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (e.AmountWan is { } amount) w.WriteNumber("amount_wan", amount);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            return this;
        }
    }
}
