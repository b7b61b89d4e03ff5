using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>A token manages only tokens within its own reach (role and collections): the whole
/// matrix of creator role x creator narrowing x requested role x requested collections, over HTTP,
/// plus revoking and listing.</summary>
[Collection(ClosedSiteCollection.Name)]
public sealed class TokenAuthorityTests(ClosedSite site)
{
    public static readonly string[] CreatorRoles = [Roles.Viewer, Roles.Surveyor, Roles.Admin];
    public static readonly string?[] Narrowings = [null, "roads", "roads,rivers"];
    public static readonly string?[] Requested = [null, "roads", "parcels", "roads,parcels", "rivers,roads"];

    public static TheoryData<string, string?> Creators() =>
        new(from role in CreatorRoles from narrowing in Narrowings select (role, narrowing));

    /// <summary>Within reach: an admin creator (only admins reach /api/tokens), and either unrestricted
    /// or asking for a non-empty subset of its own collections. Every requested role is within an admin's.</summary>
    private static bool Allowed(string creatorRole, string? creatorCollections, string? requested) =>
        creatorRole == Roles.Admin &&
        (creatorCollections is null ||
         requested is not null && requested.Split(',').All(c => creatorCollections.Split(',').Contains(c)));

    [Theory]
    [MemberData(nameof(Creators))]
    public async Task A_token_creates_only_tokens_within_its_own_role_and_collections(string creatorRole, string? narrowing)
    {
        var label = $"creator {creatorRole} {narrowing ?? "all"} {Guid.NewGuid():N}";
        using var creator = site.Client(await site.TokenAsync(label, creatorRole, narrowing?.Split(',')));
        foreach (var role in CreatorRoles)
            foreach (var requested in Requested)
            {
                using var response = await creator.PostAsJsonAsync("api/tokens",
                    new { label = $"minted {role}", role, collections = requested?.Split(',') });
                var body = await response.Content.ReadAsStringAsync();
                var what = $"{creatorRole}/{narrowing ?? "all"} minting {role}/{requested ?? "all"}: {(int)response.StatusCode} {body}";
                if (Allowed(creatorRole, narrowing, requested))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Created, what);
                    var minted = JsonNode.Parse(body)!["token"]!;
                    Assert.Equal(requested?.Split(',').Order(), minted["collections"]?.AsArray().Select(c => (string)c!).Order());
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        // Nothing was stored for a refused request.
        var stored = await site.DataSource.ScalarAsync<long>(
            $"select count(*) from api_tokens where created_by = '{label.Replace("'", "''")}'");
        var expected = CreatorRoles.Sum(role => Requested.Count(r => Allowed(creatorRole, narrowing, r)));
        Assert.Equal(expected, stored);
    }

    [Fact]
    public async Task A_narrowed_admin_sees_and_revokes_only_tokens_within_its_collections()
    {
        using var narrowed = site.Client(await site.TokenAsync($"roads admin {Guid.NewGuid():N}", Roles.Admin, ["roads"]));
        var everything = await IdOfNewTokenAsync(Roles.Admin, null);
        var parcels = await IdOfNewTokenAsync(Roles.Viewer, ["parcels"]);
        var roadsAndParcels = await IdOfNewTokenAsync(Roles.Surveyor, ["roads", "parcels"]);
        var roads = await IdOfNewTokenAsync(Roles.Surveyor, ["roads"]);

        var listed = (await narrowed.GetFromJsonAsync<JsonArray>("api/tokens"))!.Select(t => (long)t!["id"]!).ToHashSet();
        Assert.Contains(roads, listed);
        Assert.DoesNotContain(everything, listed);
        Assert.DoesNotContain(parcels, listed);
        Assert.DoesNotContain(roadsAndParcels, listed);
        var all = await site.DataSource.ScalarAsync<long[]>(
            "select coalesce(array_agg(id), '{}') from api_tokens where collections is not null and collections <@ array['roads']");
        Assert.Equal(all.Order(), listed.Order());

        foreach (var outOfReach in new[] { everything, parcels, roadsAndParcels })
        {
            using var refused = await narrowed.DeleteAsync($"api/tokens/{outOfReach}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.False(await site.DataSource.ScalarAsync<bool>($"select revoked_at is not null from api_tokens where id = {outOfReach}"));
        }
        using var revoked = await narrowed.DeleteAsync($"api/tokens/{roads}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True(await site.DataSource.ScalarAsync<bool>($"select revoked_at is not null from api_tokens where id = {roads}"));

        // The unrestricted admin still manages everything.
        using var admin = site.Client(LandMapServer.TestWriteToken);
        using var byAdmin = await admin.DeleteAsync($"api/tokens/{everything}");
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public void The_rule_ranks_roles_and_refuses_unknown_ones()
    {
        foreach (var (own, ownRank) in CreatorRoles.Select((r, i) => (r, i)))
            foreach (var (wanted, wantedRank) in CreatorRoles.Select((r, i) => (r, i)))
            {
                Assert.Equal(wantedRank <= ownRank, TokenAuthority.Refusal(Principal(own), wanted, null) is null);
                Assert.Equal(wantedRank <= ownRank, TokenAuthority.Refusal(Principal(own, "roads"), wanted, ["roads"]) is null);
                Assert.NotNull(TokenAuthority.Refusal(Principal(own, "roads"), wanted, null));
                Assert.NotNull(TokenAuthority.Refusal(Principal(own, "roads"), wanted, []));
            }
        Assert.NotNull(TokenAuthority.Refusal(Principal(null), Roles.Viewer, null));
        Assert.NotNull(TokenAuthority.Refusal(Principal(Roles.Admin), "root", null));
    }

    private async Task<long> IdOfNewTokenAsync(string role, string[]? collections)
    {
        var label = $"target {Guid.NewGuid():N}";
        await site.TokenAsync(label, role, collections);
        return await site.DataSource.ScalarAsync<long>($"select id from api_tokens where label = '{label}'");
    }

    private static ClaimsPrincipal Principal(string? role, params string[] collections)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone") };
        if (role is not null) claims.Add(new Claim(ClaimTypes.Role, role));
        claims.AddRange(collections.Select(c => new Claim(TokenClaims.Collection, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", ClaimTypes.Name, ClaimTypes.Role));
    }
}
