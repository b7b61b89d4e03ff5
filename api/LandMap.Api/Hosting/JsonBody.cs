using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Api.Problems;

namespace LandMap.Api.Hosting;

/// <summary>
/// Reads a JSON request body (edits, zone queries) under <see cref="RequestLimits"/>: at most
/// <see cref="RequestLimits.MaxJsonBodyBytes"/> bytes (413), nested at most
/// <see cref="RequestLimits.JsonMaxDepth"/> deep, strict JSON, and no member named twice in one
/// object: parsers disagree on which of two wins, so a body with a repeat could mean different
/// things to a proxy, a log and the service.
/// </summary>
public static partial class JsonBody
{
    /// <summary>The parsed body (dispose it); problems name <c>body</c> and the limit.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpContext http, RequestLimits limits)
    {
        var max = limits.MaxJsonBodyBytes;
        if (http.Request.ContentLength > max) throw TooLarge(max);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + n > max) throw TooLarge(max);
            buffer.Write(chunk, 0, n);
        }
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), limits);
    }

    /// <summary>Parses <paramref name="json"/> under the limits (see <see cref="ReadAsync"/>).</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json, RequestLimits limits)
    {
        // The parser frames strings without decoding them; a bad byte would throw only when read.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
            throw new InvalidParameterException("body", "the body is not UTF-8 text; JSON is UTF-8");
        try
        {
            // The buffer is copied: the document outlives the request's buffer.
            return JsonDocument.Parse(json.ToArray(), Options(limits));
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            throw new LimitExceededException("body", RequestLimits.Name(nameof(RequestLimits.JsonMaxDepth)), limits.JsonMaxDepth,
                $"the body is nested deeper than {limits.JsonMaxDepth} levels ({RequestLimits.Name(nameof(RequestLimits.JsonMaxDepth))})");
        }
        catch (JsonException e) when (DuplicateName(e) is { } name)
        {
            throw new InvalidParameterException("body", $"the body names the member \"{name}\" twice in one object; give each member once");
        }
        catch (JsonException e)
        {
            throw new InvalidParameterException("body", $"the body is not JSON (NaN, Infinity, comments and trailing commas are not JSON): {e.Message}");
        }
    }

    /// <summary>Strict options: the depth bound, duplicates refused.</summary>
    public static JsonDocumentOptions Options(RequestLimits limits) =>
        new() { MaxDepth = limits.JsonMaxDepth, AllowDuplicateProperties = false };

    /// <summary>The repeated member's name when <paramref name="e"/> is System.Text.Json's duplicate error.</summary>
    public static string? DuplicateName(JsonException e) =>
        DuplicateMessage().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("^Duplicate property '(.*)' encountered", RegexOptions.Singleline)]
    private static partial Regex DuplicateMessage();

    private static LimitExceededException TooLarge(long max) =>
        new("body", RequestLimits.Name(nameof(RequestLimits.MaxJsonBodyBytes)), max,
            $"the body is larger than {max} bytes ({RequestLimits.Name(nameof(RequestLimits.MaxJsonBodyBytes))})",
            StatusCodes.Status413PayloadTooLarge);
}
