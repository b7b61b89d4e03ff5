using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>Exports of the filtered parcels open with the same rows, Chinese intact.</summary>
public sealed class ExportTests(LandMapServer server)
{
    private async Task<(List<string> Codes, Dictionary<string, string> Names)> ExpectedAsync()
    {
        var features = await server.CreateClient().AllFeaturesAsync("api/parks/P-SC/parcels?limit=1000");
        return (features.Select(f => (string)f["properties"]!["code"]!).Order().ToList(),
            features.ToDictionary(f => (string)f["properties"]!["code"]!, f => (string?)f["properties"]!["name"] ?? ""));
    }

    internal static async Task<string> DownloadAsync(MapSession map, string testid)
    {
        var download = await map.Page.RunAndWaitForDownloadAsync(() => map.Page.Locator($"[data-testid={testid}]").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"landmap-{Guid.NewGuid():N}-{download.SuggestedFilename}");
        await download.SaveAsAsync(path);
        return path;
    }

    [Fact]
    public async Task GeoJSON_CSV_and_Excel_exports_hold_the_filtered_parcels_with_Chinese_intact()
    {
        var (codes, names) = await ExpectedAsync();
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.JsAsync("() => window.landmap.filters.set({ parks: ['P-SC'] })");
        await map.SettledAsync();
        await map.Page.Locator("#tabbtn-tools").ClickAsync();

        // GeoJSON
        var geojson = JsonDocument.Parse(await File.ReadAllTextAsync(await DownloadAsync(map, "export-filtered-geojson"))).RootElement;
        var gCodes = geojson.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("code").GetString()!).Order().ToList();
        Assert.Equal(codes, gCodes);

        // CSV: UTF-8 with a BOM, a header row, one row per parcel.
        var csvBytes = await File.ReadAllBytesAsync(await DownloadAsync(map, "export-filtered-csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var lines = Encoding.UTF8.GetString(csvBytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var codeCol = Array.IndexOf(header, "宗地编号");
        var nameCol = Array.IndexOf(header, "名称");
        Assert.Equal(codes.Count, lines.Length - 1);
        var csvRows = lines[1..].Select(l => l.Split(',')).ToList(); // sample names hold no commas or quotes
        Assert.Equal(codes, csvRows.Select(r => r[codeCol]).Order().ToList());
        foreach (var r in csvRows) Assert.Equal(names[r[codeCol]], r[nameCol]);
        Assert.Contains(csvRows, r => r[nameCol].Any(c => c >= 0x4E00 && c <= 0x9FFF));

        // Excel: the first sheet's rows, read from the package's XML.
        var xlsx = ReadSheet(await DownloadAsync(map, "export-filtered-xlsx"));
        var xCode = xlsx[0].IndexOf("宗地编号");
        var xName = xlsx[0].IndexOf("名称");
        static string Cell(List<string> r, int i) => i < r.Count ? r[i] : ""; // empty cells are left out
        Assert.Equal(codes, xlsx.Skip(1).Select(r => Cell(r, xCode)).Order().ToList());
        foreach (var r in xlsx.Skip(1)) Assert.Equal(names[Cell(r, xCode)], Cell(r, xName));

        // The page in English exports in English: headers and park names.
        await map.Page.Locator("[data-testid=lang-switch]").ClickAsync();
        var en = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(await DownloadAsync(map, "export-filtered-csv")))[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var enHeader = en[0].Split(',');
        Assert.Contains("Parcel code", enHeader);
        Assert.All(en[1..], l => Assert.Equal("Shacheng Park", l.Split(',')[Array.IndexOf(enHeader, "Park")]));
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task A_drawn_polygon_or_a_parks_selection_exports_the_same_parcels_as_CSV()
    {
        var (codes, _) = await ExpectedAsync();
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.Locator("#tabbtn-tools").ClickAsync();
        await map.JsAsync("() => window.landmap.tools.parkQuery('P-SC')");
        var csv = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(await DownloadAsync(map, "export-selection-csv")))[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var codeCol = Array.IndexOf(lines[0].Split(","), "宗地编号");
        Assert.Equal(codes, lines[1..].Select(l => l.Split(',')[codeCol]).Order().ToList());
        // The file is in the page's language: park names, not codes.
        Assert.All(lines[1..], l => Assert.Equal("沙城园区", l.Split(',')[Array.IndexOf(lines[0].Split(","), "园区")]));

        // A drawn polygon: the parcels the server says intersect it, listed and exported alike.
        var listed = await map.JsAsync<string[]>("""
            async () => {
              const tools = window.landmap.tools;
              const sketch = tools.start('query');
              const c = window.landmap.map.getCenter();
              for (const [dy, dx] of [[-0.004, -0.004], [-0.004, 0.004], [0.004, 0.004], [0.004, -0.004]]) sketch.add({ lat: c.lat + dy, lng: c.lng + dx });
              sketch.finish();
              await tools.state.run;
              return tools.state.selection.map(f => f.properties.code).sort();
            }
            """);
        Assert.NotEmpty(listed);
        csv = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(await DownloadAsync(map, "export-selection-csv")))[3..]);
        lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        codeCol = Array.IndexOf(lines[0].Split(","), "宗地编号");
        Assert.Equal(listed, lines[1..].Select(l => l.Split(',')[codeCol]).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(map.Errors);
    }

    /// <summary>Rows of sheet1 of an .xlsx as strings (shared, inline and plain values).</summary>
    internal static List<List<string>> ReadSheet(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } s
            ? XDocument.Load(s.Open()).Descendants(ns + "si").Select(si => string.Concat(si.Descendants(ns + "t").Select(t => t.Value))).ToList()
            : [];
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var rows = new List<List<string>>();
        foreach (var row in sheet.Descendants(ns + "row"))
        {
            var cells = new List<string>();
            foreach (var c in row.Elements(ns + "c"))
            {
                var col = ColumnIndex((string)c.Attribute("r")!);
                while (cells.Count < col) cells.Add("");
                var type = (string?)c.Attribute("t");
                var v = (string?)c.Element(ns + "v") ?? "";
                cells.Add(type switch
                {
                    "s" => shared[int.Parse(v)],
                    "inlineStr" => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)),
                    _ => v,
                });
            }
            rows.Add(cells);
        }
        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }
}
