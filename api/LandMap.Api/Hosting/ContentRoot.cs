namespace LandMap.Api.Hosting;

/// <summary>
/// Where the service finds its appsettings*.json, web map (wwwroot/) and sample data (gis-data/):
/// the folder of its own binary, so a publish folder works whatever the working directory is
/// (systemd, a container, an operator's shell). An explicit content root (<c>--contentRoot</c>,
/// <c>ASPNETCORE_CONTENTROOT</c>, or a test host's) still wins.
/// </summary>
public static class ContentRoot
{
    /// <summary>The content root to start with, or null to keep the host's own choice (one was given explicitly).</summary>
    public static string? Default(string[] args)
    {
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return given ? null : AppContext.BaseDirectory;
    }

    /// <summary><paramref name="path"/> as given when absolute, else under the content root.</summary>
    public static string Resolve(IHostEnvironment environment, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
}
