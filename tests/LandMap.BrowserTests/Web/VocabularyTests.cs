using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The page names what the server's vocabulary names: a land-use code added in migration 0010
/// (宗教用地 0904, missing from the page's old copy of the list, which showed the raw code) in a
/// parcel's side panel and in the land-use filter, and the legend's states in the database's order and colours.</summary>
public sealed class VocabularyTests(LandMapServer server)
{
    [Fact]
    public async Task A_land_use_code_added_in_0010_shows_its_name_in_the_side_panel_and_the_filter()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var popup = await map.JsAsync<string>("""
            async () => {
              const layer = window.landmap.layers.parcels.getLayers()[0];
              layer.feature.properties.land_use = '0904';
              layer.fire('click');
              await new Promise(r => setTimeout(r, 50));
              return document.querySelector('[data-testid=side-panel]').innerText;
            }
            """);
        Assert.Contains("0904 宗教用地", popup);

        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        var options = await map.Page.Locator("[data-testid=filter-landuse] option").AllInnerTextsAsync();
        Assert.Contains("0904 宗教用地", options);
        Assert.Contains("09 特殊用地", options); // a class the old list left out
        Assert.DoesNotContain(options, o => o.StartsWith("061 ")); // 2007 codes are named, not offered
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task A_code_two_editions_share_is_named_in_its_own_edition()
    {
        // 1001 is 铁路用地 in GB/T 21010-2017 and 工业用地 in the 2023 guide (issue 15 §4): the side panel names
        // each parcel's code in the edition stored beside it, and says which edition when it is not the current one.
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        string Script(string edition) => $$"""
            async () => {
              const layer = window.landmap.layers.parcels.getLayers()[0];
              layer.feature.properties.land_use = '1001';
              layer.feature.properties.land_use_edition = '{{edition}}';
              layer.fire('click');
              await new Promise(r => setTimeout(r, 50));
              const text = document.querySelector('[data-testid=side-panel]').innerText;
              return text;
            }
            """;
        var railway = await map.JsAsync<string>(Script("GB/T 21010-2017"));
        Assert.Contains("1001 铁路用地", railway);
        var industrial = await map.JsAsync<string>(Script("用地用海分类指南-2023"));
        Assert.Contains("1001 工业用地（用地用海分类指南-2023）", industrial);
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task The_legend_lists_the_states_in_the_vocabulary_order_with_its_colours()
    {
        var vocabulary = await server.CreateClient().GetJsonAsync("api/vocabulary");
        var expected = vocabulary["parcelStates"]!.AsArray().OrderBy(s => (int)s!["order"]!).Select(s =>
        {
            var rgb = Convert.FromHexString(((string)s!["color"]!).TrimStart('#'));
            return $"{(string)s["code"]!} rgb({rgb[0]}, {rgb[1]}, {rgb[2]})";
        }).ToList();
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var legend = await map.JsAsync<string[]>("""
            () => [...document.querySelectorAll('li[data-testid^=legend-parcel-]')].map(li => li.dataset.testid.slice(14) + ' ' + getComputedStyle(li.querySelector('.lm-swatch')).backgroundColor)
            """);
        Assert.True(expected.Count >= 8, "the vocabulary lists fewer states than the lifecycle has");
        Assert.Equal(expected, legend);
        Assert.Empty(map.Errors);
    }
}
