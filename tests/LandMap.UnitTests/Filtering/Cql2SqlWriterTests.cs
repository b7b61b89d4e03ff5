using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Filtering;
using LandMap.Api.Geo;
using Npgsql;
using static LandMap.Tests.Filtering.Ast;

namespace LandMap.Tests.Filtering;

/// <summary>The SQL a filter becomes, without a database: values as parameters, names from the catalog, kinds checked.</summary>
public sealed class Cql2SqlWriterTests
{
    private static (string Sql, NpgsqlParameterCollection Parameters) Sql(string filter, string? lang = null, CrsInfo? crs = null, CollectionDef? collection = null)
    {
        var p = new SqlParameters(new NpgsqlCommand());
        var sql = Cql2Filter.ToSql(filter, lang, collection ?? CollectionCatalog.Parcels, p, crs);
        return (sql, p.Command.Parameters);
    }

    [Fact]
    public void A_comparison_is_the_catalog_column_and_a_parameter()
    {
        var (sql, parameters) = Sql("code = 'WZKF-BH-0001'");
        Assert.Equal("code = $1", sql);
        Assert.Equal("WZKF-BH-0001", Assert.Single(parameters).Value);
    }

    [Fact]
    public void A_hostile_string_is_only_a_parameter_value()
    {
        var (sql, parameters) = Sql("code = 'x''; drop table parcels; --'");
        Assert.Equal("code = $1", sql);
        Assert.Equal("x'; drop table parcels; --", Assert.Single(parameters).Value);
    }

    [Theory]
    [InlineData("\"code = code; drop table parcels; --\" = 'x'", "unknown property 'code = code; drop table parcels; --'")]
    [InlineData("nope = 1", "unknown property 'nope'", "collection 'parcels'", "code, name,", "geometry")]
    [InlineData("opened_on = DATE('2014-01-01')", "unknown property 'opened_on'")]
    [InlineData("Code = 'x'", "unknown property 'Code'")]
    [InlineData("geom IS NULL", "unknown property 'geom'")]
    [InlineData("id = 1", "unknown property 'id'")]
    public void Only_queryables_reach_sql(string filter, params string[] fragments) => FilterError(() => Sql(filter), fragments);

    [Theory]
    [InlineData("plot_ratio = '2'", "'=' compares property 'plot_ratio' (a number) with '2' (text)", "write the number 2 without quotes")]
    [InlineData("supplied_on > '2014-01-01'", "property 'supplied_on' (a date) with '2014-01-01' (text)", "write DATE('2014-01-01')")]
    [InlineData("updated_at < DATE('2020-01-01')", "(a timestamp) with DATE('2020-01-01') (a date)")]
    [InlineData("code = 5", "property 'code' (text) with 5 (a number)")]
    [InlineData("code = TRUE", "(text) with TRUE (a boolean)")]
    [InlineData("plot_ratio BETWEEN 1 AND '2'", "BETWEEN compares property 'plot_ratio' (a number) with '2' (text)")]
    [InlineData("code LIKE 5", "the pattern of LIKE must be text; 5 is a number")]
    [InlineData("plot_ratio LIKE '1%'", "the value before LIKE must be text; property 'plot_ratio' is a number")]
    [InlineData("CASEI(plot_ratio) = 'x'", "the argument of CASEI must be text")]
    [InlineData("status IN ('idle', 1)", "IN compares property 'status' (text) with 1 (a number)")]
    [InlineData("foo(1) = 2", "unknown function 'foo'", "/ogc/functions")]
    [InlineData("S_FOO(geometry, POINT(1 2))", "unknown function 'S_FOO'")]
    [InlineData("geometry = POINT(1 2)", "geometries are compared with S_EQUALS")]
    [InlineData("geometry IN (POINT(1 2))", "IN needs text, numbers, booleans, dates or timestamps")]
    [InlineData("S_INTERSECTS(code, POINT(1 2))", "the first argument of S_INTERSECTS must be a geometry; property 'code' is text")]
    [InlineData("S_DWITHIN(geometry, 'x', 5, meters)", "the second argument of S_DWITHIN must be a geometry")]
    [InlineData("T_DURING(code, INTERVAL('2014-01-01', '2014-12-31'))", "T_DURING needs dates, timestamps or intervals; property 'code' is text")]
    [InlineData("T_DURING(updated_at, INTERVAL('2014-01-01', '2014-12-31'))", "T_DURING is defined between two intervals", "property 'updated_at' is an instant")]
    [InlineData("T_INTERSECTS(supplied_on, INTERVAL('2014-12-31', '2014-01-01'))", "INTERVAL starts after it ends")]
    [InlineData("supplied_on = INTERVAL('2014-01-01', '..')", "an INTERVAL can only be an argument of a T_ predicate")]
    [InlineData("ACCENTI(area_m2) = 'x'", "the argument of ACCENTI must be text")]
    [InlineData("code LIKE 'WZKF\\\\'", "ends with an escape character")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", "geometry literal is not valid", "Self-intersection")]
    public void Kinds_are_checked_not_cast(string filter, params string[] fragments) => FilterError(() => Sql(filter), fragments);

    [Fact]
    public void In_is_one_typed_array_parameter()
    {
        var (sql, parameters) = Sql("status IN ('idle', 'in_use') AND plot_ratio NOT IN (1, 2.5) AND supplied_on IN (DATE('2014-01-01'))");
        Assert.Equal("(status = any($1) and (not plot_ratio = any($2)) and supplied_on = any($3))", sql);
        Assert.Equal(new[] { "idle", "in_use" }, parameters[0].Value);
        Assert.Equal(new[] { 1.0, 2.5 }, parameters[1].Value);
        Assert.Equal(new[] { new DateOnly(2014, 1, 1) }, parameters[2].Value);
    }

    [Theory]
    [InlineData("S_INTERSECTS(geometry, POINT(1 2))", "st_intersects(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_INTERSECTS(POINT(1 2), geometry)", "st_intersects(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_WITHIN(POINT(1 2), geometry)", "st_contains(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_CONTAINS(POINT(1 2), geometry)", "st_within(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_DISJOINT(geometry, POINT(1 2))", "not st_intersects(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_TOUCHES(geometry, POINT(1 2))", "st_touches(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_OVERLAPS(geometry, POINT(1 2))", "st_overlaps(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_CROSSES(geometry, POINT(1 2))", "st_crosses(geom, st_geomfromtext($1, 4490))")]
    [InlineData("S_EQUALS(geometry, POINT(1 2))", "st_equals(geom, st_geomfromtext($1, 4490))")]
    public void Spatial_predicates_put_the_column_first(string filter, string sql) => Assert.Equal(sql, Sql(filter).Sql);

    [Fact]
    public void Geometry_literals_travel_as_wkt_text()
    {
        var (_, parameters) = Sql("S_INTERSECTS(geometry, BBOX(120.8, 27.83, 120.84, 27.87))");
        Assert.Equal("POLYGON ((120.8 27.83, 120.84 27.83, 120.84 27.87, 120.8 27.87, 120.8 27.83))", Assert.Single(parameters).Value);
    }

    [Theory]
    [InlineData(null, "st_intersects(geom, st_geomfromtext($1, 4490))")]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "st_intersects(geom, st_geomfromtext($1, 4490))")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326", "st_intersects(geom, st_flipcoordinates(st_geomfromtext($1, 4490)))")]
    [InlineData("EPSG:4490", "st_intersects(geom, st_flipcoordinates(st_geomfromtext($1, 4490)))")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3857", "st_intersects(geom, st_transform(st_geomfromtext($1, $2), 4490))")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4549", "st_intersects(geom, st_transform(st_flipcoordinates(st_geomfromtext($1, $2)), 4490))")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4528", "st_intersects(geom, st_transform(st_flipcoordinates(st_geomfromtext($1, $2)), 4490))")]
    public void Filter_crs_decides_flip_and_transform(string? crs, string sql)
    {
        // A point inside every CRS's domain: zone 40's eastings carry the 40 500 000 prefix (northing first).
        var point = crs?.EndsWith("4528", StringComparison.Ordinal) == true ? "POINT(3000000 40500000)" : "POINT(1 2)";
        var (actual, parameters) = Sql($"S_INTERSECTS(geometry, {point})", crs: CrsRegistry.Parse(crs, "filter-crs"));
        Assert.Equal(sql, actual);
        if (parameters.Count == 2) Assert.Equal(CrsRegistry.Parse(crs, "filter-crs").Srid, parameters[1].Value);
    }

    [Theory]
    [InlineData("T_BEFORE(supplied_on, DATE('2014-01-01'))", "(supplied_on < $1)")]
    [InlineData("T_AFTER(supplied_on, INTERVAL('2014-01-01', '2014-12-31'))", "(supplied_on > $2)")]
    [InlineData("T_DURING(INTERVAL(supplied_on, supplied_on), INTERVAL('2014-01-01', '2014-12-31'))", "(supplied_on > $1 and supplied_on < $2)")]
    [InlineData("T_INTERSECTS(supplied_on, INTERVAL('2014-01-01', '2014-12-31'))", "(supplied_on <= $2 and supplied_on >= $1)")]
    [InlineData("T_EQUALS(supplied_on, DATE('2014-01-01'))", "(supplied_on = $1)")]
    [InlineData("T_DURING(INTERVAL(supplied_on, supplied_on), INTERVAL('..', '2014-12-31'))", "(supplied_on is not null and supplied_on < $1)")]
    [InlineData("T_AFTER(supplied_on, INTERVAL('2014-01-01', '..'))", "false")]
    [InlineData("T_INTERSECTS(supplied_on, INTERVAL('..', '..'))", "(supplied_on is not null)")]
    [InlineData("T_BEFORE(agreed_start_on, actual_start_on)", "(agreed_start_on < actual_start_on)")]
    public void Temporal_predicates_follow_their_cql2_definitions(string filter, string sql) => Assert.Equal(sql, Sql(filter).Sql);

    [Theory]
    [InlineData("status = 'idle' AND NOT (code LIKE 'WZKF-BH-%' OR project_code IS NULL) AND plot_ratio BETWEEN 1 AND 2")]
    [InlineData("CASEI(name) = CASEI('Abc') AND T_INTERSECTS(supplied_on, INTERVAL('2014-01-01', '2014-12-31'))")]
    [InlineData("S_DWITHIN(geometry, POINT(120.82 27.85), 1, km) AND updated_at > TIMESTAMP('2014-01-01T00:00:00Z')")]
    public void Sql_text_never_holds_a_quoted_value(string filter)
    {
        var (sql, parameters) = Sql(filter);
        Assert.DoesNotContain("'", sql);
        Assert.NotEmpty(parameters);
    }

    [Fact]
    public void Each_collection_has_its_own_queryables()
    {
        Assert.Equal("opened_on = $1", Sql("opened_on = DATE('2014-01-01')", collection: CollectionCatalog.Roads).Sql);
        FilterError(() => Sql("status = 'idle'", collection: CollectionCatalog.Roads), "unknown property 'status'", "collection 'roads'");
    }

    [Fact]
    public void Json_filters_write_the_same_sql() =>
        Assert.Equal(Sql("status IN ('idle') AND supplied_on >= DATE('2014-01-01')").Sql,
            Sql("""{"op": "and", "args": [{"op": "in", "args": [{"property": "status"}, ["idle"]]}, {"op": ">=", "args": [{"property": "supplied_on"}, {"date": "2014-01-01"}]}]}""", "cql2-json").Sql);
}
