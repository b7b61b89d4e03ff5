using LandMap.Api.Features.Tiles;

namespace LandMap.Tests.Tiles;

/// <summary>The dates the overview is held for (OverviewRefresher.WantedDates).</summary>
public sealed class OverviewDatesTests
{
    [Fact]
    public void Today_then_the_next_day_built_ahead_then_year_ends_latest_first()
    {
        var dates = OverviewRefresher.WantedDates(new DateOnly(2026, 12, 31), 2023).ToList();
        Assert.Equal([new(2026, 12, 31), new(2027, 1, 1), new(2025, 12, 31), new(2024, 12, 31), new(2023, 12, 31)], dates);
    }

    [Fact]
    public void The_rollover_finds_the_new_today_held_already()
    {
        var before = OverviewRefresher.WantedDates(new DateOnly(2026, 12, 4), 2020).ToHashSet();
        var after = OverviewRefresher.WantedDates(new DateOnly(2026, 12, 5), 2020).ToList();
        Assert.Contains(after[0], before);
    }
}
