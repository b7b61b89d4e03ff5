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
    /// The body as JSON, or its table as a download named <paramref name="fileName"/> plus the
    /// format's extension (Content-Disposition: attachment). Given <paramref name="response"/>, an
    /// .xlsx with cells cut to Excel's limit says how many in <see cref="TableExport.TruncatedCellsHeader"/>.
    /// </summary>
    public static async Task<Results<Ok<T>, FileContentHttpResult>> RespondAsync<T>(
        ExportFormat format, T body, Func<T, ExportTable> table, string fileName, CancellationToken ct, HttpResponse? response = null)
    {
        if (format == ExportFormat.Json) return TypedResults.Ok(body);
        // Reports are a few thousand rows at most: built in memory, sent with a length.
        using var buffer = new MemoryStream();
        if (format == ExportFormat.Csv)
        {
            await TableExport.WriteCsvAsync(buffer, table(body), ct);
            return TypedResults.File(buffer.ToArray(), TableExport.CsvContentType, fileName + ".csv");
        }
        var truncated = await TableExport.WriteXlsxAsync(buffer, table(body), ct);
        // Said, not hidden: the page tells the planner which export cut what (the CSV keeps it whole).
        if (truncated > 0 && response is not null)
            response.Headers[TableExport.TruncatedCellsHeader] = truncated.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(buffer.ToArray(), TableExport.XlsxContentType, fileName + ".xlsx");
    }
}
