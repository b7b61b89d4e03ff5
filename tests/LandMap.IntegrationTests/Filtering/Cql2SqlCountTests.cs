using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Filtering;
using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Filtering;

/// <summary>
/// Generated SQL against the real PostGIS and the loaded sample data (1049 parcels): each filter
/// selects exactly the parcels a hand-written query selects, and never zero of them, so an
/// equality is not two empty sets agreeing.
/// </summary>
public sealed class Cql2SqlCountTests(LandMapServer server)
{
    private const string Box = "POLYGON((120.80 27.83, 120.84 27.83, 120.84 27.87, 120.80 27.87, 120.80 27.83))";
    private const string HandBox = "st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4490)";

    private async Task<long> FilteredCount(string filter, string? lang = null, CrsInfo? crs = null)
    {
        await using var conn = await server.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = Cql2Filter.ToSql(filter, lang, CollectionCatalog.Parcels, new SqlParameters(cmd), crs);
        cmd.CommandText = $"select count(*) from parcels where {where}";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task AssertSameParcels(string filter, string handWhere, string? lang = null, CrsInfo? crs = null)
    {
        var expected = await Scalar<long>($"select count(*) from parcels where {handWhere}");
        Assert.True(expected > 0, $"hand-written query selects nothing: {handWhere}");
        Assert.Equal(expected, await FilteredCount(filter, lang, crs));
    }

    [Theory]
    [InlineData("status = 'idle'", "status = 'idle'")]
    [InlineData("status <> 'in_use'", "status <> 'in_use'")]
    [InlineData("status IN ('idle', 'supplied_unused')", "status in ('idle', 'supplied_unused')")]
    [InlineData("status NOT IN ('in_use', 'low_efficiency')", "status not in ('in_use', 'low_efficiency')")]
    [InlineData("code LIKE 'WZKF-BH-%'", "code like 'WZKF-BH-%'")]
    [InlineData("code LIKE 'WZKF-_H-000_'", "code like 'WZKF-_H-000_'")]
    [InlineData("code NOT LIKE 'WZKF-BH-%'", "code not like 'WZKF-BH-%'")]
    [InlineData("CASEI(code) LIKE CASEI('wzkf-jh-%')", "code like 'WZKF-JH-%'")]
    [InlineData("project_code IS NULL", "project_code is null")]
    [InlineData("project_code IS NOT NULL", "project_code is not null")]
    [InlineData("plot_ratio >= 2.5", "plot_ratio >= 2.5")]
    [InlineData("plot_ratio BETWEEN 1 AND 2", "plot_ratio between 1 and 2")]
    [InlineData("area_mu > 100", "area_mu > 100")]
    [InlineData("plot_ratio_max > plot_ratio_min", "plot_ratio_max > plot_ratio_min")]
    [InlineData("status = 'idle' AND (park_code = 'P-BH' OR park_code = 'P-JH')", "status = 'idle' and park_code in ('P-BH', 'P-JH')")]
    [InlineData("NOT (status = 'in_use' OR status = 'under_used') AND plot_ratio IS NOT NULL", "status not in ('in_use', 'under_used') and plot_ratio is not null")]
    [InlineData("supplied_on >= DATE('2014-01-01') AND supplied_on <= DATE('2014-12-31')", "supplied_on between '2014-01-01' and '2014-12-31'")]
    [InlineData("T_INTERSECTS(supplied_on, INTERVAL('2014-01-01', '2014-12-31'))", "supplied_on between '2014-01-01' and '2014-12-31'")]
    [InlineData("T_DURING(INTERVAL(supplied_on, supplied_on), INTERVAL('2014-01-02', '2014-11-20'))", "supplied_on > '2014-01-02' and supplied_on < '2014-11-20'")]
    [InlineData("T_DURING(INTERVAL(supplied_on, supplied_on), INTERVAL('2014-01-01', '..'))", "supplied_on > '2014-01-01'")]
    [InlineData("T_BEFORE(supplied_on, DATE('2010-01-01'))", "supplied_on < '2010-01-01'")]
    [InlineData("T_AFTER(supplied_on, INTERVAL('..', '2015-12-31'))", "supplied_on > '2015-12-31'")]
    [InlineData("T_EQUALS(supplied_on, DATE('2014-11-20'))", "supplied_on = '2014-11-20'")]
    [InlineData("T_BEFORE(agreed_start_on, actual_start_on)", "agreed_start_on < actual_start_on")]
    [InlineData("updated_at > TIMESTAMP('2000-01-01T08:00:00+08:00')", "updated_at > '2000-01-01T00:00:00Z'")]
    [InlineData("S_INTERSECTS(geometry, " + Box + ")", "st_intersects(geom, " + HandBox + ")")]
    [InlineData("S_INTERSECTS(geometry, BBOX(120.80, 27.83, 120.84, 27.87))", "st_intersects(geom, " + HandBox + ")")]
    [InlineData("S_WITHIN(geometry, " + Box + ")", "st_within(geom, " + HandBox + ")")]
    [InlineData("S_OVERLAPS(geometry, " + Box + ")", "st_overlaps(geom, " + HandBox + ")")]
    [InlineData("S_DISJOINT(geometry, " + Box + ")", "st_disjoint(geom, " + HandBox + ")")]
    [InlineData("NOT S_INTERSECTS(geometry, " + Box + ") AND status = 'idle'", "not st_intersects(geom, " + HandBox + ") and status = 'idle'")]
    [InlineData("S_DWITHIN(geometry, POINT(120.82 27.85), 1000, meters)", "st_dwithin(geom::geography, st_setsrid(st_point(120.82, 27.85), 4490)::geography, 1000)")]
    [InlineData("S_DWITHIN(geometry, LINESTRING(120.70 27.80, 120.90 27.95), 0.25, km)", "st_dwithin(geom::geography, st_geomfromtext('LINESTRING(120.70 27.80, 120.90 27.95)', 4490)::geography, 250)")]
    public async Task Filter_selects_what_hand_written_sql_selects(string filter, string handWhere) =>
        await AssertSameParcels(filter, handWhere);

    [Fact]
    public async Task Json_filter_selects_the_same_parcels() =>
        await AssertSameParcels(
            """{"op": "and", "args": [{"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [120.80, 27.83, 120.84, 27.87]}]}, {"op": "in", "args": [{"property": "status"}, ["in_use", "idle"]]}]}""",
            "st_intersects(geom, " + HandBox + ") and status in ('in_use', 'idle')", "cql2-json");

    [Fact]
    public async Task T_during_excludes_the_interval_ends_t_intersects_includes_them()
    {
        // CQL2 defines T_DURING as begin(a) > begin(b) and end(a) < end(b): strict at both ends. It is
        // defined between intervals only, so the date is written as the interval of one instant.
        var during = await FilteredCount("T_DURING(INTERVAL(supplied_on, supplied_on), INTERVAL('2014-01-02', '2014-11-20'))");
        var intersects = await FilteredCount("T_INTERSECTS(supplied_on, INTERVAL('2014-01-02', '2014-11-20'))");
        var onTheEnds = await Scalar<long>("select count(*) from parcels where supplied_on in ('2014-01-02', '2014-11-20')");
        Assert.True(onTheEnds > 0);
        Assert.Equal(intersects - onTheEnds, during);
    }

    [Fact]
    public async Task S_within_a_park_polygon_selects_that_parks_parcels()
    {
        var park = await Scalar<string>("select st_astext(geom) from parks where code = 'P-HC'");
        await AssertSameParcels($"S_WITHIN(geometry, {park})", "st_within(geom, (select geom from parks where code = 'P-HC'))");
        Assert.Equal(await Scalar<long>("select count(*) from parcels where park_code = 'P-HC'"), await FilteredCount($"S_WITHIN(geometry, {park})"));
    }

    [Fact]
    public async Task S_contains_and_s_equals_find_the_parcel_of_a_point_and_of_a_shape()
    {
        var point = await Scalar<string>("select st_astext(st_pointonsurface(geom)) from parcels where code = 'WZKF-JH-0001'");
        var shape = await Scalar<string>("select st_astext(geom) from parcels where code = 'WZKF-JH-0001'");
        Assert.Equal(1, await FilteredCount($"S_CONTAINS(geometry, {point}) AND code = 'WZKF-JH-0001'"));
        Assert.Equal(1, await FilteredCount($"S_CONTAINS(geometry, {point})"));
        Assert.Equal(1, await FilteredCount($"S_EQUALS(geometry, {shape})"));
    }

    [Theory]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326", "st_flipcoordinates(b)")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4490", "st_flipcoordinates(b)")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3857", "st_transform(b, 3857)")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4549", "st_flipcoordinates(st_transform(b, 4549))")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4528", "st_flipcoordinates(st_transform(b, 4528))")]
    public async Task A_literal_in_another_crs_selects_the_same_parcels(string crsUri, string literalInCrs)
    {
        // The box written the way a client of that CRS writes it (its axis order), made by PostGIS.
        var wkt = await Scalar<string>($"select st_astext({literalInCrs}) from (select {HandBox} as b) as s");
        var inCrs = await FilteredCount($"S_INTERSECTS(geometry, {wkt})", crs: CrsRegistry.Parse(crsUri, "filter-crs"));
        var inCrs84 = await FilteredCount($"S_INTERSECTS(geometry, {Box})");
        Assert.True(inCrs84 > 0);
        Assert.Equal(inCrs84, inCrs);
    }

    [Theory]
    [InlineData("code = 'x''; drop table parcels; --'", null)]
    [InlineData("code = ''' or ''1'' = ''1'", null)]
    [InlineData("""{"op": "=", "args": [{"property": "code"}, "x'; drop table parcels; --"]}""", "cql2-json")]
    [InlineData("code LIKE '%''; delete from parcels; --'", null)]
    public async Task A_hostile_string_is_a_parameter_and_the_table_is_unchanged(string filter, string? lang)
    {
        var before = await Scalar<long>("select count(*) from parcels");
        Assert.Equal(0, await FilteredCount(filter, lang));
        Assert.Equal(before, await Scalar<long>("select count(*) from parcels"));
        Assert.Equal(1049, before);
    }

    [Theory]
    [InlineData("S_INTERSECTS(geometry, " + Box + ")")]
    [InlineData("S_WITHIN(geometry, BBOX(120.80, 27.83, 120.84, 27.87))")]
    [InlineData("S_DWITHIN(geometry, POINT(120.82 27.85), 1000, meters)")]
    [InlineData("S_INTERSECTS(geometry, POINT(4000000 500000))", "http://www.opengis.net/def/crs/EPSG/0/4549")]
    public async Task Spatial_filters_can_use_the_gist_index(string filter, string? crs = null)
    {
        await using var conn = await server.DataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", conn)) await off.ExecuteNonQueryAsync();
        try
        {
            await using var cmd = new NpgsqlCommand { Connection = conn };
            var where = Cql2Filter.ToSql(filter, null, CollectionCatalog.Parcels, new SqlParameters(cmd), CrsRegistry.Parse(crs, "filter-crs"));
            cmd.CommandText = $"explain select id from parcels where {where}";
            var plan = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            Assert.Contains(plan, line => line.Contains("parcels_geom_idx"));
        }
        finally
        {
            await using var on = new NpgsqlCommand("reset enable_seqscan", conn);
            await on.ExecuteNonQueryAsync();
        }
    }
}
