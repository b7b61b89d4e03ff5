using System.Text;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// Exports for people (issue 17 point 6): the map's CSV/xlsx of what it shows carry headers and
/// values in the page's language (the server's exports, lang=en), and a text longer than an Excel
/// cell holds (32,767 characters: a row stored before the text bounds, kept as NOT VALID) is cut
/// with a note in the cell and said in the page, never a silent failure.
/// </summary>
public sealed class ExportForPeopleTests(LandMapServer server)
{
    private const int LongLength = 40_000;

    /// <summary>A parcel of 沙城园区 given a 40,000-character name as a row from before the bounds
    /// (the CHECK is dropped and put back NOT VALID in one transaction); the old name is put back on dispose.</summary>
    private sealed class LegacyLongName(NpgsqlDataSource db, string code, string oldName) : IAsyncDisposable
    {
        public string Code => code;

        public static async Task<LegacyLongName> SetAsync(NpgsqlDataSource db)
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            string code, name;
            await using (var pick = new NpgsqlCommand("select code, name from parcels where park_code = 'P-SC' order by code limit 1", conn, tx))
            await using (var r = await pick.ExecuteReaderAsync())
            {
                await r.ReadAsync();
                (code, name) = (r.GetString(0), r.GetString(1));
            }
            await using var cmd = new NpgsqlCommand("""
                alter table parcels drop constraint parcels_name_bound;
                update parcels set name = repeat('长', $1) where code = $2;
                alter table parcels add constraint parcels_name_bound check (char_length(name) <= 500) not valid;
                """.Replace("$1", LongLength.ToString()).Replace("$2", $"'{code}'"), conn, tx);
            await cmd.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            return new LegacyLongName(db, code, name);
        }

        public async ValueTask DisposeAsync()
        {
            await using var cmd = db.CreateCommand("update parcels set name = $1 where code = $2");
            cmd.Parameters.AddWithValue(oldName);
            cmd.Parameters.AddWithValue(code);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    [Theory]
    [ClassData(typeof(DesksAndTablets))]
    public async Task The_map_exports_in_the_page_language_and_a_cell_over_Excels_limit_is_cut_with_a_note_and_said(string lang, int width, int height)
    {
        var zh = lang == "zh";
        var ws = await server.WriteServerAsync();
        await using var legacy = await LegacyLongName.SetAsync(ws.DataSource);
        await using var map = await MapSession.OpenAsync(ws.BaseUrl, lang, width, height);
        await map.JsAsync("() => window.landmap.filters.set({ parks: ['P-SC'] })");
        await map.SettledAsync();
        await map.Page.Locator("#tabbtn-tools").ClickAsync();

        // Excel: the long name cut to the limit, with a note, and the page says so.
        var sheet = ExportTests.ReadSheet(await ExportTests.DownloadAsync(map, "export-filtered-xlsx"));
        var header = sheet[0];
        var codeCol = header.IndexOf(zh ? "宗地编号" : "Parcel code");
        var nameCol = header.IndexOf(zh ? "名称" : "Name");
        var parkCol = header.IndexOf(zh ? "园区" : "Park");
        Assert.True(codeCol >= 0 && nameCol >= 0 && parkCol >= 0, string.Join(",", header));
        // Headers for people: no field names (park_code, status...) left.
        Assert.DoesNotContain(header, h => h.Contains('_') || h is "code" or "status" or "name");
        var row = sheet.Skip(1).Single(r => r[codeCol] == legacy.Code);
        Assert.Equal(32_767, row[nameCol].Length);
        Assert.Contains(zh ? "已截断：原文 40,000 字" : "truncated: 40,000 characters", row[nameCol]);
        Assert.All(sheet.Skip(1), r => Assert.Equal(zh ? "沙城园区" : "Shacheng Park", r[parkCol]));
        var said = map.Page.Locator("[data-testid=export-filtered-message]");
        await Assertions.Expect(said).ToContainTextAsync(zh ? "1 个单元格超过 Excel 上限（32,767 字），已截断" : "1 cell(s) over Excel's limit (32,767 characters) were cut");
        await map.ScreenshotAsync($"export-truncated-{lang}-{width}x{height}");

        // CSV keeps it whole, in the same language; the note goes once nothing is cut.
        var csv = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(await ExportTests.DownloadAsync(map, "export-filtered-csv")))[3..]);
        Assert.Contains(new string('长', LongLength), csv);
        var csvHeader = Regex.Matches(csv.Split("\r\n")[0], "(?:^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)").Select(m => m.Groups[1].Value.Trim('"')).ToArray();
        Assert.Contains(zh ? "宗地编号" : "Parcel code", csvHeader);
        Assert.Equal(csvHeader.Length, csvHeader.Distinct().Count()); // each column its own name (three land-use editions)
        await Assertions.Expect(said).ToHaveTextAsync("");
        Assert.Empty(map.Errors);
    }
}
