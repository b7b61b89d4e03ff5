using System.Text;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// Uploads speak the page's language (issue 17 point 5): the token is checked at sign-in with
/// GET /api/me (who and which role, or why it is refused), a refusal's reason in the page's
/// language, problem kinds named in it, features counted from 1 (the API's 0-based index kept in
/// data-feature-index), and a passing dry run drawn where its parcels would go. Nothing is written:
/// dry runs only, in an empty corner (121.17-121.19E, 27.65N).
/// </summary>
public sealed class UploadLanguageTests(LandMapServer server)
{
    private static readonly Regex Latin = new("[A-Za-z]{4,}");

    private static Task ChooseAsync(MapSession map, string name, string text) =>
        map.Page.Locator("[data-testid=upload-file]").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(text),
        });

    private static async Task DryRunAsync(MapSession map)
    {
        await map.Page.Locator("[data-testid=upload-dryrun]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");
    }

    [Theory]
    [ClassData(typeof(DesksAndTablets))]
    public async Task Sign_in_refusals_problem_kinds_feature_numbers_and_the_dry_run_preview_are_in_the_page_language(string lang, int width, int height)
    {
        var zh = lang == "zh";
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        await map.Page.Locator("#tabbtn-upload").ClickAsync();

        // A token the server does not know: refused at sign-in, with the reason, and not kept.
        await map.Page.Locator("[data-testid=upload-token]").FillAsync("not-a-real-token");
        await map.Page.Locator("[data-testid=upload-sign]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.signing");
        var refusal = await map.Page.Locator("[data-testid=upload-signin-message]").InnerTextAsync();
        Assert.StartsWith(zh ? "令牌未通过：令牌无效" : "Token refused: The token is not valid", refusal);
        Assert.Null(await map.JsAsync<string?>("() => sessionStorage.getItem('landmap.token')"));
        Assert.Equal(1, await map.Page.Locator("[data-testid=upload-token]").CountAsync());

        // The real one: who it is and its role, as /api/me says.
        var me = await server.CreateWriterClient().GetJsonAsync("api/me");
        await map.Page.Locator("[data-testid=upload-token]").FillAsync(LandMapServer.TestWriteToken);
        await map.Page.Locator("[data-testid=upload-sign]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.signing");
        var who = await map.Page.Locator("[data-testid=upload-who]").InnerTextAsync();
        Assert.Contains((string)me["label"]!, who);
        var roles = new Dictionary<string, (string Zh, string En)> { ["surveyor"] = ("测绘员", "surveyor"), ["admin"] = ("管理员", "admin") };
        Assert.Contains(zh ? roles[(string)me["role"]!].Zh : roles[(string)me["role"]!].En, who);
        Assert.StartsWith(zh ? "已登录：" : "Signed in: ", who);

        // A file that is not GeoJSON: refused (400 naming the body) in the page's words, no problem table.
        await ChooseAsync(map, "notes.geojson", "this is not JSON");
        await DryRunAsync(map);
        Assert.Equal("400", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        var said = await map.Page.Locator("[data-testid=upload-message]").InnerTextAsync();
        Assert.StartsWith(zh ? "请求有误，未写入任何数据：" : "The request cannot be used; nothing was written: ", said);
        if (zh) Assert.DoesNotMatch(Latin, Regex.Replace(said, @"（[\w-]+）", "")); // English only as the parameter's name
        Assert.Equal(0, await map.Page.Locator("[data-testid=upload-problems]").CountAsync());
        Assert.DoesNotContain(zh ? "没有问题" : "No problems", await map.Page.Locator("[data-testid=upload-status]").InnerTextAsync());
        Assert.NotEmpty(await map.Page.Locator("[data-testid=upload-detail]").InnerTextAsync()); // the server's words, marked as such

        // A bad file: kinds named in the page's language, features counted from 1.
        var bowtie = UploadTests.Square("WEB-LANG-1", 121.176, 27.652, 80);
        var ring = bowtie["geometry"]!["coordinates"]![0]!.AsArray();
        var corner = ring[1]!.DeepClone();
        ring[1] = ring[2]!.DeepClone();
        ring[2] = corner;
        await ChooseAsync(map, "bad.geojson", UploadTests.Collection(UploadTests.Square("WEB-LANG-0", 121.174, 27.652, 80), bowtie,
            UploadTests.Square("WEB-LANG-2", 121.178, 27.652, 80, status: "bogus")));
        await DryRunAsync(map);
        Assert.Equal("422", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        Assert.Equal(zh ? "有错误，未写入任何数据：2 个要素有问题（共 3 个）" : "Errors found; nothing was written: 2 of 3 features have problems",
            await map.Page.Locator("[data-testid=upload-message]").InnerTextAsync());
        var rows = await map.Page.Locator("[data-testid=upload-problems] tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.kind, r.dataset.featureIndex, r.cells[0].innerText, r.cells[2].innerText])");
        var self = rows.Single(r => r[0] == "SelfIntersection");
        Assert.Equal(["1", zh ? "第 2 个要素" : "Feature 2", zh ? "自相交" : "Self-intersection"], self[1..]);
        var badEnum = rows.Single(r => r[0] == "InvalidEnum");
        Assert.Equal(["2", zh ? "第 3 个要素" : "Feature 3", zh ? "取值不在代码表中" : "Value not in the code list"], badEnum[1..]);
        if (zh) Assert.All(rows, r => Assert.DoesNotMatch(Latin, r[3]));
        var headers = await map.Page.Locator("[data-testid=upload-problems] thead th").AllInnerTextsAsync();
        if (zh) Assert.All(headers, h => Assert.DoesNotMatch(Latin, h));
        await map.ScreenshotAsync($"upload-refused-{lang}-{width}x{height}");

        // A good file: the dry run passes and draws where its parcels would go, framed.
        await ChooseAsync(map, "good.geojson", UploadTests.Collection(UploadTests.Square("WEB-LANG-3", 121.184, 27.653, 120),
            UploadTests.Square("WEB-LANG-4", 121.187, 27.653, 90)));
        await DryRunAsync(map);
        Assert.Equal("200", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        Assert.Equal(2, await map.Page.Locator("path.lm-upload-preview").CountAsync());
        var framed = await map.JsAsync<bool>("() => window.landmap.map.getBounds().contains([[27.653, 121.184], [27.654, 121.188]])");
        Assert.True(framed, "the preview is not in view");
        Assert.Equal(zh ? "检查通过：2 个要素将写入的位置已画在地图上（绿色虚线）" : "Check passed: where the 2 features would go is drawn on the map (green dashes)",
            await map.Page.Locator("[data-testid=upload-preview-note]").InnerTextAsync());
        Assert.Equal(0, await map.Page.Locator("path.lm-problem").CountAsync());
        await map.ScreenshotAsync($"upload-preview-{lang}-{width}x{height}");
        Assert.DoesNotContain(map.Errors, e => !e.Contains("401") && !e.Contains("400") && !e.Contains("422")); // refusals the browser logs
    }
}
