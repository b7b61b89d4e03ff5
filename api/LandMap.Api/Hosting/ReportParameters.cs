using LandMap.Api.Domain;
using LandMap.Api.Problems;

namespace LandMap.Api.Hosting;

/// <summary>Query parameters the land reports share, parsed and bounded at the edge.</summary>
public static class ReportParameters
{
    /// <summary>The years a report may cover (<see cref="DateParameters"/>'s bounds).</summary>
    public const int FirstYear = DateParameters.FirstYear, LastYear = DateParameters.LastYear;

    /// <summary>The zone's own clock (China Standard Time, UTC+8): "today" is the zone's today.</summary>
    public static DateOnly Today => DateParameters.Today;

    /// <summary>A whole year from 1990 to 2100; the current year when absent.</summary>
    public static int Year(string name, string? value) => DateParameters.Year(name, value) ?? Today.Year;

    /// <summary>A date YYYY-MM-DD within the years above; today when absent.</summary>
    public static DateOnly Date(string name, string? value) => DateParameters.Date(name, value) ?? Today;

    /// <summary>A park code known to <paramref name="parks"/>, or null when absent.</summary>
    public static string? Park(string? value, IReadOnlyList<ParkName> parks) =>
        value is null || parks.Any(p => p.Code == value)
            ? value
            : throw new InvalidParameterException("park", $"no park '{value}'; parks are {string.Join(", ", parks.Select(p => p.Code))}");
}
