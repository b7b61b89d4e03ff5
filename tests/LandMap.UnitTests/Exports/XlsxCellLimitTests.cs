using LandMap.Api.Exports;
using MiniExcelLibs;

namespace LandMap.Tests.Exports;

/// <summary>An .xlsx cell holds at most 32,767 characters (Excel's limit): a longer text is cut with a
/// note in the export's language, counted, and the rest of the row is untouched (issue 17 point 6).</summary>
public sealed class XlsxCellLimitTests
{
    private static async Task<(int Truncated, List<IDictionary<string, object?>> Rows)> WriteAsync(ExportTable table)
    {
        using var stream = new MemoryStream();
        var truncated = await TableExport.WriteXlsxAsync(stream, table, CancellationToken.None);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        return (truncated, rows);
    }

    [Theory]
    [InlineData(ExportLanguage.Zh, "已截断：原文 40,000 字")]
    [InlineData(ExportLanguage.En, "truncated: 40,000 characters")]
    public async Task A_cell_over_32767_characters_is_cut_with_a_note_and_counted(ExportLanguage language, string note)
    {
        var long1 = new string('长', 40_000);
        var table = new ExportTable("地块", ["宗地编号", "名称", "面积"],
            [["WZ-1", long1, 12.5], ["WZ-2", "短名", 3.0]]) { Language = language };

        var (truncated, rows) = await WriteAsync(table);

        Assert.Equal(1, truncated);
        var cut = (string)rows[0]["名称"]!;
        Assert.Equal(TableExport.XlsxCellMaxChars, cut.Length);
        Assert.StartsWith(new string('长', 30_000), cut);
        Assert.Contains(note, cut);
        Assert.Equal("WZ-1", rows[0]["宗地编号"]);
        Assert.Equal(12.5, Convert.ToDouble(rows[0]["面积"]));
        Assert.Equal("短名", rows[1]["名称"]);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_and_text_that_fits_is_kept()
    {
        Assert.Null(TableExport.FitCell(new string('x', TableExport.XlsxCellMaxChars), ExportLanguage.Zh));
        var emoji = string.Concat(Enumerable.Repeat("𠀀", 20_000)); // 40,000 UTF-16 units, CJK Extension B
        var cut = TableExport.FitCell(emoji, ExportLanguage.Zh)!;
        Assert.True(cut.Length <= TableExport.XlsxCellMaxChars);
        var kept = cut[..cut.IndexOf('…')];
        Assert.False(char.IsHighSurrogate(kept[^1]));
        Assert.Equal(0, kept.Length % 2);
    }
}
