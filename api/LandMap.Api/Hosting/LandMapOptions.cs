namespace LandMap.Api.Hosting;

/// <summary>Settings under the "LandMap" configuration section; paths relative to the repository root.</summary>
public sealed class LandMapOptions
{
    public const string Section = "LandMap";

    /// <summary>The private PostgreSQL cluster started when no connection string is given.</summary>
    public LocalClusterOptions LocalCluster { get; set; } = new();

    /// <summary>Folder of the sample GeoJSON files loaded on first start.</summary>
    public string SampleDataDirectory { get; set; } = "gis-data";

    /// <summary>Load the sample data when its files have not been loaded before.</summary>
    public bool LoadSampleData { get; set; } = true;

    /// <summary>Folder of the web map's static files.</summary>
    public string WebRoot { get; set; } = "web";
}

public sealed class LocalClusterOptions
{
    /// <summary>Data folder of the private cluster (git-ignored).</summary>
    public string DataDirectory { get; set; } = ".pgdata";

    /// <summary>TCP port on 127.0.0.1; its own so it never meets a system PostgreSQL.</summary>
    public int Port { get; set; } = 55432;

    public string Database { get; set; } = "landmap";

    /// <summary>Folder holding initdb, pg_ctl and postgres.</summary>
    public string BinDirectory { get; set; } = "/usr/lib/postgresql/15/bin";
}
