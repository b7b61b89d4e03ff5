using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.Features4.Writes;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features4;

/// <summary>
/// OGC API - Features Part 4 (draft), requirements class Create/Replace/Delete
/// (/req/create-replace-delete/*, /req/core/methods), on every collection of the write server.
/// </summary>
public sealed class CreateReplaceDeleteTests(LandMapServer server)
{
    private async Task<Writes> WritesAsync() => new(await server.WriteServerAsync());

    private static string ItemsOf(string collectionId) => $"ogc/collections/{collectionId}/items";

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/methods")]
    public async Task Req_core_methods_POST_PUT_DELETE_are_implemented_and_declared_by_OPTIONS(string collectionId)
    {
        var w = await WritesAsync();
        var (id, _, _) = await w.CreateAsync(collectionId);
        Assert.Contains("POST", await w.AllowAsync(ItemsOf(collectionId)));
        var allowed = await w.AllowAsync($"{ItemsOf(collectionId)}/{id}");
        Assert.Contains("PUT", allowed);
        Assert.Contains("DELETE", allowed);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/options-op")]
    public async Task Req_create_replace_delete_options_op_OPTIONS_on_the_resources_and_a_resource_is_200(string collectionId)
    {
        var w = await WritesAsync();
        var id = (await w.Server.DataSource.IdsAsync($"select id from {collectionId} order by id limit 1")).Single();
        foreach (var url in new[] { ItemsOf(collectionId), $"{ItemsOf(collectionId)}/{id}" })
        {
            using var response = await w.Server.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/options-response")]
    public async Task Req_create_replace_delete_options_response_Allow_lists_the_methods_the_resource_takes(string collectionId)
    {
        var w = await WritesAsync();
        var id = (await w.Server.DataSource.IdsAsync($"select id from {collectionId} order by id limit 1")).Single();
        var resources = await w.AllowAsync(ItemsOf(collectionId));
        Assert.Superset(new HashSet<string> { "GET", "POST" }, resources);
        Assert.DoesNotContain("PUT", resources);
        Assert.DoesNotContain("DELETE", resources);
        var resource = await w.AllowAsync($"{ItemsOf(collectionId)}/{id}");
        Assert.Superset(new HashSet<string> { "GET", "PUT", "PATCH", "DELETE" }, resource);
        Assert.DoesNotContain("POST", resource);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/post-op")]
    public async Task Req_create_replace_delete_post_op_POST_to_the_items_creates(string collectionId)
    {
        var w = await WritesAsync();
        var (id, _, sent) = await w.CreateAsync(collectionId);
        Assert.Equal(1, await w.CountAsync($"select count(*) from {collectionId} where id = {id} and code = '{sent["properties"]!["code"]}'"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/post-body")]
    public async Task Req_create_replace_delete_post_body_the_body_is_the_new_features_representation(string collectionId)
    {
        var w = await WritesAsync();
        var (id, _, sent) = await w.CreateAsync(collectionId);
        var stored = await w.Server.CreateClient().GetJsonAsync($"{ItemsOf(collectionId)}/{id}");
        var text = TextProperty(collectionId);
        Assert.Equal((string?)sent["properties"]![text], (string?)stored["properties"]![text]);
        Assert.Equal((string?)sent["geometry"]!["type"], (string?)stored["geometry"]!["type"]);
        Assert.True(await w.StoredAsSentAsync(collectionId, id, sent["geometry"]!));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/post-content-type")]
    public async Task Req_create_replace_delete_post_content_type_the_body_media_type_is_read_from_Content_Type(string collectionId)
    {
        var w = await WritesAsync();
        var feature = await w.NewFeatureAsync(collectionId);
        var (status, body, _) = await SendAsync(w.Writer, HttpMethod.Post, ItemsOf(collectionId), feature, "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/geo+json", (string)body!["detail"]!);
        Assert.Equal(0, await w.CountAsync($"select count(*) from {collectionId} where code = '{feature["properties"]!["code"]}'"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/post-response")]
    public async Task Req_create_replace_delete_post_response_201_with_Location_of_the_new_resource(string collectionId)
    {
        var w = await WritesAsync();
        var feature = await w.NewFeatureAsync(collectionId);
        var (status, body, response) = await SendAsync(w.Writer, HttpMethod.Post, ItemsOf(collectionId), feature);
        Assert.Equal(HttpStatusCode.Created, status);
        var location = response.Headers.Location!.ToString();
        Assert.Equal($"{w.Server.BaseUrl}/{ItemsOf(collectionId)}/{(long)body!["id"]!}", location);
        var fetched = await w.Server.CreateClient().GetJsonAsync(location);
        Assert.Equal((string?)feature["properties"]!["code"], (string?)fetched["properties"]!["code"]);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/post-response-rid")]
    public async Task Req_create_replace_delete_post_response_rid_each_new_feature_gets_a_new_unique_id(string collectionId)
    {
        var w = await WritesAsync();
        var existing = await w.Server.DataSource.IdsAsync($"select id from {collectionId}");
        var feature = await w.NewFeatureAsync(collectionId);
        feature["id"] = existing[0]; // a client's id is not the server's to take
        var (status, body, _) = await SendAsync(w.Writer, HttpMethod.Post, ItemsOf(collectionId), feature);
        Assert.Equal(HttpStatusCode.Created, status);
        var first = (long)body!["id"]!;
        var (second, _, _) = await w.CreateAsync(collectionId);
        Assert.DoesNotContain(first, existing);
        Assert.DoesNotContain(second, existing);
        Assert.NotEqual(first, second);
        Assert.Equal(1, await w.CountAsync($"select count(*) from {collectionId} where id = {existing[0]} and code <> '{feature["properties"]!["code"]}'"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/put-op")]
    public async Task Req_create_replace_delete_put_op_PUT_replaces_a_feature(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, sent) = await w.CreateAsync(collectionId);
        var (status, body, _) = await SendAsync(w.Writer, HttpMethod.Put, $"{ItemsOf(collectionId)}/{id}", sent, ifMatch: etag);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)status} {body?.ToJsonString()}");
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/put-body")]
    public async Task Req_create_replace_delete_put_body_the_body_is_the_new_content(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, sent) = await w.CreateAsync(collectionId);
        var text = TextProperty(collectionId);
        sent["properties"]![text] = "replaced by PUT";
        var (status, _, _) = await SendAsync(w.Writer, HttpMethod.Put, $"{ItemsOf(collectionId)}/{id}", sent, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("replaced by PUT", await w.Server.DataSource.ScalarAsync<string>($"select {text} from {collectionId} where id = {id}"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/put-content-type")]
    public async Task Req_create_replace_delete_put_content_type_the_body_media_type_is_read_from_Content_Type(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, sent) = await w.CreateAsync(collectionId);
        sent["properties"]![TextProperty(collectionId)] = "never stored";
        var (status, _, _) = await SendAsync(w.Writer, HttpMethod.Put, $"{ItemsOf(collectionId)}/{id}", sent, "text/plain", etag);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(0, await w.CountAsync($"select count(*) from {collectionId} where {TextProperty(collectionId)} = 'never stored'"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/put-response")]
    public async Task Req_create_replace_delete_put_response_200_or_204(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, sent) = await w.CreateAsync(collectionId);
        var (status, _, _) = await SendAsync(w.Writer, HttpMethod.Put, $"{ItemsOf(collectionId)}/{id}", sent, ifMatch: etag);
        Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent });
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/put-rid")]
    public async Task Req_create_replace_delete_put_rid_an_id_in_the_body_is_ignored(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, sent) = await w.CreateAsync(collectionId);
        var (other, _, otherSent) = await w.CreateAsync(collectionId);
        sent["id"] = other;
        var (status, body, _) = await SendAsync(w.Writer, HttpMethod.Put, $"{ItemsOf(collectionId)}/{id}", sent, ifMatch: etag);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal((string)sent["properties"]!["code"]!, await w.Server.DataSource.ScalarAsync<string>($"select code from {collectionId} where id = {id}"));
        Assert.Equal((string)otherSent["properties"]!["code"]!, await w.Server.DataSource.ScalarAsync<string>($"select code from {collectionId} where id = {other}"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/put-rid-exception")]
    public async Task Req_create_replace_delete_put_rid_exception_a_missing_feature_is_404_and_412_with_If_Match(string collectionId)
    {
        var w = await WritesAsync();
        var feature = await w.NewFeatureAsync(collectionId);
        var missing = $"{ItemsOf(collectionId)}/987654321";
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(w.Writer, HttpMethod.Put, missing, feature)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(w.Writer, HttpMethod.Put, missing, feature, ifMatch: "*")).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(w.Writer, HttpMethod.Put, missing, feature, ifMatch: $"\"{collectionId}-987654321-v1\"")).Status);
        Assert.Equal(0, await w.CountAsync($"select count(*) from {collectionId} where id = 987654321 or code = '{feature["properties"]!["code"]}'"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/delete-op")]
    public async Task Req_create_replace_delete_delete_op_DELETE_removes_a_feature(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, _) = await w.CreateAsync(collectionId);
        var (status, _, _) = await SendAsync(await w.AdminAsync(), HttpMethod.Delete, $"{ItemsOf(collectionId)}/{id}", ifMatch: etag);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{status}");
        Assert.Equal(HttpStatusCode.NotFound, (await w.Server.CreateClient().GetAsync($"{ItemsOf(collectionId)}/{id}")).StatusCode);
        Assert.Equal(0, await w.CountAsync($"select count(*) from {collectionId} where id = {id}"));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/create-replace-delete/delete-response")]
    public async Task Req_create_replace_delete_delete_response_200_or_204(string collectionId)
    {
        var w = await WritesAsync();
        var (id, etag, _) = await w.CreateAsync(collectionId);
        var (status, _, _) = await SendAsync(await w.AdminAsync(), HttpMethod.Delete, $"{ItemsOf(collectionId)}/{id}", ifMatch: etag);
        Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent });
    }
}
