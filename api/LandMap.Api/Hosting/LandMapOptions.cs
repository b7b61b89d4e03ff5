using System.ComponentModel.DataAnnotations;

namespace LandMap.Api.Hosting;

/// <summary>
/// Settings under the "LandMap" configuration section. The defaults are a production service's:
/// no sample data, the web map from the publish folder's wwwroot/. Relative paths are under the
/// content root (the folder of the service's binary). Development turns on what it needs in
/// appsettings.Development.json (set by <c>./landmap.sh run</c>).
/// </summary>
public sealed class LandMapOptions
{
    public const string Section = "LandMap";

    /// <summary>Folder of the sample GeoJSON files (gis-data/, shipped in the publish folder).</summary>
    [Required] public string SampleDataDirectory { get; set; } = "gis-data";

    /// <summary>Load the sample data at start-up when its files have not been loaded before
    /// (off unless asked; <c>LandMap.Api seed</c> loads it once).</summary>
    public bool LoadSampleData { get; set; }

    /// <summary>Folder of the web map's static files: wwwroot/ in a publish folder (written by
    /// <c>dotnet publish</c>), the repository's web/ in development and tests.</summary>
    [Required] public string WebRoot { get; set; } = "wwwroot";

    /// <summary>A bearer secret with the admin role, for bootstrapping (create real tokens with it,
    /// then remove it); none by default.</summary>
    public string? WriteToken { get; set; }

    /// <summary>Seconds browsers and caches may keep a data response (items, tiles) before revalidating.</summary>
    [Range(0, 86_400)] public int CacheMaxAgeSeconds { get; set; } = 60;
}

/// <summary>
/// The private PostgreSQL cluster of development (<c>LandMap:LocalCluster</c>): started by the
/// service only when <see cref="Enabled"/> (appsettings.Development.json) and no connection string
/// is given. A production service never runs initdb or pg_ctl.
/// </summary>
public sealed class LocalClusterOptions
{
    public const string Section = "LandMap:LocalCluster";

    /// <summary>Start (and create on first use) the private cluster when no connection string is set.</summary>
    public bool Enabled { get; set; }

    /// <summary>Data folder of the private cluster (git-ignored), under the content root unless absolute.</summary>
    [Required] public string DataDirectory { get; set; } = ".pgdata";

    /// <summary>TCP port on 127.0.0.1; its own so it never meets a system PostgreSQL.</summary>
    [Range(1024, 65_535)] public int Port { get; set; } = 55432;

    [Required] public string Database { get; set; } = "landmap";

    /// <summary>Folder holding initdb, pg_ctl and postgres.</summary>
    [Required] public string BinDirectory { get; set; } = "/usr/lib/postgresql/15/bin";
}
