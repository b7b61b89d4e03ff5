using System.ComponentModel.DataAnnotations;

namespace LandMap.Api.Features.Uploads;

/// <summary>Settings under <c>LandMap:Uploads</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "LandMap:Uploads";

    /// <summary>Bytes one uploaded file may have (413 past it, nothing written).</summary>
    [Range(1024, long.MaxValue)] public long MaxBytes { get; set; } = 200L * 1024 * 1024;
}
