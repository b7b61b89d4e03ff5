using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>Keyset paging: following next links visits every feature once, in id order.</summary>
public sealed class PagingTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("parcels", 37)]
    [InlineData("projects", 4)]
    [InlineData("roads", 3)]
    public async Task Next_links_visit_every_feature_once(string collection, int limit)
    {
        var ids = new List<long>();
        var pages = 0;
        for (var url = $"ogc/collections/{collection}/items?limit={limit}"; url is not null; pages++)
        {
            var page = await _client.GetJsonAsync(url);
            var features = page["features"]!.AsArray();
            Assert.True(features.Count <= limit);
            ids.AddRange(features.Select(f => (long)f!["id"]!));
            url = page.NextLink();
            if (url is not null)
            {
                Assert.Equal(limit, features.Count); // only the last page may be short
                Assert.Contains($"limit={limit}", url);
            }
        }
        await using var cmd = server.DataSource.CreateCommand($"select count(*) from {collection}");
        var total = (long)(await cmd.ExecuteScalarAsync())!;

        Assert.True(pages > 2, $"expected several pages, got {pages}");
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task Last_page_has_no_next_link()
    {
        await using var cmd = server.DataSource.CreateCommand("select count(*) from parks");
        var parks = (long)(await cmd.ExecuteScalarAsync())!;
        var page = await _client.GetJsonAsync($"ogc/collections/parks/items?limit={parks}");
        Assert.Equal(parks, page["features"]!.AsArray().Count);
        Assert.Null(page.NextLink());
    }
}
