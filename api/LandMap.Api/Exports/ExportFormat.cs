using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Api.Exports;

/// <summary>What a report route answers with: its JSON document, or its table as CSV or .xlsx.</summary>
public enum ExportFormat { Json, Csv, Xlsx }

/// <summary>Chooses the format (<c>f=json|csv|xlsx</c>, else the Accept header, else JSON) and writes the answer.</summary>
public static class Export
{
    /// <summary>The format asked for; an unknown <c>f</c> is a 400 naming the parameter.</summary>
    public static ExportFormat Negotiate(HttpRequest request, string? f)
    {
        if (f is not null)
        {
            return f.ToLowerInvariant() switch
            {
                "json" => ExportFormat.Json,
                "csv" => ExportFormat.Csv,
                "xlsx" => ExportFormat.Xlsx,
                _ => throw new InvalidParameterException("f", $"f must be json, csv or xlsx; got '{f}'"),
            };
        }
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Csv;
        if (accept.Contains("spreadsheetml.sheet", StringComparison.OrdinalIgnoreCase)) return ExportFormat.Xlsx;
        return ExportFormat.Json;
    }

    /// <summary>
    /// The body as JSON, or its table (<paramref name="table"/> given the body and the export's
    /// <paramref name="labels"/>) as a download named <paramref name="fileName"/> plus the format's
    /// extension (Content-Disposition: attachment). The table is written in the labels' language,
    /// the note of a cut .xlsx cell too, and an .xlsx with cells cut to Excel's limit says how many
    /// in <see cref="TableExport.TruncatedCellsHeader"/>: every export that can cut goes through here.
    /// </summary>
    public static async Task<Results<Ok<T>, FileContentHttpResult>> RespondAsync<T>(HttpResponse response,
        ExportFormat format, T body, ExportLabels? labels, Func<T, ExportLabels, ExportTable> table, string fileName, CancellationToken ct)
    {
        if (format == ExportFormat.Json) return TypedResults.Ok(body);
        // ExportLabels.ForAsync gives labels for every format but JSON.
        ArgumentNullException.ThrowIfNull(labels);
        var sheet = table(body, labels) with { Language = labels.Language };
        SayLanguage(response, labels.Language);
        // Reports are a few thousand rows at most: built in memory, sent with a length.
        using var buffer = new MemoryStream();
        if (format == ExportFormat.Csv)
        {
            await TableExport.WriteCsvAsync(buffer, sheet, ct);
            return TypedResults.File(buffer.ToArray(), TableExport.CsvContentType, fileName + ".csv");
        }
        var truncated = await TableExport.WriteXlsxAsync(buffer, sheet, ct);
        // Said, not hidden: the page tells the planner which export cut what (the CSV keeps it whole).
        if (truncated > 0)
            response.Headers[TableExport.TruncatedCellsHeader] = truncated.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(buffer.ToArray(), TableExport.XlsxContentType, fileName + ".xlsx");
    }

    /// <summary>Content-Language of a table, and Vary: Accept-Language when the header chose it (no
    /// <c>lang</c>): a shared cache must not hand a Chinese table to an English browser.</summary>
    private static void SayLanguage(HttpResponse response, ExportLanguage language)
    {
        response.Headers.ContentLanguage = language.Tag();
        if (!response.HttpContext.Request.Query.ContainsKey(ExportLanguages.Parameter))
            response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, Microsoft.Net.Http.Headers.HeaderNames.AcceptLanguage);
    }
}
