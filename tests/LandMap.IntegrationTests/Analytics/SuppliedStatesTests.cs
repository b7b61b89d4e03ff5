using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The reports count supplied land by lifecycle_states.supplied (0030), not by a list of states of
/// their own: the flag must say of every state parcel_state_at gives what its supply test says of
/// the parcel (a supply date or a sold/allocated event by the date, and not recovered by the government
/// since: 收回 land is the government's again), on the sample at several year ends.
/// </summary>
public sealed class SuppliedStatesTests(LandMapServer server)
{
    [Theory]
    [InlineData("2012-12-31")]
    [InlineData("2015-12-31")]
    [InlineData("2020-12-31")]
    public async Task A_state_is_flagged_supplied_exactly_when_its_parcels_land_is_supplied(string date)
    {
        var disagreeing = await server.DataSource.ScalarAsync<long>($"""
            select count(*) from parcels p
            cross join lateral parcel_state_at(p, date '{date}') s
            left join lifecycle_states ls on ls.state = s.state
            where coalesce(ls.supplied, false) <> ((coalesce(p.supplied_on <= date '{date}', false) or exists (
                select 1 from parcel_events e where e.parcel_id = p.id and e.kind in ('sold', 'allocated') and e.occurred_on <= date '{date}'))
                and s.state is distinct from 'recovered')
            """);
        Assert.Equal(0L, disagreeing);
        Assert.True(await server.DataSource.ScalarAsync<long>("select count(*) from lifecycle_states where supplied") >= 5);
    }
}
