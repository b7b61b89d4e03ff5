using LandMap.Api.Writes;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// An uploaded file's features, read one at a time so a file of any size passes in bounded
/// memory. Geometries come in the file's own coordinates (SRID 0); the upload reprojects them.
/// Opening a source reads what the file says about itself (its CRS, maybe its count) before any
/// feature is read; the upload judges the coordinates on the first features.
/// </summary>
public interface IFeatureSource : IDisposable
{
    /// <summary>"GeoJSON", "Shapefile" or "GeoPackage": named in reports and the upload record.</summary>
    string Format { get; }

    /// <summary>The EPSG code the file states (GeoJSON <c>crs</c> member, the .prj, the GeoPackage's
    /// srs); null when it states none.</summary>
    int? DeclaredSrid { get; }

    /// <summary>The envelope of every coordinate in the file's own x/y, when the file states it up front
    /// (a shapefile's header, a GeoPackage's contents); else null and the upload judges the first features.</summary>
    Envelope? Extent { get; }

    /// <summary>How many features <see cref="ReadFeatures"/> will yield, when the file says so up front.</summary>
    int? FeatureCount { get; }

    /// <summary>How much of the file <see cref="ReadFeatures"/> has read, 0 to 1; read from other threads.</summary>
    double Progress { get; }

    /// <summary>File-level findings that are not errors (e.g. an encoding assumed), shown in the report.</summary>
    IReadOnlyList<UploadProblem> Warnings { get; }

    /// <summary>The features in file order, <see cref="RawFeature.Index"/> 0-based. A feature the
    /// reader cannot build a geometry for comes with <see cref="RawFeature.ReadError"/>, never an exception.</summary>
    IEnumerable<RawFeature> ReadFeatures(CancellationToken ct);
}
