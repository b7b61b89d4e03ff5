using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// Tells an uploaded file's format by its first bytes and opens the reader for it: a zip (PK\x03\x04)
/// holding a shapefile or one GeoPackage, or a GeoPackage (an SQLite file). Anything else is left
/// to the GeoJSON reader.
/// </summary>
public static class UploadFormats
{
    private static readonly byte[] ZipMagic = "PK\x03\x04"u8.ToArray();
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    /// <summary>
    /// The reader for the file at <paramref name="path"/>, or null when it is neither a zip nor SQLite
    /// (GeoJSON, then). The caller disposes the source; the file itself is left where it is.
    /// </summary>
    /// <param name="path">The uploaded file.</param>
    /// <param name="collection">The target collection: its properties drive the column mapping.</param>
    /// <param name="layer">Which shapefile (by name, without .shp) or GeoPackage table, when there are several.</param>
    /// <param name="crsGiven">The request names the CRS, so a file CRS LandMap does not know is not an error.</param>
    /// <param name="limits">Zip bounds (default <see cref="ZipLimits.Default"/>).</param>
    /// <exception cref="InvalidParameterException">The file is of a known format but cannot be used (see the readers).</exception>
    public static IFeatureSource? Open(string path, CollectionDef collection, string? layer = null, bool crsGiven = false, ZipLimits? limits = null)
    {
        try
        {
            return OpenByFirstBytes(path, collection, layer, crsGiven, limits);
        }
        catch (Exception e) when (IsDamagedFile(e))
        {
            // The readers (NetTopologySuite.IO.Esri, SQLite, the zip reader) throw what they like at a
            // damaged file: a .dbf header that lies, a truncated entry. That is the file's fault, so a
            // 400 naming it; the reader's own message is left out (it names our temporary paths).
            throw new InvalidParameterException("file",
                $"the file cannot be read: it is damaged, or its parts are not what their names say ({e.GetType().Name})");
        }
    }

    /// <summary>An exception a reader throws at a damaged file: anything but our own problems, a
    /// cancellation, memory running out, or a disk error of the server (an IOException that is not
    /// an early end of the file).</summary>
    private static bool IsDamagedFile(Exception e) =>
        e is not (ApiProblemException or OperationCanceledException or OutOfMemoryException)
        && (e is not IOException || e is EndOfStreamException || ThrownByShapefileReader(e));

    /// <summary>NetTopologySuite.IO.Esri says "Reading dBASE III file header failed." with a plain
    /// IOException: a verdict on the bytes, not a failing disk (whose IOExceptions come from the runtime).</summary>
    private static bool ThrownByShapefileReader(Exception e) =>
        e.TargetSite?.DeclaringType?.Namespace?.StartsWith("NetTopologySuite.IO", StringComparison.Ordinal) == true;

    private static IFeatureSource? OpenByFirstBytes(string path, CollectionDef collection, string? layer, bool crsGiven, ZipLimits? limits)
    {
        Span<byte> head = stackalloc byte[16];
        int n;
        using (var f = File.OpenRead(path)) n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith(SqliteMagic)) return new GeoPackageSource(path, collection, layer, crsGiven);
        if (!head.StartsWith(ZipMagic)) return null;
        return (IFeatureSource?)OpenZippedGeoPackage(path, collection, layer, crsGiven, limits)
               ?? new ShapefileZipSource(path, collection, layer, crsGiven, limits);
    }

    /// <summary>A zip with no .shp and one .gpkg: the GeoPackage, extracted to a temporary folder owned by the source.</summary>
    private static GeoPackageSource? OpenZippedGeoPackage(string path, CollectionDef collection, string? layer, bool crsGiven, ZipLimits? limits)
    {
        var temp = new TempFolder();
        try
        {
            using (var zip = new SafeZip(path, limits))
            {
                if (zip.WithExtension(".shp").Count > 0) { temp.Dispose(); return null; }
                var packages = zip.WithExtension(".gpkg");
                if (packages.Count == 0) { temp.Dispose(); return null; }
                if (packages.Count > 1)
                    throw new InvalidParameterException("file",
                        $"the zip holds several GeoPackages ({string.Join(", ", packages.Select(p => p.FullName))}); upload one per upload");
                zip.Extract(packages[0], temp.File("upload.gpkg"));
            }
            return new GeoPackageSource(temp.File("upload.gpkg"), collection, layer, crsGiven, temp);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }
}
