using System.Text.Json;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// One fast pass over a GeoJSON file with <see cref="Utf8JsonReader"/>, building nothing: checks it is
/// a FeatureCollection, and finds the legacy <c>crs</c> member (it may come after the features), the
/// number of features, the envelope of every coordinate and where the features array starts.
/// Memory stays at one buffer whatever the file's size.
/// </summary>
internal static class GeoJsonScan
{
    public sealed record Result(long FeaturesStart, int Count, Envelope Extent, string? CrsName);

    private const int MaxDepth = 64;
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static Result Run(Stream stream, CancellationToken ct)
    {
        var scan = new State();
        var buffer = new byte[1 << 20];
        var length = 0;
        long offset = 0; // bytes of the file before buffer[0]
        var state = new JsonReaderState(ReaderOptions);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // one token longer than the buffer
                var read = stream.Read(buffer, length, buffer.Length - length);
                length += read;
                var final = read == 0;
                var consumed = Tokens(buffer.AsSpan(0, length), final, ref state, scan, offset);
                Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
                offset += consumed;
                if (final) break;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException("body",
                $"the file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
        if (!scan.IsFeatureCollection)
            throw new InvalidParameterException("body", "the file must be a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")");
        if (scan.FeaturesStart < 0)
            throw new InvalidParameterException("body", "the FeatureCollection has no features array");
        return new Result(scan.FeaturesStart, scan.Count, scan.Extent, scan.CrsName);
    }

    private sealed class State
    {
        public bool IsFeatureCollection;
        public long FeaturesStart = -1;
        public int Count;
        public readonly Envelope Extent = new();
        public string? CrsName;
        public string? RootProperty;      // the root member being read
        public bool InCrsName;            // the next string is crs.properties.name
        public int CoordinatesDepth = -1; // depth of a "coordinates" member being read, -1 outside
        public readonly int[] Position = new int[MaxDepth + 2]; // index within each open coordinate array
        public double X;
    }

    /// <returns>bytes consumed</returns>
    private static int Tokens(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, State s, long offset)
    {
        var r = new Utf8JsonReader(data, final, state);
        while (r.Read())
        {
            var depth = r.CurrentDepth;
            switch (r.TokenType)
            {
                case JsonTokenType.PropertyName when depth == 1:
                    s.RootProperty = r.GetString();
                    break;
                case JsonTokenType.String when depth == 1 && s.RootProperty == "type":
                    s.IsFeatureCollection = r.ValueTextEquals("FeatureCollection"u8);
                    break;
                case JsonTokenType.PropertyName when depth == 3 && s.RootProperty == "crs":
                    s.InCrsName = r.ValueTextEquals("name"u8);
                    break;
                case JsonTokenType.String when s.InCrsName && depth == 3:
                    s.CrsName = r.GetString();
                    s.InCrsName = false;
                    break;
                case JsonTokenType.StartArray when depth == 1 && s.RootProperty == "features":
                    s.FeaturesStart = offset + r.TokenStartIndex;
                    break;
                case JsonTokenType.StartObject when depth == 2 && s.RootProperty == "features":
                    s.Count++;
                    break;
                case JsonTokenType.PropertyName when depth >= 4 && s.RootProperty == "features" && s.CoordinatesDepth < 0:
                    if (r.ValueTextEquals("coordinates"u8)) s.CoordinatesDepth = depth;
                    break;
                case JsonTokenType.StartArray when s.CoordinatesDepth >= 0:
                    s.Position[depth + 1] = 0;
                    break;
                case JsonTokenType.EndArray when depth == s.CoordinatesDepth:
                    s.CoordinatesDepth = -1;
                    break;
                case JsonTokenType.Number or JsonTokenType.EndObject when depth <= s.CoordinatesDepth:
                    s.CoordinatesDepth = -1; // "coordinates" was not an array: the feature reader reports it
                    break;
                case JsonTokenType.Number when s.CoordinatesDepth >= 0:
                    // x then y within the innermost array; a third value (z) is ignored.
                    var i = s.Position[depth]++;
                    if (i == 0) s.X = r.GetDouble();
                    else if (i == 1) s.Extent.ExpandToInclude(s.X, r.GetDouble());
                    break;
                case JsonTokenType.String or JsonTokenType.Null or JsonTokenType.True or JsonTokenType.False
                    or JsonTokenType.StartObject when s.CoordinatesDepth >= 0:
                    s.CoordinatesDepth = -1; // not coordinates after all: the feature reader reports it
                    break;
            }
        }
        state = r.CurrentState;
        return (int)r.BytesConsumed;
    }
}
