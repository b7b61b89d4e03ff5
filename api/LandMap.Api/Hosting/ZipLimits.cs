namespace LandMap.Api.Hosting;

/// <summary>
/// Hard limits on an uploaded zip, checked before anything is extracted.
/// </summary>
/// <param name="MaxExpandedBytes">The most all entries together may expand to (declared and actually written).</param>
/// <param name="MaxRatio">The most one entry may expand per compressed byte; above it the zip is taken for a zip bomb.</param>
/// <param name="RatioFloorBytes">Entries smaller than this are not held to <paramref name="MaxRatio"/>: a small,
/// mostly blank .dbf compresses well beyond 100:1 and cannot hurt.</param>
/// <param name="MaxEntries">The most entries (files and folders) a zip may list: a shapefile is four to six
/// files, a GeoPackage one, and each listed entry costs a check and memory before anything is read.</param>
public sealed record ZipLimits(long MaxExpandedBytes = 2L * 1024 * 1024 * 1024, double MaxRatio = 100, long RatioFloorBytes = 1024 * 1024,
    int MaxEntries = 1000)
{
    /// <summary>2 GB, 100:1 above 1 MB, 1,000 entries.</summary>
    public static ZipLimits Default { get; } = new();
}
