namespace LandMap.Api.Domain;

/// <summary>
/// The zone's own clock (China Standard Time, UTC+8, no daylight saving): "today" for reports,
/// the parcels' computed state, caching and tiles is the zone's today, whatever the server's zone.
/// </summary>
public static class ZoneClock
{
    /// <summary>The zone's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The zone's date now.</summary>
    public static DateOnly Today => Date(DateTimeOffset.UtcNow);

    /// <summary>The zone's date at the moment <paramref name="t"/> (an asOf read's date).</summary>
    public static DateOnly Date(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime + Offset);
}
