using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The procedure's candidate lists and the contract warnings on the hand-made parcels, worked out
/// by hand for D = 2020-06-30 (see <see cref="HandMadeLand"/>).
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class SupervisionListTests(AnalyticsSite site)
{
    private static string[] Codes(JsonNode list) => [.. list["items"]!.AsArray().Select(i => (string)i!["code"]!)];

    [Fact]
    public async Task Candidates_on_D_are_the_ones_worked_out_by_hand()
    {
        var r = (await site.Client.GetJsonAsync("api/supervision/idle-candidates?date=2020-06-30"))["lists"]!;
        // T1-R: agreed start 2016-06-01, two full years on 2018-06-01, determined 2017-09-01 with no fee levied.
        Assert.Equal(["T1-R"], Codes(r["recovery"]!));
        Assert.Equal("2018-06-02", (string)r["recovery"]!["items"]![0]!["on"]!);
        Assert.Equal(["T1-R"], Codes(r["feesToLevy"]!));
        // Idle by the rule from D, not determined: T1-C (not started), T1-D and T1-G (halted).
        Assert.Equal(["T1-C", "T1-D", "T1-G"], Codes(r["undetermined"]!));
        Assert.Equal(HandMadeLand.Units("T1-C", "T1-D", "T1-G") * HandMadeLand.UnitMu, (double)r["undetermined"]!["areaMu"]!, 0.05);
        Assert.Empty(Codes(r["feesUnpaid"]!));
        Assert.Empty(Codes(r["disposalsPending"]!));
    }

    [Fact]
    public async Task Contract_warnings_on_D_are_the_ones_worked_out_by_hand()
    {
        var r = (await site.Client.GetJsonAsync("api/supervision/contract-warnings?date=2020-06-30&within=90"))["lists"]!;
        // Not started after the agreed start, not yet idle: in breach from the day after.
        Assert.Equal(["T1-B", "T1-Q", "T2-O"], Codes(r["startBreached"]!));
        Assert.Equal([366, 321, 121], r["startBreached"]!["items"]!.AsArray().Select(i => (int)i!["days"]!));
        // Becoming idle within 90 days: T1-B and T1-F on 2020-07-01, T1-Q on 2020-08-15.
        Assert.Equal(["T1-B", "T1-F", "T1-Q"], Codes(r["idleDue"]!));
        Assert.Empty(Codes(r["startDue"]!));
        Assert.Empty(Codes(r["recoveryDue"]!));
    }

    [Fact]
    public async Task Both_export_as_csv_with_chinese_headers_and_list_names()
    {
        using var response = await site.Client.GetAsync("api/supervision/idle-candidates?date=2020-06-30&f=csv");
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("类别,宗地编号,园区,名称,国有建设用地使用权人", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("未动工开发满两年（可无偿收回）,T1-R,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("疑似闲置待认定,T1-C,", StringComparison.Ordinal));
        using var bad = await site.Client.GetAsync("api/supervision/contract-warnings?within=45");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
