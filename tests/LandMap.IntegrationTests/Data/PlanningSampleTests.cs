using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Data;

/// <summary>
/// The sample's planning layer (issue 16) as loaded into PostGIS: a plan in force over every park whose
/// zones hold every parcel, 星海's two editions, a red line per road and a blue line per river, green
/// and yellow lines, the three kinds of protected area, and exactly the conflicts the generator made on
/// purpose: one parcel built over its zone's plot ratio cap (the zone under the airport approach, height
/// 24 m), one whose approved use the 2016 revision of 星海 re-zoned, one a junction widening of a red
/// line encroaches; nothing on protected land, no density or green ratio conflict.
/// </summary>
public sealed class PlanningSampleTests(LandMapServer server)
{
    private Task<T> Scalar<T>(string sql) => server.DataSource.ScalarAsync<T>(sql);

    /// <summary>Each parcel with the zone in force on <c>d</c> that holds a point of its surface.</summary>
    private static string ParcelZones(string d) => $"""
        parcels as p join plan_zones as z on st_contains(z.geom, st_pointonsurface(p.geom))
            and plan_in_force(z.approved_on, z.repealed_on, date '{d}')
        """;

    [Fact]
    public async Task Every_park_has_a_plan_in_force_and_Xinghai_two_editions_that_meet_on_the_revision_day()
    {
        Assert.Equal(0L, await Scalar<long>("""
            select count(*) from parks as k where not exists (select from plan_zones as z
                where z.repealed_on is null and st_intersects(z.geom, k.geom))
            """));
        Assert.Equal(2L, await Scalar<long>("select count(distinct edition) from plan_zones where plan_name like '%星海园区%'"));
        // The older edition ends the day the newer starts: no day with none, no day with both.
        Assert.Equal(1L, await Scalar<long>("""
            select count(*) from (select distinct o.repealed_on from plan_zones as o join plan_zones as n
                on o.plan_name like '%星海园区%' and n.plan_name like '%星海园区%' and o.repealed_on = n.approved_on) as s
            """));
        Assert.Equal(0L, await Scalar<long>("select count(*) from plan_zones where land_use_edition <> 'GB 50137-2011'"));
    }

    [Fact]
    public async Task The_zones_in_force_hold_every_parcel_and_do_not_overlap()
    {
        foreach (var d in new[] { "2016-09-29", "2016-09-30", "2026-01-01" })
        {
            // Every parcel lies in the zones in force (every park's plan is older than these days); 1 m² for rounding.
            Assert.Equal(0L, await Scalar<long>($"""
                select count(*) from parcels as p
                where st_area(p.geom::geography) - coalesce((select sum(st_area(st_intersection(z.geom, p.geom)::geography))
                    from plan_zones as z where plan_in_force(z.approved_on, z.repealed_on, date '{d}') and st_intersects(z.geom, p.geom)), 0) > 1
                """));
            Assert.Equal(0L, await Scalar<long>($"""
                select count(*) from plan_zones as a join plan_zones as b on a.id < b.id and st_intersects(a.geom, b.geom)
                where plan_in_force(a.approved_on, a.repealed_on, date '{d}') and plan_in_force(b.approved_on, b.repealed_on, date '{d}')
                  and st_area(st_intersection(a.geom, b.geom)::geography) > 1
                """));
        }
    }

    [Fact]
    public async Task Every_road_has_its_red_line_every_river_its_blue_line_and_each_kind_of_line_and_area_exists()
    {
        Assert.Equal(await Scalar<long>("select count(*) from roads"),
            await Scalar<long>("select count(*) from control_lines as l join roads as r on r.code = l.source_code where l.kind = 'red'"));
        Assert.Equal(await Scalar<long>("select count(*) from rivers"),
            await Scalar<long>("select count(*) from control_lines as l join rivers as r on r.code = l.source_code where l.kind = 'blue'"));
        Assert.Equal(4L, await Scalar<long>("select count(distinct kind) from control_lines"));
        Assert.Equal(3L, await Scalar<long>("select count(distinct kind) from protected_areas"));
        // A red line is along its road: the road's centre line lies inside it.
        Assert.Equal(0L, await Scalar<long>("""
            select count(*) from control_lines as l join roads as r on r.code = l.source_code
            where l.kind = 'red' and st_length(st_difference(r.geom, st_buffer(l.geom, 0.00001))::geography) > 1
            """));
        // Basic farmland lies outside every park.
        Assert.Equal(0L, await Scalar<long>("""
            select count(*) from protected_areas as a join parks as k on st_intersects(a.geom, k.geom) where a.kind = 'basic_farmland'
            """));
    }

    [Fact]
    public async Task One_parcel_is_over_its_zones_plot_ratio_cap_the_one_under_the_airport_approach()
    {
        var over = await server.DataSource.IdsAsync($"select p.id from {ParcelZones("2026-01-01")} where p.plot_ratio > z.plot_ratio_max");
        Assert.Single(over);
        Assert.Equal(24m, await Scalar<decimal>($"select z.height_max_m from {ParcelZones("2026-01-01")} where p.id = {over[0]}"));
        // Under the minimum only where the parcel is under its own contract's minimum too (low-efficiency land).
        Assert.Equal(0L, await Scalar<long>($"""
            select count(*) from {ParcelZones("2026-01-01")}
            where p.plot_ratio < z.plot_ratio_min and not (p.plot_ratio < p.plot_ratio_min)
            """));
        Assert.Equal(0L, await Scalar<long>($"""
            select count(*) from {ParcelZones("2026-01-01")}
            where p.building_density > z.building_density_max or p.green_ratio < z.green_ratio_min
            """));
    }

    [Fact]
    public async Task One_approved_use_conflicts_with_the_plan_since_Xinghai_was_revised_and_with_no_edition_before()
    {
        const string Mismatch = """
            join land_use_codes as a on a.standard = p.land_use_approved_edition and a.code = p.land_use_approved
            join land_use_codes as c on c.standard = z.land_use_edition and c.code = z.land_use
            where not plan_use_allows(c.plan_class, a.plan_class)
            """;
        var now = await server.DataSource.IdsAsync($"select p.id from {ParcelZones("2026-01-01")} {Mismatch}");
        Assert.Single(now);
        Assert.Equal("P-XH", await Scalar<string>($"select park_code from parcels where id = {now[0]}"));
        Assert.Equal(now, await server.DataSource.IdsAsync($"select p.id from {ParcelZones("2016-09-30")} {Mismatch}"));
        Assert.Empty(await server.DataSource.IdsAsync($"select p.id from {ParcelZones("2016-09-29")} {Mismatch}"));
    }

    [Fact]
    public async Task One_parcel_takes_part_of_a_widened_red_line_and_none_protected_land()
    {
        var taken = await server.DataSource.IdsAsync("""
            select distinct p.id from parcels as p join control_lines as l on st_intersects(p.geom, l.geom)
            where st_area(st_intersection(p.geom, l.geom)::geography) > 1
            """);
        Assert.Single(taken);
        var area = await Scalar<double>($"""
            select sum(st_area(st_intersection(p.geom, l.geom)::geography)) from parcels as p join control_lines as l
                on st_intersects(p.geom, l.geom) where p.id = {taken[0]} and l.kind = 'red' and l.name like '%渠化拓宽%'
            """);
        Assert.InRange(area, 100, 5000);
        Assert.Equal(0L, await Scalar<long>("""
            select count(*) from parcels as p join protected_areas as a on st_intersects(p.geom, a.geom)
            where st_area(st_intersection(p.geom, a.geom)::geography) > 0.01
            """));
    }
}
