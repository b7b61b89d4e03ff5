using System.Net;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Trust;
using LandMap.Tests.Upload.Formats;

namespace LandMap.Tests.Upload.Hostile;

[CollectionDefinition(Name)]
public sealed class HostileSiteCollection : ICollectionFixture<HostileSite>
{
    public const string Name = "hostile-uploads";
}

/// <summary>The sample zone in a database of its own (landmap_hostile), so its tables can be compared
/// before and after while other tests write elsewhere.</summary>
public sealed class HostileSite(LandMapServer server) : TrustSite(server, "landmap_hostile", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "true",
    ["LandMap:Auth:AnonymousRead"] = "true",
});

/// <summary>
/// A corpus of hostile uploads (GeoJSON, zipped shapefiles, GeoPackages), each committed for real:
/// none may be answered 5xx, each that must be refused is a 4xx problem, the good controls pass, no
/// upload job is left running, and afterwards every table but the job log is as it was.
/// </summary>
[Collection(HostileSiteCollection.Name)]
public sealed class HostileUploadTests(HostileSite site, ITestOutputHelper output) : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task No_hostile_upload_is_a_5xx_or_accepted_and_nothing_changes()
    {
        List<HostileUpload> corpus =
        [
            .. HostileGeoJson.All(), .. HostileRequests.All(), .. HostileCollections.All(), .. await HostileArchives.AllAsync(files), .. await HostileGeoPackages.AllAsync(files),
        ];
        var before = await TableChecksums.OfAsync(site.DataSource, "upload_jobs");
        using var client = site.Client(LandMapServer.TestWriteToken);
        client.Timeout = TimeSpan.FromSeconds(60);

        var failures = new List<string>();
        foreach (var upload in corpus)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads?" + upload.Query) { Content = new ByteArrayContent(upload.Body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", upload.ContentType);
            foreach (var (name, value) in upload.Headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            output.WriteLine($"{status} {upload.Name}: {Cut(body)}");
            if (status >= 500) failures.Add($"{upload}: {status} {body}");
            else if (upload.MustRefuse && status < 400) failures.Add($"{upload}: accepted ({status}) {Cut(body)}");
            // 414 and 431 come from Kestrel before any of the service's code, with no body.
            else if (upload.MustRefuse && status is not (414 or 431) && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{upload}: {status} without problem+json");
            else if (!upload.MustRefuse && status >= 400) failures.Add($"{upload}: a good file refused ({status}) {Cut(body)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count}:\n" + string.Join("\n", failures));
        Assert.True(corpus.Count >= 100, $"only {corpus.Count} cases");

        Assert.Equal(0, await site.DataSource.ScalarAsync<long>("select count(*) from upload_jobs where status = 'running'"));
        Assert.Equal(before, await TableChecksums.OfAsync(site.DataSource, "upload_jobs"));
    }

    private static string Cut(string body) => body.Length > 700 ? body[..700] : body;
}
