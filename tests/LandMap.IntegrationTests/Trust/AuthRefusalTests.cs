using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Trust;

/// <summary>What a refused or narrowed token learns: one 401 detail whatever the reason, and no
/// upload record outside its collections.</summary>
[Collection(ClosedSiteCollection.Name)]
public sealed class AuthRefusalTests(ClosedSite site)
{
    [Fact]
    public async Task Unknown_expired_revoked_and_malformed_tokens_get_one_and_the_same_401()
    {
        var expired = await site.TokenAsync("soon expired", Roles.Viewer);
        await site.DataSource.ScalarAsync<int>("update api_tokens set expires_at = now() - interval '1 minute' where label = 'soon expired' returning 1");
        var revoked = await site.TokenAsync("soon revoked", Roles.Viewer);
        await site.DataSource.ScalarAsync<int>("update api_tokens set revoked_at = now() where label = 'soon revoked' returning 1");
        var unknown = TokenSecrets.NewSecret();

        var details = new HashSet<string>();
        foreach (var secret in new[] { expired, revoked, unknown, "lm_short", "not-even-ours" })
        {
            using var client = site.Client(secret);
            using var response = await client.GetAsync("ogc/collections/parcels/items?limit=1");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter);
            var detail = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;
            Assert.DoesNotContain("expired", detail.Replace("unknown, expired or revoked", ""));
            details.Add(detail);
        }
        Assert.Equal([TokenRefusal.ClientDetail], details);
    }

    [Fact]
    public async Task An_upload_is_read_only_by_readers_of_its_collection()
    {
        using var surveyor = await site.CreateClientAsync(Roles.Surveyor, ["parcels"]);
        using var committed = await surveyor.PostAsync("api/uploads?collection=parcels&crs=EPSG:4549",
            Body(Collection(Feature(Code("scope"), Square4549(121.07, 28.12, 50)))));
        Assert.True(committed.StatusCode == HttpStatusCode.Created, await committed.Content.ReadAsStringAsync());
        // A job (not a committed record): a dry run, answered at once with its id.
        using var dryRunRequest = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels&crs=EPSG:4549&dryRun=true")
        {
            Content = Body(Collection(Feature(Code("scope"), Square4549(121.071, 28.12, 50)))),
        };
        dryRunRequest.Headers.Add("Prefer", "respond-async");
        using var dryRun = await surveyor.SendAsync(dryRunRequest);
        Assert.Equal(HttpStatusCode.Accepted, dryRun.StatusCode);
        var ids = new[] { committed, dryRun }.Select(r => (long)JsonNode.Parse(r.Content.ReadAsStringAsync().Result)!["id"]!).ToArray();

        using var roadsViewer = await site.CreateClientAsync(Roles.Viewer, ["roads"]);
        using var parcelsViewer = await site.CreateClientAsync(Roles.Viewer, ["parcels"]);
        using var viewer = await site.CreateClientAsync(Roles.Viewer);
        foreach (var id in ids)
        {
            using var refused = await roadsViewer.GetAsync($"api/uploads/{id}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("parcels", await refused.Content.ReadAsStringAsync());
            foreach (var reader in new[] { parcelsViewer, viewer })
            {
                using var shown = await reader.GetAsync($"api/uploads/{id}");
                Assert.True(shown.StatusCode == HttpStatusCode.OK, $"upload {id}: {shown.StatusCode}");
                Assert.Equal("parcels", (string?)JsonNode.Parse(await shown.Content.ReadAsStringAsync())!["collection"]);
            }
        }
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/geo+json");
}
