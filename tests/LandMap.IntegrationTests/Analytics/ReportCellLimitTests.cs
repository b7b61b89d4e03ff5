using System.Net;
using LandMap.Tests.Infrastructure;
using MiniExcelLibs;

namespace LandMap.Tests.Analytics;

/// <summary>The hand-made land with one park whose names are 40,000 characters long: a name stored
/// before the 500-character bound (migration 0023 adds it NOT VALID, so old rows keep theirs).</summary>
public sealed class LongNameSite(LandMapServer server) : HandMadeSite(server, "landmap_long_names")
{
    /// <summary>Characters in the long park's names, over Excel's 32,767 per cell.</summary>
    public const int NameLength = 40_000;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var cmd = DataSource.CreateCommand($"""
            alter table parks drop constraint parks_name_zh_bound;
            alter table parks drop constraint parks_name_en_bound;
            update parks set name_zh = repeat('长', {NameLength}), name_en = repeat('L', {NameLength})
            where code = '{HandMadeLand.Parks[0].Code}';
            """);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Every report's .xlsx that can cut a cell (issue 17 point 6, for the reports as for the map's items):
/// a cell over Excel's 32,767 characters is cut with a note in the export's language (Chinese by
/// default, English with lang=en) and the response says how many cells were cut in
/// X-LandMap-Truncated-Cells, as the map's items export does.
/// </summary>
public sealed class ReportCellLimitTests(LongNameSite site) : IClassFixture<LongNameSite>
{
    public static TheoryData<string> Reports =>
    [
        "api/reports/parks?date=2020-06-30",
        "api/reports/parks/series?from=2019&to=2020&park=" + HandMadeLand.Parks[0].Code,
        "api/supervision/idle-candidates?date=2020-06-30",
        "api/supervision/idle-warnings?date=2020-06-30&within=30",
        "api/supervision/contract-warnings?date=2020-06-30&within=90",
    ];

    private async Task<(int Truncated, List<string> Cut)> XlsxAsync(string url)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("X-LandMap-Truncated-Cells", out var values), $"{url}: no X-LandMap-Truncated-Cells");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var cut = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .SelectMany(row => row.Values).OfType<string>().Where(text => text.Length == 32_767).ToList();
        return (int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture), cut);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_cell_over_excels_limit_is_cut_with_a_note_in_the_export_language_and_counted_in_a_header(string report)
    {
        var (truncated, cut) = await XlsxAsync(report + "&f=xlsx");
        Assert.True(truncated > 0);
        Assert.Equal(truncated, cut.Count);
        Assert.All(cut, text => Assert.Contains("已截断：原文 40,000 字", text));

        var (truncatedEn, cutEn) = await XlsxAsync(report + "&f=xlsx&lang=en");
        Assert.Equal(truncated, truncatedEn);
        Assert.All(cutEn, text => Assert.Contains("(truncated: 40,000 characters, over Excel's 32,767 per cell", text));
        Assert.All(cutEn, text => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", text));

        // The CSV keeps the name whole and needs no header.
        using var csv = await site.Client.GetAsync(report + "&f=csv&lang=en");
        Assert.False(csv.Headers.Contains("X-LandMap-Truncated-Cells"));
        Assert.Contains(new string('L', LongNameSite.NameLength), await csv.Content.ReadAsStringAsync());
    }
}
