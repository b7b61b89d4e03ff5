using LandMap.Api.Domain;
using LandMap.Api.Items;
using LandMap.Api.Problems;

namespace LandMap.Tests.Items;

/// <summary>OGC API <c>datetime</c> as zone days (UTC+8), and the catalog's temporal properties.</summary>
public sealed class DateTimeFilterTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2014-06-30", "2014-06-30", "2014-06-30")]
    [InlineData("2014-06-29T16:00:00Z", "2014-06-30", "2014-06-30")]        // midnight in the zone
    [InlineData("2014-06-30T15:59:59.999Z", "2014-06-30", "2014-06-30")]    // the zone day's last moment
    [InlineData("2014-06-30t08:00:00+08:00", "2014-06-30", "2014-06-30")]   // RFC 3339 allows lower case
    [InlineData("2014-01-01/2014-12-31", "2014-01-01", "2014-12-31")]
    [InlineData("../2014-12-31", null, "2014-12-31")]
    [InlineData("/2014-12-31", null, "2014-12-31")]
    [InlineData("2014-01-01/..", "2014-01-01", null)]
    [InlineData("2014-01-01/", "2014-01-01", null)]
    [InlineData("9999-12-31T23:00:00Z/..", "9999-12-31", null)]              // no zone date: after every day
    public void Instants_and_intervals_are_the_zone_days_they_intersect(string value, string? first, string? last)
    {
        var filter = DateTimeFilter.Parse(value)!;
        Assert.Equal(first is null ? null : D(first), filter.First);
        Assert.Equal(last is null ? null : D(last), filter.Last);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2014-06-30T08:00:00")]
    [InlineData("2014-06-31")]
    [InlineData("2014/06/30")]
    [InlineData("../..")]
    [InlineData("2014-12-31/2014-01-01")]
    public void Anything_else_is_a_problem_naming_datetime(string value) =>
        Assert.Equal("datetime", Assert.Throws<InvalidParameterException>(() => DateTimeFilter.Parse(value)).Parameter);

    [Fact]
    public void Every_temporal_property_is_a_date_of_its_collection()
    {
        var temporal = CollectionCatalog.All.Select(c => (c, p: TemporalProperties.Of(c))).Where(x => x.p is not null).ToList();
        Assert.Equal(["parcels", "plan_zones", "reservoirs", "rivers", "roads"], temporal.Select(x => x.c.Id).Order().ToArray());
        Assert.All(temporal, x => Assert.Equal(PropertyType.Date, x.p!.Type));
    }
}
