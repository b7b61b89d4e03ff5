using LandMap.Api.Hosting;
using Microsoft.Extensions.FileProviders;

namespace LandMap.Api.Features.WebMap;

/// <summary>Serves the Leaflet map from web/ at /, and Leaflet itself from web/node_modules
/// (installed from the lockfile) at /vendor/leaflet: nothing comes from a CDN.</summary>
public static class WebMapHosting
{
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
        var files = new PhysicalFileProvider(web);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        var leaflet = Path.Combine(web, "node_modules", "leaflet", "dist");
        if (Directory.Exists(leaflet))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(leaflet), RequestPath = "/vendor/leaflet" });
        else
            app.Logger.LogWarning("Web map: Leaflet not installed in {Dir}; run 'npm ci' in web/ (./landmap.sh does)", leaflet);
        return app;
    }
}
