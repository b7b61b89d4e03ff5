using System.Globalization;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Auth;

/// <summary>A token to create, checked the same way for the /api route and the CLI.</summary>
public sealed record NewToken(string Label, string Role, string[]? Collections, DateTimeOffset? ExpiresAt)
{
    /// <summary>The zone's clock (UTC+8): a bare expiry date means "valid through that day" there.</summary>
    private static readonly TimeSpan ZoneOffset = TimeSpan.FromHours(8);

    /// <summary>Checks and normalises the parts; a bad one is an <see cref="InvalidParameterException"/> naming it.</summary>
    public static NewToken Parse(string? label, string? role, IEnumerable<string>? collections, string? expires, DateTimeOffset now)
    {
        label = label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 200)
            throw new InvalidParameterException("label", "label is required (1 to 200 characters), e.g. \"surveyor Wang\"");
        if (role is null || !Roles.IsKnown(role))
            throw new InvalidParameterException("role", $"role must be one of {string.Join(", ", Roles.All)}");

        string[]? narrowed = null;
        var list = collections?.SelectMany(c => c.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (list is { Length: > 0 })
        {
            foreach (var c in list)
                if (CollectionCatalog.Find(c) is null)
                    throw new InvalidParameterException("collections",
                        $"no collection '{c}' ({string.Join(", ", CollectionCatalog.All.Select(d => d.Id))})");
            narrowed = list.Distinct(StringComparer.Ordinal).ToArray();
        }

        DateTimeOffset? expiresAt = null;
        if (!string.IsNullOrWhiteSpace(expires))
        {
            // Bounded as every date parameter (DateParameters): 9999-12-31 plus a day would overflow.
            if (DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                expiresAt = new DateTimeOffset(DateParameters.Date("expires", expires)!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), ZoneOffset);
            else if (DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && expires.Contains('T'))
                expiresAt = DateParameters.Within("expires", at);
            else
                throw new InvalidParameterException("expires", "expires must be a date (YYYY-MM-DD, valid through that day, UTC+8) or an ISO 8601 timestamp");
            if (expiresAt <= now) throw new InvalidParameterException("expires", "expires must be in the future");
        }
        return new NewToken(label, role, narrowed, expiresAt);
    }
}
