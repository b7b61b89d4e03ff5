using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Problems;

namespace LandMap.Api.Items;

/// <summary>
/// OGC API - Features <c>datetime</c> (/req/core/fc-time-definition, /req/core/fc-time-response): an
/// instant (a date or an RFC 3339 date-time) or an interval <c>start/end</c> whose open end is
/// <c>..</c> or empty. The collections' temporal properties (<see cref="TemporalProperties"/>) are
/// dates: the zone's calendar days (UTC+8). A day is the interval from its midnight to the next, so a
/// date-time selects the zone day it falls on, and an interval the zone days it intersects, both ends
/// included: <see cref="First"/>..<see cref="Last"/>, null for an open end.
/// </summary>
public sealed partial record DateTimeFilter(DateOnly? First, DateOnly? Last)
{
    /// <summary>Parses <c>datetime</c>; null when absent; a 400 naming datetime when it is not one.</summary>
    public static DateTimeFilter? Parse(string? value)
    {
        if (value is null) return null;
        var parts = value.Split('/');
        if (parts.Length == 1)
        {
            var day = Day(parts[0], value);
            return new(day, day);
        }
        if (parts.Length != 2) throw Invalid(value, "it has more than one '/'");
        var first = IsOpen(parts[0]) ? (DateOnly?)null : Day(parts[0], value);
        var last = IsOpen(parts[1]) ? (DateOnly?)null : Day(parts[1], value);
        if (first is null && last is null) throw Invalid(value, "an interval needs at least one end");
        if (first > last) throw Invalid(value, "its start is after its end");
        return new(first, last);
    }

    /// <summary>The SQL condition on <paramref name="property"/> (a catalog name), values as parameters.
    /// A feature whose temporal property is null has no temporal geometry, and Part 1
    /// (/req/core/fc-time-response C) has <c>datetime</c> match such features too.
    /// With <paramref name="end"/> (the exclusive end of an interval, e.g. a plan zone's repealed_on;
    /// null in a row: still in force), a feature is the interval [property, end) and matches when it
    /// intersects the asked days (/req/core/fc-time-response B): an instant inside it, an interval overlapping it.</summary>
    public string Sql(PropertyDef property, SqlParameters p, PropertyDef? end = null)
    {
        if (end is not null) return IntervalSql(property, end, p);
        var bounds = new List<string>();
        if (First is { } first) bounds.Add($"{property.Name} >= {p.Add(first)}");
        if (Last is { } last) bounds.Add($"{property.Name} <= {p.Add(last)}");
        return $"({property.Name} is null or ({string.Join(" and ", bounds)}))";
    }

    /// <summary>[start, end) intersects the days First..Last (both included): it starts on or before the
    /// last day and ends after the first one.</summary>
    private string IntervalSql(PropertyDef start, PropertyDef end, SqlParameters p)
    {
        var bounds = new List<string>();
        if (Last is { } last) bounds.Add($"{start.Name} <= {p.Add(last)}");
        if (First is { } first) bounds.Add($"({end.Name} is null or {end.Name} > {p.Add(first)})");
        return $"({start.Name} is null or ({string.Join(" and ", bounds)}))";
    }

    private static bool IsOpen(string end) => end is "" or "..";

    /// <summary>The zone day of a date or an RFC 3339 date-time (with its offset or Z).</summary>
    private static DateOnly Day(string text, string whole)
    {
        if (DatePattern().IsMatch(text))
        {
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw Invalid(whole, $"'{Shown(text)}' is no calendar date");
        }
        if (!DateTimePattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            throw Invalid(whole, $"'{Shown(text)}' is neither a date (2014-12-31) nor an RFC 3339 date-time (2014-12-31T08:00:00Z)");
        // A moment in the last hours of year 9999 UTC has no zone date: it is after every stored day.
        return t.UtcDateTime > DateTime.MaxValue - ZoneClock.Offset ? DateOnly.MaxValue : ZoneClock.Date(t);
    }

    private static InvalidParameterException Invalid(string value, string reason) =>
        new("datetime", $"datetime must be a date or RFC 3339 date-time, or an interval start/end with '..' or nothing for an open end " +
                        $"(e.g. 2014-01-01/2014-12-31, ../2014-12-31, 2014-01-01T00:00:00Z/..); got '{Shown(value)}': {reason}");

    private static string Shown(string s) => s.Length <= 64 ? s : s[..64] + "...";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();
}
