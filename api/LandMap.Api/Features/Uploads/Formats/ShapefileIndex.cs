using System.Buffers.Binary;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>Where each record of a .shp starts: from the .shx when it is there and fits the .shp,
/// otherwise by walking the record headers of the .shp itself.</summary>
internal static class ShapefileIndex
{
    private const int HeaderBytes = 100;

    /// <summary>Byte offsets of the records' headers in the .shp, in record order.</summary>
    public static long[] RecordOffsets(string shpPath, string shxPath)
    {
        var shpLength = new FileInfo(shpPath).Length;
        if (File.Exists(shxPath) && FromShx(shxPath, shpLength) is { } fromShx) return fromShx;
        return Scan(shpPath, shpLength);
    }

    private static long[]? FromShx(string shxPath, long shpLength)
    {
        var bytes = File.ReadAllBytes(shxPath);
        if (bytes.Length < HeaderBytes || (bytes.Length - HeaderBytes) % 8 != 0) return null;
        var offsets = new long[(bytes.Length - HeaderBytes) / 8];
        for (var i = 0; i < offsets.Length; i++)
        {
            // Offsets and lengths are counted in 16-bit words, big-endian.
            var offset = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(HeaderBytes + i * 8)) * 2L;
            if (offset < HeaderBytes || offset + 8 > shpLength) return null;
            offsets[i] = offset;
        }
        return offsets;
    }

    private static long[] Scan(string shpPath, long shpLength)
    {
        var offsets = new List<long>();
        Span<byte> header = stackalloc byte[8];
        using var shp = File.OpenRead(shpPath);
        var position = (long)HeaderBytes;
        while (position + 8 <= shpLength)
        {
            shp.Position = position;
            shp.ReadExactly(header);
            var words = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
            if (words < 2) break; // a record holds at least its shape type: the rest is damage
            offsets.Add(position);
            position += 8 + words * 2L;
        }
        return [.. offsets];
    }
}
