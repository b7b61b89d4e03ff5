using System.Globalization;
using System.Text.RegularExpressions;

namespace LandMap.Api.Filtering;

/// <summary>
/// Reading the values both encodings share (dates, timestamps, interval ends, distance units).
/// Failures throw <see cref="FormatException"/> with a message for the client; each parser adds
/// where in the filter it happened.
/// </summary>
internal static partial class Cql2Values
{
    /// <summary>The value of <c>'..'</c>, the open end of an interval.</summary>
    public const string OpenEndText = "..";

    /// <summary>A calendar date, exactly YYYY-MM-DD (RFC 3339 full-date).</summary>
    public static DateOnly Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"{Cql2Errors.Quote(text)} is not a date: write YYYY-MM-DD, e.g. '2014-06-30'");

    /// <summary>An RFC 3339 timestamp with its zone (Z or an offset): an instant, never a local time.</summary>
    public static DateTimeOffset Timestamp(string text)
    {
        if (Rfc3339().IsMatch(text) &&
            DateTimeOffset.TryParseExact(text.ToUpperInvariant(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return t;
        throw new FormatException($"{Cql2Errors.Quote(text)} is not a timestamp: write RFC 3339 with a zone, e.g. '2014-06-30T08:00:00Z'");
    }

    /// <summary>One end of an interval given as text: '..', a date or a timestamp.</summary>
    public static Cql2Operand IntervalEnd(string text)
    {
        if (text == OpenEndText) return OpenEnd.Instance;
        if (text.Length == 10) return new DateLit(Date(text));
        if (Rfc3339().IsMatch(text)) return new TimestampLit(Timestamp(text));
        throw new FormatException($"interval end {Cql2Errors.Quote(text)} is not a date (YYYY-MM-DD), a timestamp (e.g. 2014-06-30T08:00:00Z) or '..'");
    }

    /// <summary>A finite number: NaN and infinities have no place in a filter.</summary>
    public static double Finite(double value, string text) =>
        double.IsFinite(value) ? value : throw new FormatException($"number {Cql2Errors.Quote(text)} is out of range");

    /// <summary>S_DWITHIN's distance in metres, from a distance and its units.</summary>
    public static double Metres(double distance, string units)
    {
        if (!double.IsFinite(distance) || distance < 0)
            throw new FormatException("S_DWITHIN distance must be a number of 0 or more");
        var factor = units.ToLowerInvariant() switch
        {
            "m" or "meter" or "meters" or "metre" or "metres" => 1.0,
            "km" or "kilometer" or "kilometers" or "kilometre" or "kilometres" => 1000.0,
            _ => throw new FormatException($"S_DWITHIN units {Cql2Errors.Quote(units)} are not known; use meters or kilometers"),
        };
        return distance * factor;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
