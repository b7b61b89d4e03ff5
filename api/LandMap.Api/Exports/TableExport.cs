using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace LandMap.Api.Exports;

/// <summary>
/// A report flattened for a spreadsheet: one sheet, Chinese column headers, one row per line.
/// Cells are strings, numbers, dates or null.
/// </summary>
public sealed record ExportTable(string Sheet, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The language of the note a truncated .xlsx cell ends with.</summary>
    public ExportLanguage Language { get; init; } = ExportLanguage.Zh;
}

/// <summary>
/// Writes <see cref="ExportTable"/>s as CSV (CsvHelper, UTF-8 with a BOM so Excel reads the
/// Chinese headers) or as .xlsx (MiniExcel). Any feature's report can be exported through it.
/// </summary>
public static class TableExport
{
    /// <summary>Media type of the CSV downloads.</summary>
    public const string CsvContentType = "text/csv; charset=utf-8";
    /// <summary>Media type of the .xlsx downloads.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// CSV (RFC 4180) with a header line, UTF-8 with a byte order mark; dates as yyyy-MM-dd, numbers
    /// in the invariant culture. Text that a spreadsheet would run as a formula (=, +, -, @ first)
    /// is escaped: land users and names come from uploads.
    /// </summary>
    public static async Task WriteCsvAsync(Stream stream, ExportTable table, CancellationToken ct)
    {
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        await csv.WriteRecordAsync([.. table.Headers], ct);
        foreach (var row in table.Rows)
            await csv.WriteRecordAsync([.. row.Select(Text)], ct);
        await csv.FlushAsync(ct);
    }

    /// <summary>The most characters an Excel cell holds (Excel's specifications and limits); a longer
    /// one makes Excel "repair" the file and drop the cell's text.</summary>
    public const int XlsxCellMaxChars = 32_767;

    /// <summary>Response header of an .xlsx export: how many cells were cut to <see cref="XlsxCellMaxChars"/>.</summary>
    public const string TruncatedCellsHeader = "X-LandMap-Truncated-Cells";

    /// <summary>
    /// A cell's text as an .xlsx can hold it: longer than <see cref="XlsxCellMaxChars"/>, cut and
    /// ended with a note saying so and how long the text was (the CSV export keeps it whole); null
    /// when it fits. The cut never splits a surrogate pair.
    /// </summary>
    public static string? FitCell(string text, ExportLanguage language)
    {
        if (text.Length <= XlsxCellMaxChars) return null;
        var note = language.Pick($"…（已截断：原文 {text.Length:N0} 字，超过 Excel 单元格上限 32,767 字；全文见 CSV 导出）",
            $"… (truncated: {text.Length:N0} characters, over Excel's 32,767 per cell; the CSV export has it whole)");
        var keep = XlsxCellMaxChars - note.Length;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), note);
    }

    /// <summary>One worksheet named after the table, headers in the first row; cells over Excel's
    /// limit cut with a note (<see cref="FitCell"/>). Returns how many cells were cut.</summary>
    public static async Task<int> WriteXlsxAsync(Stream stream, ExportTable table, CancellationToken ct)
    {
        var truncated = 0;
        object? Fit(object? cell)
        {
            if (cell is not string text || FitCell(text, table.Language) is not { } cut) return cell;
            truncated++;
            return cut;
        }
        // MiniExcel takes the header row from the keys of each row's dictionary, in insertion order.
        var rows = table.Rows.Select(row =>
        {
            var line = new Dictionary<string, object?>(table.Headers.Count);
            for (var i = 0; i < table.Headers.Count; i++)
                line[table.Headers[i]] = i < row.Count ? Fit(Cell(row[i])) : null;
            return line;
        }).ToList();
        await MiniExcel.SaveAsAsync(stream, rows, sheetName: table.Sheet, excelType: ExcelType.XLSX, cancellationToken: ct);
        return truncated;
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    // Dates go to the sheet as text: a bare DateOnly is not a type every reader of .xlsx knows.
    private static object? Cell(object? cell) => cell is DateOnly d ? Text(d) : cell;
}
