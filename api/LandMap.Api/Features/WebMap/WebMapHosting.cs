using LandMap.Api.Configuration;
using LandMap.Api.Hosting;
using Microsoft.Extensions.FileProviders;

namespace LandMap.Api.Features.WebMap;

/// <summary>Serves the Leaflet map from <c>LandMap:WebRoot</c> at / (the repository's web/ in
/// development, wwwroot/ in a publish folder), and the npm packages listed in its vendor.list from
/// its node_modules at /vendor/...: nothing comes from a CDN. Only the folders and files listed are
/// reachable; the rest of node_modules is not served.</summary>
public static class WebMapHosting
{
    /// <summary>The list of vendored packages, in the web root (read by the publish step too).</summary>
    public const string VendorList = "vendor.list";

    /// <summary>Registers the map page's settings (<see cref="WebOptions"/>).</summary>
    public static IServiceCollection AddWebMap(this IServiceCollection services) => services.AddSettings<WebOptions>(WebOptions.Section);

    public static WebApplication UseWebMap(this WebApplication app)
    {
        var web = ContentRoot.Resolve(app.Environment, app.Services.GetRequiredService<LandMapOptions>().WebRoot);
        if (!Directory.Exists(web))
        {
            app.Logger.LogWarning("Web map: no folder {Dir}; the map is not served", web);
            return app;
        }
        var files = new PhysicalFileProvider(web, Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.Sensitive);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new WithoutNodeModules(files) });

        foreach (var (url, entries) in VendorEntries(web).GroupBy(e => e.Url, e => e.Path).Select(g => (g.Key, g.ToList())))
        {
            var folder = entries.FirstOrDefault(p => Directory.Exists(Path.Combine(web, "node_modules", p)));
            var single = entries.Where(p => File.Exists(Path.Combine(web, "node_modules", p))).ToList();
            if (folder is null && single.Count == 0)
            {
                app.Logger.LogWarning("Web map: {Package} not installed in {Dir}; run 'npm ci' in web/ (./landmap.sh does)", url, Path.Combine(web, "node_modules"));
                continue;
            }
            IFileProvider provider = folder is not null
                ? new PhysicalFileProvider(Path.Combine(web, "node_modules", folder))
                : new OnlyFiles(new PhysicalFileProvider(Path.Combine(web, "node_modules", Path.GetDirectoryName(single[0])!)),
                    single.Select(Path.GetFileName).ToArray()!);
            app.UseStaticFiles(new StaticFileOptions { FileProvider = provider, RequestPath = "/vendor/" + url });
        }
        app.MapWebConfig();
        return app;
    }

    /// <summary>The lines of <see cref="VendorList"/>: URL under /vendor, and a folder or file under node_modules.</summary>
    internal static IEnumerable<(string Url, string Path)> VendorEntries(string web)
    {
        var list = Path.Combine(web, VendorList);
        if (!File.Exists(list)) yield break;
        foreach (var line in File.ReadLines(list))
        {
            if (line.TrimStart().StartsWith('#') || line.Split('=', 2) is not [var url, var path]) continue;
            yield return (url.Trim(), path.Trim());
        }
    }

    /// <summary>web/ without its node_modules: packages are reached only through /vendor.</summary>
    private sealed class WithoutNodeModules(IFileProvider inner) : IFileProvider
    {
        private static bool Hidden(string path) =>
            path.TrimStart('/').StartsWith("node_modules", StringComparison.OrdinalIgnoreCase)
            || path.TrimStart('/').StartsWith("package", StringComparison.OrdinalIgnoreCase)
            || path.TrimStart('/').Equals(VendorList, StringComparison.OrdinalIgnoreCase);

        public IFileInfo GetFileInfo(string subpath) => Hidden(subpath) ? new NotFoundFileInfo(subpath) : inner.GetFileInfo(subpath);
        public IDirectoryContents GetDirectoryContents(string subpath) =>
            Hidden(subpath) ? NotFoundDirectoryContents.Singleton : inner.GetDirectoryContents(subpath);
        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => inner.Watch(filter);
    }

    /// <summary>A package folder of which only the named top-level files are served.</summary>
    private sealed class OnlyFiles(IFileProvider inner, string[] names) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) =>
            names.Contains(subpath.TrimStart('/'), StringComparer.Ordinal) ? inner.GetFileInfo(subpath) : new NotFoundFileInfo(subpath);
        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;
        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => inner.Watch(filter);
    }
}
