using System.Text.Json;
using LandMap.Api.Geo;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// A GeoJSON FeatureCollection file (RFC 7946, plus the legacy <c>crs</c> member), read feature by
/// feature: a first pass (<see cref="GeoJsonScan"/>) finds the CRS, count and extent; then each
/// element of the features array is framed in a buffer and parsed alone, so memory holds one
/// buffer and one feature at a time whatever the file's size.
/// </summary>
public sealed class GeoJsonFileSource : IFeatureSource
{
    // SRID 0: the file's own coordinates, reprojected later.
    private static readonly GeometryFactory GeometryFactory = new(new PrecisionModel(), 0);
    private static readonly JsonSerializerOptions GeometryOptions = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions { MaxDepth = 64 };
        o.Converters.Add(new GeoJsonConverterFactory(GeometryFactory));
        return o;
    }

    private readonly string path;
    private readonly long featuresStart;
    private readonly JsonReaderOptions readerOptions;
    private readonly JsonDocumentOptions propertyOptions;

    private long fileLength;
    private long position;

    private readonly int maxFeatureBytes;

    private GeoJsonFileSource(string path, GeoJsonScan.Result scan, int? srid, int maxDepth, int maxFeatureBytes)
    {
        this.path = path;
        this.maxFeatureBytes = maxFeatureBytes;
        readerOptions = new JsonReaderOptions { MaxDepth = maxDepth };
        propertyOptions = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };
        featuresStart = scan.FeaturesStart;
        DeclaredSrid = srid;
    }

    /// <summary>Reads the root members before the features (and, when "type" is not among them or
    /// the file's tail mentions a crs, the whole file); throws <see cref="InvalidParameterException"/>
    /// when it is not a FeatureCollection or its <c>crs</c> member names no EPSG CRS. A feature may nest
    /// <c>maxDepth</c> deep (LandMap:Limits:JsonMaxDepth).</summary>
    /// <param name="path">The uploaded file.</param>
    /// <param name="ct">Cancels the scan.</param>
    /// <param name="maxDepth">How deep a feature may nest (LandMap:Limits:JsonMaxDepth).</param>
    /// <param name="maxFeatureBytes">The largest one feature may be (LandMap:Limits:MaxFeatureBytes): a feature
    /// is parsed whole, so this bounds the memory one upload can take, whatever the file's size.</param>
    public static GeoJsonFileSource Open(string path, CancellationToken ct, int maxDepth = 64, int maxFeatureBytes = 16 * 1024 * 1024)
    {
        GeoJsonScan.Result scan;
        using (var stream = OpenRead(path)) scan = GeoJsonScan.Run(stream, toEnd: false, ct);
        if (!scan.TypeSeen || (scan.CrsName is null && TailMentionsCrs(path)))
            using (var stream = OpenRead(path)) scan = GeoJsonScan.Run(stream, toEnd: true, ct);
        int? srid = null;
        if (scan.CrsName is { } name)
            srid = SourceCrs.ParseSrid(name)
                ?? throw new InvalidParameterException("crs", $"the file's crs member '{name}' is not an EPSG CRS; give crs=EPSG:<code>");
        return new GeoJsonFileSource(path, scan, srid, maxDepth, maxFeatureBytes);
    }

    /// <summary>A crs member after the features is rare but legal: look for one in the last 64 KB.</summary>
    private static bool TailMentionsCrs(string path)
    {
        using var stream = OpenRead(path);
        var tail = new byte[(int)Math.Min(stream.Length, 1 << 16)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        return tail.AsSpan().IndexOf("\"crs\""u8) >= 0;
    }

    public string Format => "GeoJSON";
    public int? DeclaredSrid { get; }
    public Envelope? Extent => null; // known only at the end: the upload judges the first features
    public int? FeatureCount => null; // known only at the end; progress goes by bytes
    public double Progress => fileLength == 0 ? 0 : (double)Volatile.Read(ref position) / fileLength;
    public IReadOnlyList<UploadProblem> Warnings => [];

    public IEnumerable<RawFeature> ReadFeatures(CancellationToken ct)
    {
        using var stream = OpenRead(path);
        fileLength = stream.Length;
        stream.Position = featuresStart + 1; // after '['
        var buffer = new byte[1 << 20];
        int start = 0, length = 0, index = 0;
        var eof = false;
        var geometries = new GeoJsonGeometryReader(GeometryFactory);
        while (true)
        {
            // Frame the next element; refill (and grow for a feature larger than the buffer) as needed.
            FrameStatus status;
            (int Start, int End) end;
            try
            {
                (status, end) = Frame(buffer.AsSpan(start, length - start), eof, readerOptions);
            }
            catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
            {
                var setting = Hosting.RequestLimits.Name(nameof(Hosting.RequestLimits.JsonMaxDepth));
                throw new LimitExceededException("body", setting, readerOptions.MaxDepth,
                    $"feature {index} is nested deeper than {readerOptions.MaxDepth} levels ({setting})");
            }
            catch (JsonException e)
            {
                // Incomplete data makes the reader ask for more, never throw: this is a syntax error.
                throw new InvalidParameterException("body", $"feature {index} is not valid JSON: {e.Message}");
            }
            if (status == FrameStatus.NeedMore)
            {
                ct.ThrowIfCancellationRequested();
                if (eof) throw new InvalidParameterException("body", $"the file ends inside feature {index}");
                Buffer.BlockCopy(buffer, start, buffer, 0, length - start);
                length -= start;
                start = 0;
                if (length == buffer.Length)
                {
                    if (length >= maxFeatureBytes)
                    {
                        var setting = Hosting.RequestLimits.Name(nameof(Hosting.RequestLimits.MaxFeatureBytes));
                        throw new LimitExceededException("body", setting, maxFeatureBytes,
                            $"feature {index} is larger than {maxFeatureBytes} bytes ({setting}); nothing was written",
                            StatusCodes.Status413PayloadTooLarge);
                    }
                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxFeatureBytes + 1L));
                }
                var read = stream.Read(buffer, length, buffer.Length - length);
                length += read;
                eof = read == 0;
                continue;
            }
            if (status == FrameStatus.End)
            {
                // The features end here; the file must end with its FeatureCollection (a second JSON
                // text after it is not GeoJSON, and other readers would take the other one).
                GeoJsonScan.CheckTail(path, stream.Position - length + start + end.Start + 1, ct);
                yield break;
            }
            var (elementStart, elementEnd) = (start + end.Start, start + end.End);
            yield return ParseOrRefuse(index++, buffer.AsSpan(elementStart, elementEnd - elementStart), geometries);
            start = elementEnd;
            Volatile.Write(ref position, stream.Position - (length - start));
        }
    }

    private enum FrameStatus { Element, End, NeedMore }

    /// <summary>Finds the next array element in <paramref name="data"/>: skips separators, then lets
    /// <see cref="Utf8JsonReader.TrySkip"/> find where the element ends.</summary>
    private static (FrameStatus, (int Start, int End)) Frame(ReadOnlySpan<byte> data, bool eof, JsonReaderOptions options)
    {
        var i = 0;
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)',') i++;
        if (i == data.Length) return (FrameStatus.NeedMore, default);
        if (data[i] == (byte)']') return (FrameStatus.End, (i, i + 1));
        var r = new Utf8JsonReader(data[i..], eof, new JsonReaderState(options));
        if (!r.Read() || !r.TrySkip()) return (FrameStatus.NeedMore, default);
        return (FrameStatus.Element, (i, i + (int)r.BytesConsumed));
    }

    /// <summary>Bytes that are not UTF-8 in a name or string (the reader frames them, only decoding
    /// throws) make the feature unreadable, not the upload.</summary>
    private RawFeature ParseOrRefuse(int index, ReadOnlySpan<byte> element, GeoJsonGeometryReader geometries)
    {
        if (!System.Text.Unicode.Utf8.IsValid(element))
            return new RawFeature(index, null, new FormatException("the feature holds bytes that are not UTF-8 text"), []);
        try
        {
            var feature = Parse(index, element, geometries);
            // An escaped lone surrogate (\ud800) is valid JSON but no text: decode escaped strings now,
            // so the checks never meet one (rare: only features with \u escapes pay for it).
            if (element.IndexOf("\\u"u8) >= 0)
                foreach (var value in feature.Properties.Values)
                    if (value.ValueKind == JsonValueKind.String) _ = value.GetString();
            return feature;
        }
        catch (InvalidOperationException e)
        {
            return new RawFeature(index, null, new FormatException($"the feature holds text that cannot be decoded: {e.Message}"), []);
        }
    }

    /// <summary>One Feature from its bytes: properties copied out as JSON values, geometry built by NTS.
    /// A member named twice (in the feature, its properties or its geometry) makes the feature unreadable:
    /// which of the two counts differs between readers.</summary>
    private RawFeature Parse(int index, ReadOnlySpan<byte> element, GeoJsonGeometryReader geometries)
    {
        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var r = new Utf8JsonReader(element, readerOptions);
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject)
            return new RawFeature(index, null, new FormatException("the element is not a GeoJSON Feature object"), props);
        int geometryStart = -1, geometryEnd = -1;
        var members = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!members.Add(r.GetString()!))
            {
                var name = r.GetString()!;
                r.Read();
                r.Skip();
                return new RawFeature(index, null, new DuplicateKeyException(name), props);
            }
            if (r.ValueTextEquals("properties"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)r.TokenStartIndex;
                    r.Skip();
                    try
                    {
                        foreach (var p in JsonElement.Parse(element[start..(int)r.BytesConsumed], propertyOptions).EnumerateObject())
                            props[p.Name] = p.Value;
                    }
                    catch (JsonException e) when (Hosting.JsonBody.DuplicateName(e) is { } name)
                    {
                        return new RawFeature(index, null, new DuplicateKeyException(name), props);
                    }
                }
                else r.Skip();
            }
            else if (r.ValueTextEquals("geometry"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.StartObject) geometryStart = (int)r.TokenStartIndex;
                r.Skip();
                if (geometryStart >= 0) geometryEnd = (int)r.BytesConsumed;
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
        if (geometryStart < 0) return new RawFeature(index, null, null, props);
        try
        {
            var json = element[geometryStart..geometryEnd];
            var geometry = geometries.Read(json) ?? JsonSerializer.Deserialize<Geometry>(json, GeometryOptions);
            return new RawFeature(index, geometry, null, props);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return new RawFeature(index, null, e, props);
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public void Dispose() { }
}
