using System.Globalization;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Reports;

/// <summary>Query parameters the land reports share, parsed and bounded at the edge.</summary>
public static class ReportParameters
{
    public const int FirstYear = 1990, LastYear = 2100;

    /// <summary>The zone's own clock (China Standard Time, UTC+8): "today" is the zone's today.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A whole year from 1990 to 2100; the current year when absent.</summary>
    public static int Year(string name, string? value)
    {
        if (value is null) return Today.Year;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < FirstYear || y > LastYear)
            throw new InvalidParameterException(name, $"{name} must be a whole year from {FirstYear} to {LastYear}; got '{value}'");
        return y;
    }

    /// <summary>A date YYYY-MM-DD within the years above; today when absent.</summary>
    public static DateOnly Date(string name, string? value)
    {
        if (value is null) return Today;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || d.Year < FirstYear || d.Year > LastYear)
            throw new InvalidParameterException(name, $"{name} must be a date YYYY-MM-DD from {FirstYear} to {LastYear}; got '{value}'");
        return d;
    }

    /// <summary>A park code known to <paramref name="parks"/>, or null when absent.</summary>
    public static string? Park(string? value, IReadOnlyList<ParkName> parks) =>
        value is null || parks.Any(p => p.Code == value)
            ? value
            : throw new InvalidParameterException("park", $"no park '{value}'; parks are {string.Join(", ", parks.Select(p => p.Code))}");
}
