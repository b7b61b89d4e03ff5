using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using NetTopologySuite.IO.Esri.Shp;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// A zipped Shapefile (.shp, .dbf, optional .shx, .prj, .cpg), read with NetTopologySuite.IO.Esri.
/// The zip is checked under <see cref="ZipLimits"/> and the one shapefile's parts are extracted to a
/// private temporary folder, deleted on dispose. Records are read one at a time by the .shx offsets
/// (or a scan of the .shp), so one broken record becomes that feature's <see cref="RawFeature.ReadError"/>
/// and the rest still read. Records the .dbf marks deleted are skipped, as GIS tools skip them, with
/// one <see cref="UploadProblemKind.DeletedRecordsSkipped"/> warning.
/// </summary>
public sealed class ShapefileZipSource : IFeatureSource
{
    private readonly TempFolder temp = new();
    private readonly string shpPath, dbfPath;
    private readonly long[] offsets;
    private readonly int[] records; // the record numbers of the features: those not marked deleted
    private readonly Encoding encoding;
    private readonly FieldMapping mapping;
    private readonly List<UploadProblem> warnings = [];

    /// <inheritdoc/>
    public string Format => "Shapefile";

    /// <inheritdoc/>
    public int? DeclaredSrid { get; }

    /// <inheritdoc/>
    public Envelope? Extent { get; }

    /// <inheritdoc/>
    public int? FeatureCount => records.Length;

    private int read;

    /// <inheritdoc/>
    public double Progress => records.Length == 0 ? 1 : (double)Volatile.Read(ref read) / records.Length;

    /// <inheritdoc/>
    public IReadOnlyList<UploadProblem> Warnings => warnings;

    /// <summary>The .dbf text encoding in use (from the .cpg, the DBF header or assumed).</summary>
    public Encoding Encoding => encoding;

    /// <summary>The private folder the parts are extracted to (deleted on dispose).</summary>
    internal string ExtractedTo => temp.Path;

    /// <summary>The shapefile's name in the zip (without extension): what <c>layer</c> chooses by.</summary>
    public string Layer { get; }

    /// <summary>
    /// Opens <paramref name="zipPath"/>. <paramref name="layer"/> picks a shapefile when the zip holds
    /// several; <paramref name="crsGiven"/> (the request names the CRS) lets an unknown .prj pass.
    /// </summary>
    /// <exception cref="InvalidParameterException">Unsafe or oversized zip, no or several shapefiles,
    /// missing .dbf, an unknown .prj, record counts that disagree, every record marked deleted.</exception>
    public ShapefileZipSource(string zipPath, CollectionDef collection, string? layer = null, bool crsGiven = false, ZipLimits? limits = null)
    {
        try
        {
            using (var zip = new SafeZip(zipPath, limits))
            {
                var shp = ChooseShapefile(zip, layer);
                var stem = shp.FullName[..^4];
                Layer = Path.GetFileName(stem);
                var dbf = zip.Sibling(stem, ".dbf")
                    ?? throw new InvalidParameterException("file", $"the zip has {shp.FullName} but no {Layer}.dbf beside it: a shapefile needs its .shp, .shx and .dbf");
                (shpPath, dbfPath) = (temp.File("layer.shp"), temp.File("layer.dbf"));
                zip.Extract(shp, shpPath);
                zip.Extract(dbf, dbfPath);
                foreach (var ext in new[] { ".shx", ".prj", ".cpg" })
                    if (zip.Sibling(stem, ext) is { } part) zip.Extract(part, temp.File("layer" + ext));
            }
            DeclaredSrid = ReadPrj(temp.File("layer.prj"), crsGiven);
            Extent = ShpHeaderExtent(shpPath);
            offsets = ShapefileIndex.RecordOffsets(shpPath, temp.File("layer.shx"));
            encoding = ChooseEncoding(temp.File("layer.cpg"));
            using var dbfReader = new DbfReader(dbfPath, encoding);
            if (dbfReader.RecordCount != offsets.Length)
                throw new InvalidParameterException("file", $"{Layer}.shp has {offsets.Length} records but {Layer}.dbf has {dbfReader.RecordCount}: the shapefile is damaged");
            mapping = new FieldMapping(dbfReader.Fields.Select(f => f.Name).ToList(), collection);
            warnings.AddRange(mapping.Warnings);
            records = DbfDeletionFlags.LiveRecords(dbfPath, offsets.Length);
            if (records.Length == 0 && offsets.Length > 0)
                throw new InvalidParameterException("file", $"every record of {Layer}.dbf ({offsets.Length}) is marked deleted: the shapefile has no features to upload");
            if (offsets.Length - records.Length is > 0 and var deleted) warnings.Add(DeletedSkipped(deleted));
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    private static System.IO.Compression.ZipArchiveEntry ChooseShapefile(SafeZip zip, string? layer)
    {
        var all = zip.WithExtension(".shp");
        if (all.Count == 0) throw new InvalidParameterException("file", "the zip holds no .shp file (nor one .gpkg): upload a zipped shapefile, a GeoPackage or GeoJSON");
        if (layer is not null)
            return all.FirstOrDefault(e => string.Equals(Path.GetFileNameWithoutExtension(e.FullName), layer, StringComparison.OrdinalIgnoreCase)
                                           || string.Equals(e.FullName[..^4], layer, StringComparison.OrdinalIgnoreCase))
                   ?? throw new InvalidParameterException("layer", $"the zip has no shapefile '{layer}'; it has {Names(all)}");
        if (all.Count > 1)
            throw new InvalidParameterException("layer", $"the zip holds several shapefiles ({Names(all)}); upload one shapefile per upload, or choose one with layer=<name>");
        return all[0];

        static string Names(IEnumerable<System.IO.Compression.ZipArchiveEntry> entries) => string.Join(", ", entries.Select(e => e.FullName));
    }

    private static int? ReadPrj(string path, bool crsGiven)
    {
        if (!File.Exists(path)) return null;
        var wkt = File.ReadAllText(path);
        if (SourceCrs.FromWkt(wkt) is { } def) return def.Srid;
        if (crsGiven) return null;
        var name = System.Text.RegularExpressions.Regex.Match(wkt, "^\\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\\s*\\[\\s*\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : wkt.Trim();
        throw new InvalidParameterException("crs",
            $"the .prj describes '{name}', which is none of the CRSs LandMap converts ({string.Join(", ", SourceCrs.All.Select(c => c.EpsgName))}); pass crs=EPSG:xxxx with the file's EPSG code");
    }

    private static Envelope ShpHeaderExtent(string path)
    {
        var header = new byte[100];
        using (var s = File.OpenRead(path))
        {
            if (s.ReadAtLeast(header, 100, throwOnEndOfStream: false) < 100 || BinaryPrimitives.ReadInt32BigEndian(header) != 9994)
                throw new InvalidParameterException("file", "the .shp is not a shapefile (bad header)");
        }
        double D(int at) => BinaryPrimitives.ReadDoubleLittleEndian(header.AsSpan(at));
        var (minX, minY, maxX, maxY) = (D(36), D(44), D(52), D(60));
        return double.IsFinite(minX) && double.IsFinite(maxY) && minX <= maxX && minY <= maxY && (minX, minY, maxX, maxY) != (0, 0, 0, 0)
            ? new Envelope(minX, maxX, minY, maxY) : new Envelope();
    }

    private Encoding ChooseEncoding(string cpgPath)
    {
        if (File.Exists(cpgPath))
        {
            var cpg = File.ReadAllText(cpgPath).Trim();
            if (DbfTextEncoding.FromCpg(cpg) is { } fromCpg) return fromCpg;
            return Assume($"the .cpg says '{cpg}', which is not a known encoding");
        }
        using var dbf = File.OpenRead(dbfPath);
        if (DbfTextEncoding.FromLanguageDriver(DbfTextEncoding.LanguageDriver(dbf)) is { } fromLdid) return fromLdid;
        return Assume("there is no .cpg");

        Encoding Assume(string why)
        {
            using var bytes = File.OpenRead(dbfPath);
            var guess = DbfTextEncoding.Guess(bytes);
            if (guess is null) return new UTF8Encoding(false); // ASCII only: every encoding reads it alike
            var name = guess.CodePage == 936 ? "GBK" : "UTF-8";
            warnings.Add(new UploadProblem(null, null, null, UploadProblemKind.EncodingAssumed,
                $"{Layer}.dbf 未说明文字编码（{(why.StartsWith("there", StringComparison.Ordinal) ? "缺少 .cpg" : ".cpg 无法识别")}），按 {name} 读取；若中文显示为乱码，请附上写明编码的 .cpg 文件（如 GBK 或 UTF-8）。",
                $"{Layer}.dbf does not state its text encoding ({why}); read as {name}. If text looks garbled, add a .cpg naming the encoding (e.g. GBK or UTF-8)."));
            return guess;
        }
    }

    private UploadProblem DeletedSkipped(int deleted) => new(null, null, null, UploadProblemKind.DeletedRecordsSkipped,
        $"{Layer}.dbf 中有 {deleted} 条记录已标记为删除（删除标志 *），已跳过，不作为要素读取、检查或写入；要素序号只计未删除的要素。",
        $"{Layer}.dbf has {deleted} record(s) marked deleted (deletion flag '*'); they were skipped, as GIS tools skip them, and not read, checked or written as features. Feature indexes count only the features not deleted.");

    /// <summary>The features in file order, deleted records skipped. <see cref="RawFeature.Index"/> counts
    /// the features only: the n-th feature ogrinfo or QGIS's attribute table lists, as for the other
    /// formats. After a deleted record it is therefore less than the record's number in the file, which
    /// GDAL gives as the FID (0-based) and a read error names (1-based).</summary>
    public IEnumerable<RawFeature> ReadFeatures(CancellationToken ct)
    {
        using var dbf = new DbfReader(dbfPath, encoding);
        using var shpStream = File.OpenRead(shpPath);
        var options = new ShapefileReaderOptions { Factory = new GeometryFactory(new PrecisionModel(), 0) };
        using var shp = Shp.OpenRead(shpStream, options);
        for (var index = 0; index < records.Length; index++)
        {
            ct.ThrowIfCancellationRequested();
            var i = records[index];
            Geometry? geometry = null;
            Exception? error = null;
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            try
            {
                ShpRecordCheck.Check(shpStream, offsets[i], i + 1);
                shpStream.Position = offsets[i];
                if (!shp.Read()) throw new InvalidDataException($"record {i + 1} lies beyond the end of the .shp");
                geometry = shp.Geometry is { IsEmpty: false } g ? g : null; // a null shape reads as empty
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e;
            }
            try
            {
                dbf.ReadEntry(i);
                for (var f = 0; f < dbf.Fields.Count; f++) mapping.Add(properties, f, dbf.Fields[f].Value);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error ??= new InvalidDataException($"the .dbf record {i + 1} cannot be read: {e.Message}", e);
            }
            Volatile.Write(ref read, index + 1);
            yield return new RawFeature(index, error is null ? geometry : null, error, properties);
        }
    }

    /// <summary>Deletes the extracted files.</summary>
    public void Dispose() => temp.Dispose();
}
