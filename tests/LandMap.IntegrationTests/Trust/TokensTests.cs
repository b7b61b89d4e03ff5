using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>Tokens: made by an admin (route or CLI), shown once, stored only as hashes, revoked and
/// expired ones refused with 401.</summary>
[Collection(ClosedSiteCollection.Name)]
public sealed class TokensTests(ClosedSite site)
{
    private HttpClient Bootstrap() => site.Client(LandMapServer.TestWriteToken);

    private async Task<JsonObject> CreateAsync(object body)
    {
        using var admin = Bootstrap();
        using var response = await admin.PostAsJsonAsync("api/tokens", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        Assert.Equal($"/api/tokens/{json["token"]!["id"]}", response.Headers.Location?.OriginalString);
        return json;
    }

    [Fact]
    public async Task An_admin_creates_a_token_whose_secret_works_once_shown_and_is_stored_only_as_a_hash()
    {
        var created = await CreateAsync(new { label = "surveyor Sun", role = "surveyor", collections = new[] { "parcels", "roads" }, expires = "2099-06-30" });
        var secret = (string)created["secret"]!;
        Assert.StartsWith(TokenSecrets.Prefix, secret);
        Assert.Equal("config", (string?)created["token"]!["createdBy"]);
        Assert.Equal("2099-06-30T16:00:00+00:00", DateTimeOffset.Parse((string)created["token"]!["expiresAt"]!).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:sszzz"));

        using var holder = site.Client(secret);
        var me = await holder.GetFromJsonAsync<JsonObject>("api/me");
        Assert.Equal("surveyor Sun", (string?)me!["label"]);
        Assert.Equal(["parcels", "roads"], me["collections"]!.AsArray().Select(c => (string)c!).ToArray());

        // Nowhere in the table, nor in the listing: not the secret, not its random part.
        var stored = await site.DataSource.ScalarAsync<string>("select string_agg(row_to_json(t)::text, '\n') from api_tokens t");
        Assert.DoesNotContain(secret, stored);
        Assert.DoesNotContain(secret[TokenSecrets.Prefix.Length..][..16], stored);
        using var admin = Bootstrap();
        var listing = await admin.GetStringAsync("api/tokens");
        Assert.Contains("surveyor Sun", listing);
        Assert.DoesNotContain(secret[TokenSecrets.Prefix.Length..][..16], listing);
    }

    [Fact]
    public async Task A_revoked_token_is_401_at_once()
    {
        var created = await CreateAsync(new { label = "leaving surveyor", role = "surveyor" });
        using var holder = site.Client((string)created["secret"]!);
        using (var before = await holder.GetAsync("api/me")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var admin = Bootstrap();
        using var revoke = await admin.DeleteAsync($"api/tokens/{created["token"]!["id"]}");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (string?)JsonNode.Parse(await revoke.Content.ReadAsStringAsync())!["state"]);

        using var after = await holder.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var missing = await admin.DeleteAsync("api/tokens/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var secret = await site.TokenAsync("expired viewer", Roles.Viewer);
        await site.DataSource.ScalarAsync<int>(
            "update api_tokens set expires_at = now() - interval '1 minute' where label = 'expired viewer' returning 1");
        using var holder = site.Client(secret);
        using var response = await holder.GetAsync("ogc/collections/parcels/items?limit=1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"label":"","role":"viewer"}""", "label")]
    [InlineData("""{"label":"x","role":"king"}""", "role")]
    [InlineData("""{"label":"x","role":"viewer","collections":["pipes"]}""", "collections")]
    [InlineData("""{"label":"x","role":"viewer","expires":"2001-01-01"}""", "expires")]
    public async Task A_bad_token_request_is_400_naming_the_field(string body, string parameter)
    {
        using var admin = Bootstrap();
        using var response = await admin.PostAsync("api/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Fact]
    public async Task The_cli_creates_lists_and_revokes_tokens_that_work_over_http()
    {
        var output = new StringWriter();
        var exit = await TokensCli.RunAsync(["create", "--label", "surveyor Wang (cli)", "--role", "surveyor", "--collections", "parcels"],
            output, site.ConnectionString);
        Assert.True(exit == 0, output.ToString());
        var secret = output.ToString().Split('\n').Single(l => l.StartsWith(TokenSecrets.Prefix, StringComparison.Ordinal)).Trim();

        using var holder = site.Client(secret);
        var me = await holder.GetFromJsonAsync<JsonObject>("api/me");
        Assert.Equal("surveyor Wang (cli)", (string?)me!["label"]);
        Assert.Equal("surveyor", (string?)me["role"]);

        var list = new StringWriter();
        Assert.Equal(0, await TokensCli.RunAsync(["list"], list, site.ConnectionString));
        var line = list.ToString().Split('\n').Single(l => l.Contains("surveyor Wang (cli)"));
        Assert.Contains("active", line);
        Assert.DoesNotContain(secret, list.ToString());

        var id = line.Trim().Split(' ')[0];
        var revoked = new StringWriter();
        Assert.Equal(0, await TokensCli.RunAsync(["revoke", id], revoked, site.ConnectionString));
        Assert.Equal(1, await TokensCli.RunAsync(["revoke", "999999"], new StringWriter(), site.ConnectionString));
        Assert.NotEqual(0, await TokensCli.RunAsync(["create", "--label", "x", "--role", "king"], new StringWriter(), site.ConnectionString));
        Assert.True(await site.DataSource.ScalarAsync<bool>($"select revoked_at is not null from api_tokens where id = {id}"));
    }
}
