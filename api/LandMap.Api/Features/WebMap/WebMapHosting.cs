using LandMap.Api.Hosting;
using Microsoft.Extensions.FileProviders;

namespace LandMap.Api.Features.WebMap;

/// <summary>Serves the Leaflet map from web/ at /, and its npm packages from web/node_modules
/// (installed from the lockfile) at /vendor/...: nothing comes from a CDN. Only the folders and
/// files listed in <see cref="Vendor"/> are reachable; the rest of node_modules is not served.</summary>
public static class WebMapHosting
{
    /// <summary>URL path under /vendor -> a package's dist folder, or named files of a package
    /// that ships no dist folder (ES modules the page loads through its import map).</summary>
    private static readonly (string Url, string Folder, string[]? Files)[] Vendor =
    [
        ("leaflet", "leaflet/dist", null),
        ("chart.js", "chart.js/dist", null),
        ("pbf", "pbf", ["index.js"]),
        ("vector-tile", "@mapbox/vector-tile", ["index.js"]),
        ("point-geometry", "@mapbox/point-geometry", ["index.js"]),
        ("geodesic", "geographiclib-geodesic", ["geographiclib-geodesic.min.js"]),
    ];

    public static WebApplication UseWebMap(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<LandMapOptions>();
        var root = RepositoryPaths.FindRoot(app.Environment.ContentRootPath);
        var web = RepositoryPaths.Resolve(root, options.WebRoot);
        if (!Directory.Exists(web))
        {
            app.Logger.LogWarning("Web map: no folder {Dir}; the map is not served", web);
            return app;
        }
        var files = new PhysicalFileProvider(web, Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.Sensitive);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new WithoutNodeModules(files) });

        foreach (var (url, folder, only) in Vendor)
        {
            var dir = Path.Combine(web, "node_modules", folder);
            if (!Directory.Exists(dir))
            {
                app.Logger.LogWarning("Web map: {Package} not installed in {Dir}; run 'npm ci' in web/ (./landmap.sh does)", url, dir);
                continue;
            }
            IFileProvider provider = new PhysicalFileProvider(dir);
            if (only is not null) provider = new OnlyFiles(provider, only);
            app.UseStaticFiles(new StaticFileOptions { FileProvider = provider, RequestPath = "/vendor/" + url });
        }
        app.MapWebConfig();
        return app;
    }

    /// <summary>web/ without its node_modules: packages are reached only through /vendor.</summary>
    private sealed class WithoutNodeModules(IFileProvider inner) : IFileProvider
    {
        private static bool Hidden(string path) =>
            path.TrimStart('/').StartsWith("node_modules", StringComparison.OrdinalIgnoreCase)
            || path.TrimStart('/').StartsWith("package", StringComparison.OrdinalIgnoreCase);

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
