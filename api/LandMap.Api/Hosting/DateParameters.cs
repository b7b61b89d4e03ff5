using System.Globalization;
using LandMap.Api.Domain;
using LandMap.Api.Problems;

namespace LandMap.Api.Hosting;

/// <summary>
/// The one parser of date and time request parameters (asOf, date, year, from, to, a token's
/// expires): each is bounded to the years <see cref="FirstYear"/>..<see cref="LastYear"/>, so no
/// value near the calendar's ends (9999-12-31T23:00:00Z, 0001-01-01, an offset that pushes a
/// moment past year 9999) reaches date arithmetic or the database: such a value is a 400 naming
/// its parameter, not an overflow (500).
/// </summary>
public static class DateParameters
{
    /// <summary>The years a date parameter may name: the zone's records start after 1990, plans end by 2100.</summary>
    public const int FirstYear = 1990, LastYear = 2100;

    /// <summary>The zone's own clock (China Standard Time, UTC+8): "today" is the zone's today.</summary>
    public static DateOnly Today => ZoneClock.Today;

    private static readonly DateTimeOffset Earliest = new(FirstYear, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(LastYear, 12, 31, 23, 59, 59, TimeSpan.Zero);

    /// <summary>A whole year within the bounds; null when absent.</summary>
    public static int? Year(string name, string? value)
    {
        if (value is null) return null;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < FirstYear || y > LastYear)
            throw new InvalidParameterException(name, $"{name} must be a whole year from {FirstYear} to {LastYear}; got '{Shown(value)}'");
        return y;
    }

    /// <summary>A date, exactly YYYY-MM-DD, within the bounds; null when absent.</summary>
    public static DateOnly? Date(string name, string? value)
    {
        if (value is null) return null;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || d.Year < FirstYear || d.Year > LastYear)
            throw new InvalidParameterException(name, $"{name} must be a date YYYY-MM-DD from {FirstYear} to {LastYear}; got '{Shown(value)}'");
        return d;
    }

    /// <summary>A moment: an RFC 3339 date-time (a time without a zone is read as UTC) or a date (its
    /// start in UTC), within the bounds (in UTC); null when absent. Returned in UTC.</summary>
    public static DateTimeOffset? Instant(string name, string? value)
    {
        if (value is null) return null;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            throw new InvalidParameterException(name, $"{name} must be a date-time such as 2026-01-31T12:00:00Z or a date; got '{Shown(value)}'");
        return Within(name, t);
    }

    /// <summary><paramref name="t"/> in UTC when it lies within the bounds, else a 400 naming <paramref name="name"/>.</summary>
    public static DateTimeOffset Within(string name, DateTimeOffset t) =>
        t >= Earliest && t <= Latest
            ? t.ToUniversalTime()
            : throw new InvalidParameterException(name, $"{name} must lie from {FirstYear}-01-01 to {LastYear}-12-31 (UTC); got {t.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}");

    /// <summary>The value as a detail quotes it: long values cut, so a problem never echoes megabytes.</summary>
    private static string Shown(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
