using System.Net;
using LandMap.Tests.Infrastructure;
using MiniExcelLibs;

namespace LandMap.Tests.Analytics;

/// <summary>
/// Every export (reports x5, compliance x2, supervision x3, the map's items) asked for without
/// <c>lang</c> is written in the language the browser's Accept-Language prefers (RFC 9110 section
/// 12.5.4), says it in Content-Language and, since the header chose it, sends Vary: Accept-Language;
/// <c>lang</c> still wins (and then the answer does not vary by the header).
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class AcceptLanguageExportTests(AnalyticsSite site)
{
    public static TheoryData<string> Exports =>
    [
        "api/reports/land-indicators?year=2019",
        "api/reports/land-indicators/series?from=2018&to=2019",
        "api/reports/parks?date=2020-06-30",
        "api/reports/parks/series?from=2018&to=2019",
        "api/reports/land-use?date=2020-06-30",
        "api/planning/compliance?date=2020-06-30",
        "api/planning/compliance/totals?date=2020-06-30",
        "api/supervision/idle-warnings?date=2020-06-30",
        "api/supervision/idle-candidates?date=2020-06-30",
        "api/supervision/contract-warnings?date=2020-06-30",
        "ogc/collections/parcels/items?limit=1000",
    ];

    private sealed record Answer(string[] Headers, string? ContentLanguage, bool VariesByLanguage);

    private async Task<Answer> GetAsync(string url, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await site.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        string[] headers;
        if (response.Content.Headers.ContentType?.MediaType == "text/csv")
            headers = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n')[0].Split(',');
        else
        {
            using var stream = new MemoryStream(bytes);
            // An empty sheet (no row to report) has no header row to read: only its headers are checked then.
            headers = [.. stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().FirstOrDefault()?.Values.OfType<string>() ?? []];
        }
        return new(headers, response.Content.Headers.ContentLanguage.SingleOrDefault(),
            response.Headers.Vary.Contains("Accept-Language", StringComparer.OrdinalIgnoreCase));
    }

    private static bool Chinese(string[] headers) => headers.Any(h => System.Text.RegularExpressions.Regex.IsMatch(h, @"\p{IsCJKUnifiedIdeographs}"));

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Without_lang_the_export_speaks_the_browsers_preferred_language_and_says_so(string url)
    {
        var csv = url + "&f=csv";
        var none = await GetAsync(csv, null);
        Assert.True(Chinese(none.Headers), $"{url}: no header should stay Chinese: {string.Join('|', none.Headers)}");
        Assert.Equal("zh", none.ContentLanguage);
        Assert.True(none.VariesByLanguage, $"{url}: no Vary: Accept-Language");

        var english = await GetAsync(csv, "en-US,en;q=0.9");
        Assert.False(Chinese(english.Headers), $"{url}: en-US,en;q=0.9 answered {string.Join('|', english.Headers)}");
        Assert.Equal("en", english.ContentLanguage);
        Assert.True(english.VariesByLanguage);

        // A Chinese browser that also reads English; then one refusing Chinese outright.
        Assert.True(Chinese((await GetAsync(csv, "zh-CN,zh;q=0.9,en;q=0.8")).Headers));
        Assert.False(Chinese((await GetAsync(csv, "zh-Hans;q=0, *;q=0.5")).Headers));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Lang_wins_over_accept_language_and_the_answer_does_not_vary_by_it(string url)
    {
        var zh = await GetAsync(url + "&f=csv&lang=zh", "en-US,en");
        Assert.True(Chinese(zh.Headers), url);
        Assert.Equal("zh", zh.ContentLanguage);
        Assert.False(zh.VariesByLanguage, $"{url}: lang=zh given, yet Vary: Accept-Language");

        var en = await GetAsync(url + "&f=csv&lang=en", "zh-CN");
        Assert.False(Chinese(en.Headers), url);
        Assert.Equal("en", en.ContentLanguage);

        // The .xlsx says its language the same way, and follows the header without lang.
        var xlsx = await GetAsync(url + "&f=xlsx", "en;q=0.8, zh;q=0.5");
        Assert.Equal("en", xlsx.ContentLanguage);
        Assert.True(xlsx.VariesByLanguage);
        Assert.Equal("zh", (await GetAsync(url + "&f=xlsx&lang=zh", "en")).ContentLanguage);
    }
}
