using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.Features4.Writes;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features4;

/// <summary>OGC API - Features Part 4 (draft), requirements class Update (/req/update/*): PATCH with a
/// JSON merge patch on every collection of the write server.</summary>
public sealed class UpdateTests(LandMapServer server)
{
    private const string MergePatch = "application/merge-patch+json";

    private async Task<Writes> WritesAsync() => new(await server.WriteServerAsync());

    private static string ItemOf(string collectionId, long id) => $"ogc/collections/{collectionId}/items/{id}";

    private static JsonObject Patch(string property, string value) => new() { ["properties"] = new JsonObject { [property] = value } };

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/update/methods")]
    public async Task Req_update_methods_OPTIONS_declares_PATCH(string collectionId)
    {
        var w = await WritesAsync();
        var (id, _, _) = await w.CreateAsync(collectionId);
        Assert.Contains("PATCH", await w.AllowAsync(ItemOf(collectionId, id)));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/update/update-patch-op")]
    public async Task Req_update_update_patch_op_PATCH_updates_a_feature(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, _) = await w.CreateAsync(collectionId);
        var (status, body, _) = await SendAsync(w.Writer, HttpMethod.Patch, ItemOf(collectionId, id), Patch(TextProperty(collectionId), "patched"), MergePatch, etag);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)status} {body?.ToJsonString()}");
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/update/update-patch-body")]
    public async Task Req_update_update_patch_body_only_the_parts_the_patch_names_change(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, sent) = await w.CreateAsync(collectionId);
        var text = TextProperty(collectionId);
        var (status, _, _) = await SendAsync(w.Writer, HttpMethod.Patch, ItemOf(collectionId, id), Patch(text, "only this changes"), MergePatch, etag);
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = await w.Server.CreateClient().GetJsonAsync(ItemOf(collectionId, id));
        Assert.Equal("only this changes", (string?)stored["properties"]![text]);
        Assert.Equal((string?)sent["properties"]!["code"], (string?)stored["properties"]!["code"]);
        Assert.True(await w.StoredAsSentAsync(collectionId, id, sent["geometry"]!));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/update/update-patch-response")]
    public async Task Req_update_update_patch_response_200_or_204(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, _) = await w.CreateAsync(collectionId);
        var (status, _, _) = await SendAsync(w.Writer, HttpMethod.Patch, ItemOf(collectionId, id), Patch(TextProperty(collectionId), "patched"), MergePatch, etag);
        Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent });
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/update/rid")]
    public async Task Req_update_rid_an_id_in_the_patch_is_ignored(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, _) = await w.CreateAsync(collectionId);
        var (other, _, otherSent) = await w.CreateAsync(collectionId);
        var patch = Patch(TextProperty(collectionId), "patched with an id");
        patch["id"] = other;
        var (status, body, _) = await SendAsync(w.Writer, HttpMethod.Patch, ItemOf(collectionId, id), patch, MergePatch, etag);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal("patched with an id", await w.Server.DataSource.ScalarAsync<string>($"select {TextProperty(collectionId)} from {collectionId} where id = {id}"));
        Assert.Equal(0, await w.CountAsync($"select count(*) from {collectionId} where id = {other} and {TextProperty(collectionId)} = 'patched with an id'"));
        Assert.Equal((string)otherSent["properties"]!["code"]!, await w.Server.DataSource.ScalarAsync<string>($"select code from {collectionId} where id = {other}"));
    }
}
