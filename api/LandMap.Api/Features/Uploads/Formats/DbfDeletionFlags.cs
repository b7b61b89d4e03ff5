using System.Buffers.Binary;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// The dBASE deletion flag: a record whose first byte is '*' was deleted but not packed away.
/// GDAL, QGIS and ArcGIS skip such records, so an upload does too. NetTopologySuite.IO.Esri 1.2.0
/// reads the flag in <c>DbfReader.ReadEntry</c> but does not return it, hence this scan of the file.
/// </summary>
internal static class DbfDeletionFlags
{
    private const byte DeletedMark = 0x2A; // '*'; a live record has ' '
    private const int HeaderPrefixBytes = 12;

    /// <summary>The 0-based numbers of the first <paramref name="recordCount"/> records that are not
    /// marked deleted, in file order (the .dbf header gives where records start and their length).</summary>
    public static int[] LiveRecords(string dbfPath, int recordCount)
    {
        // One sequential pass through a read buffer: the flags are one byte per record, far apart.
        using var dbf = new FileStream(dbfPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> header = stackalloc byte[HeaderPrefixBytes];
        dbf.ReadExactly(header);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        var recordLength = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        var live = new List<int>(recordCount);
        for (var i = 0; i < recordCount; i++)
        {
            dbf.Position = headerLength + (long)i * recordLength;
            // Past the end (-1) counts as live: the record's own read then reports the damage.
            if (dbf.ReadByte() != DeletedMark) live.Add(i);
        }
        return [.. live];
    }
}
