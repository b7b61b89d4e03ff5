using System.Buffers.Binary;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// Checks a .shp record's header and counts against its stated length and the file before the
/// shapefile library reads it. The library trusts the counts: a record claiming 2^31 parts or
/// points makes it allocate and read for minutes (measured: an upload held for over 60 s). Here a
/// count that cannot fit in the record is that feature's read error, found in microseconds.
/// </summary>
internal static class ShpRecordCheck
{
    // Offsets from the record's start: an 8-byte record header (number, content length in 16-bit
    // words, big-endian), then the content: shape type, and for multi-part shapes a 32-byte box,
    // the part and point counts, the part starts, the points (16 bytes each; Z and M ranges after).
    private const int ContentStart = 8, CountsAt = ContentStart + 4 + 32, PartsAt = CountsAt + 8;

    private static readonly HashSet<int> MultiPart = [3, 5, 13, 15, 23, 25, 31];
    private static readonly HashSet<int> MultiPoint = [8, 18, 28];
    private static readonly HashSet<int> SinglePoint = [1, 11, 21];

    /// <summary>Throws <see cref="InvalidDataException"/> saying what is wrong with record
    /// <paramref name="number"/> (1-based) at <paramref name="offset"/>; leaves the stream where it was.</summary>
    public static void Check(FileStream shp, long offset, int number)
    {
        var restore = shp.Position;
        try
        {
            Span<byte> head = stackalloc byte[PartsAt];
            shp.Position = offset;
            var got = shp.ReadAtLeast(head, PartsAt, throwOnEndOfStream: false);
            if (got < ContentStart + 4) throw Damaged(number, "its header lies past the end of the .shp");
            var contentBytes = BinaryPrimitives.ReadInt32BigEndian(head[4..]) * 2L;
            if (contentBytes < 4 || offset + ContentStart + contentBytes > shp.Length)
                throw Damaged(number, $"it says it is {contentBytes} bytes long, past the end of the .shp");
            var type = BinaryPrimitives.ReadInt32LittleEndian(head[ContentStart..]);
            var end = ContentStart + contentBytes; // the record's length, from its start
            if (type == 0) return; // a null shape
            if (SinglePoint.Contains(type))
            {
                if (end < ContentStart + 4 + 16) throw Damaged(number, "its point does not fit in it");
                return;
            }
            if (!MultiPart.Contains(type) && !MultiPoint.Contains(type)) throw Damaged(number, $"its shape type {type} is not a shapefile shape type");
            if (got < PartsAt) throw Damaged(number, "its counts lie past the end of the .shp");
            if (MultiPoint.Contains(type))
            {
                long points = BinaryPrimitives.ReadInt32LittleEndian(head[CountsAt..]);
                if (points < 0 || CountsAt + 4 + 16 * points > end) throw Damaged(number, $"its {points} points do not fit in its {contentBytes} bytes");
                return;
            }
            long parts = BinaryPrimitives.ReadInt32LittleEndian(head[CountsAt..]);
            long vertices = BinaryPrimitives.ReadInt32LittleEndian(head[(CountsAt + 4)..]);
            var partTypes = type == 31 ? 4 * parts : 0; // a multipatch also lists each part's type
            if (parts < 0 || vertices < 0 || parts > vertices || PartsAt + 4 * parts + partTypes + 16 * vertices > end)
                throw Damaged(number, $"its {parts} parts and {vertices} points do not fit in its {contentBytes} bytes");
        }
        finally
        {
            shp.Position = restore;
        }
    }

    private static InvalidDataException Damaged(int number, string why) => new($"record {number} of the .shp is damaged: {why}");
}
