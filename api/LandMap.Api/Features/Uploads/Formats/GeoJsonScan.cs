using System.Text.Json;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// Reads a GeoJSON file's root members with <see cref="Utf8JsonReader"/>, building nothing: checks it
/// is a FeatureCollection, finds the legacy <c>crs</c> member and where the features array starts.
/// Normally it stops at the features array (a few bytes in); only a file that puts "type" or
/// "crs" after its features is read to the end. Memory stays at one buffer whatever the size.
/// </summary>
internal static class GeoJsonScan
{
    public sealed record Result(long FeaturesStart, string? CrsName, bool TypeSeen);

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Scans <paramref name="stream"/>; with <paramref name="toEnd"/> the whole file (root members after the features count too).</summary>
    public static Result Run(Stream stream, bool toEnd, CancellationToken ct)
    {
        var scan = new State { ToEnd = toEnd };
        var buffer = new byte[1 << 16];
        long offset = SkipByteOrderMark(stream); // bytes of the file before buffer[0]
        var length = 0;
        var state = new JsonReaderState(ReaderOptions);
        try
        {
            while (!scan.Stop)
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
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            throw new InvalidParameterException("body", "the file's root members hold bytes that are not UTF-8 text; GeoJSON is UTF-8");
        }
        if (!scan.IsFeatureCollection && (toEnd || scan.FeaturesStart < 0))
            throw new InvalidParameterException("body", "the file must be a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")");
        if (scan.FeaturesStart < 0)
            throw new InvalidParameterException("body", "the FeatureCollection has no features array");
        return new Result(scan.FeaturesStart, scan.CrsName, scan.IsFeatureCollection);
    }

    /// <summary>
    /// Reads the file from <paramref name="offset"/> (just after the features array) to its end: the
    /// root object's remaining members, its closing brace, then nothing but whitespace. A second JSON
    /// text, a member cut short or a missing brace is 400 naming <c>body</c>.
    /// </summary>
    public static void CheckTail(string path, long offset, CancellationToken ct)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        stream.Position = offset;
        // The reader resumes as if inside the root object right after its features member.
        ReadOnlySpan<byte> resume = "{\"features\":[]"u8;
        var buffer = new byte[1 << 16];
        resume.CopyTo(buffer);
        var length = resume.Length;
        var state = new JsonReaderState(ReaderOptions);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = stream.Read(buffer, length, buffer.Length - length);
                length += read;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: read == 0, state);
                while (reader.Read()) { }
                if (read == 0) return;
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException("body",
                $"the file does not end where its FeatureCollection ends (after the features: {e.Message}); a GeoJSON file holds one JSON text");
        }
    }

    /// <summary>Files saved on Windows often start with a UTF-8 byte order mark, which JSON readers refuse.</summary>
    private static int SkipByteOrderMark(Stream stream)
    {
        Span<byte> head = stackalloc byte[3];
        var n = stream.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        var bom = n == 3 && head.SequenceEqual("\uFEFF"u8);
        stream.Position = bom ? 3 : 0;
        return bom ? 3 : 0;
    }

    private sealed class State
    {
        public bool ToEnd;
        public bool Stop;
        public bool IsFeatureCollection;
        public long FeaturesStart = -1;
        public string? CrsName;
        public string? RootProperty; // the root member being read
        public bool InCrsName;       // the next string is crs.properties.name
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
                case JsonTokenType.StartArray when depth == 0:
                    throw new InvalidParameterException("body", "the file must be a GeoJSON FeatureCollection object");
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
                    if (!s.ToEnd)
                    {
                        s.Stop = true;
                        state = r.CurrentState;
                        return (int)r.BytesConsumed;
                    }
                    break;
            }
        }
        state = r.CurrentState;
        return (int)r.BytesConsumed;
    }
}
