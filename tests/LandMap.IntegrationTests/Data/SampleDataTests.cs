using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Data;

/// <summary>The loader and the sample data it loads.</summary>
public sealed class SampleDataTests(LandMapServer server)
{
    private static readonly string GisData = Path.Combine(LandMapServer.RepositoryRoot, "gis-data");

    private Task<T> Scalar<T>(string sql) => server.DataSource.ScalarAsync<T>(sql);

    [Fact]
    public async Task Loader_loads_every_file_once_and_a_second_load_adds_nothing()
    {
        var cs = await server.CreateEmptyDatabaseAsync("loader_twice");
        await Migrator.MigrateAsync(cs, NullLogger.Instance, CancellationToken.None);
        var builder = new NpgsqlDataSourceBuilder(cs);
        builder.UseNetTopologySuite();
        await using var db = builder.Build();
        var loader = new SampleDataLoader(db, NullLogger<SampleDataLoader>.Instance);

        var first = await loader.LoadAsync(GisData, CancellationToken.None);
        var second = await loader.LoadAsync(GisData, CancellationToken.None);

        var inFiles = Directory.GetFiles(GisData, "*.geojson")
            .Sum(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("features").GetArrayLength());
        Assert.Equal(inFiles, first);
        Assert.Equal(0, second);
        // Every collection's table, as the catalog lists them: a new collection's file counts too.
        await using var cmd = db.CreateCommand("select " + string.Join(" + ", CollectionCatalog.All.Select(c => $"(select count(*) from {c.Table})")));
        Assert.Equal((long)inFiles, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_zone_has_its_parks_parcels_projects_and_infrastructure()
    {
        Assert.Equal(8L, await Scalar<long>("select count(*) from parks"));
        Assert.True(await Scalar<long>("select count(*) from parcels") >= 300);
        Assert.True(await Scalar<long>("select count(*) from projects") >= 25);
        // Every state occurs, suspected idle and recovered (the procedure) included.
        Assert.Equal(10L, await Scalar<long>("select count(distinct status) from parcels"));
        Assert.Equal(5L, await Scalar<long>("select count(*) from reservoirs where kind = 'plain_reservoir'"));
        foreach (var name in new[] { "中电温州产业园", "正泰民用智能电器", "明泰标准件", "中韩医乐园", "滨海高级中学", "金海大厦" })
            Assert.Equal(1L, await Scalar<long>($"select count(*) from projects where name_zh = '{name}'"));
        foreach (var road in new[] { "环山东路", "罗东南街", "沙城中心街", "海川路", "三甲街", "金海大道" })
            Assert.True(await Scalar<long>($"select count(*) from roads where name = '{road}'") >= 1, road);
        foreach (var river in new[] { "星海新川浦", "纬四浦" })
            Assert.Equal(("rectified", "meets_standard"), (await Scalar<string>($"select rectification from rivers where name = '{river}'"), await Scalar<string>($"select water_quality from rivers where name = '{river}'")));
    }

    [Fact]
    public async Task Parcels_are_valid_inside_their_park_and_do_not_overlap()
    {
        Assert.Equal(0L, await Scalar<long>("select count(*) from parcels where not st_isvalid(geom)"));
        Assert.Equal(0L, await Scalar<long>("""
            select count(*) from parcels a join parcels b on a.id < b.id and st_intersects(a.geom, b.geom)
            where st_area(st_intersection(a.geom, b.geom)::geography) > 1
            """));
        Assert.Equal(0L, await Scalar<long>("""
            select count(*) from parcels p join parks k on k.code = p.park_code
            where st_area(st_difference(p.geom, k.geom)::geography) > 1
            """));
    }
}
