using LandMap.Api.Problems;
using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Api.Domain;

namespace LandMap.Api.Features.Ogc;

/// <summary>Conditional Part 4 writes: <c>If-Match</c> against the item's ETag
/// (<c>"{collection}-{id}-v{version}"</c>), 428 without it, 412 when it is stale.</summary>
internal static class ItemsWritePreconditions
{
    /// <summary>A strong ETag of ours. ASCII digits only ([0-9], not \d, which takes any script's digits),
    /// and the numbers are still read with TryParse: an id past long or a version past int names no
    /// version of any item (412), never an overflow (500). Weak tags (W/"...") never match: If-Match
    /// compares strongly (RFC 9110 13.1.1). A representation's variant after the version (the zone date
    /// or query a GET added, <see cref="ItemsWriteApi.RepresentationETag"/>) is allowed and not compared.</summary>
    private static readonly Regex ETagShape = new(@"^""([a-z_]+)-([0-9]{1,20})-v([0-9]{1,11})(?:-[a-z][0-9a-f]{1,16}){0,2}""$", RegexOptions.CultureInvariant);

    /// <summary>428 without If-Match; otherwise the version it names (null for <c>*</c>; -1 when it names
    /// no version of this item, which then never matches: 412).</summary>
    internal static IResult? Precondition(HttpRequest request, CollectionDef collection, long id, out int? expected)
    {
        expected = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return Problem.Result(Problem.Create(StatusCodes.Status428PreconditionRequired, "Precondition required",
                "writes to an existing item need If-Match with the item's ETag (GET the item first)",
                [new("parameter", "If-Match")]));
        var tags = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (tags.Contains("*")) return null;
        expected = -1;
        foreach (var tag in tags)
        {
            var m = ETagShape.Match(tag);
            if (m.Success && m.Groups[1].Value == collection.Id && long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var tagId) && tagId == id
                && int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                expected = v;
                break;
            }
        }
        return null;
    }

    /// <summary>412: If-Match named another version; the current ETag travels along when the item still exists.
    /// A <paramref name="current"/> of null: the item does not exist, so no If-Match matches.</summary>
    internal static IResult Stale(CollectionDef collection, long id, int? current)
    {
        var extensions = new Dictionary<string, object?> { ["parameter"] = "If-Match" };
        if (current is { } v) extensions["currentETag"] = ItemsWriteApi.RepresentationETag(collection, id, v);
        return Problem.Result(Problem.Create(StatusCodes.Status412PreconditionFailed, "Precondition failed",
            current is null
                ? $"no feature '{id}' in collection '{collection.Id}', so If-Match matches no version of it; nothing was created"
                : "If-Match does not name the item's current version (someone changed it meanwhile); nothing was changed",
            extensions));
    }
}
