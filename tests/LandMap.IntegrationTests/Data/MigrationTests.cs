using LandMap.Api.Domain;
using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Data;

/// <summary>The schema, built by the migrations from an empty database.</summary>
public sealed class MigrationTests(LandMapServer server)
{
    private static readonly string[] Tables = [.. CollectionCatalog.All.Select(c => c.Id)];

    private async Task<NpgsqlDataSource> MigratedEmptyDatabase(string name)
    {
        var cs = await server.CreateEmptyDatabaseAsync(name);
        await Migrator.MigrateAsync(cs, NullLogger.Instance, CancellationToken.None);
        var builder = new NpgsqlDataSourceBuilder(cs);
        builder.UseNetTopologySuite();
        return builder.Build();
    }

    private static Task<T> Scalar<T>(NpgsqlDataSource db, string sql) => db.ScalarAsync<T>(sql);

    [Fact]
    public async Task Every_collection_has_a_4490_geometry_with_a_gist_index()
    {
        await using var db = await MigratedEmptyDatabase("mig_tables");
        foreach (var table in Tables)
        {
            Assert.Equal(4490, await Scalar<int>(db, $"select srid from geometry_columns where f_table_name = '{table}'"));
            Assert.Equal(1L, await Scalar<long>(db,
                $"select count(*) from pg_indexes where tablename = '{table}' and indexdef ilike '%using gist (geom)%'"));
        }
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        await using var db = await MigratedEmptyDatabase("mig_twice");
        var applied = await Scalar<long>(db, "select count(*) from schemaversions");
        await Migrator.MigrateAsync(db.ConnectionString, NullLogger.Instance, CancellationToken.None);
        Assert.Equal(applied, await Scalar<long>(db, "select count(*) from schemaversions"));
        Assert.True(applied >= 2);
    }

    [Fact]
    public async Task Areas_are_computed_on_the_ellipsoid_and_cannot_be_typed_in()
    {
        await using var db = await MigratedEmptyDatabase("mig_area");
        await SeedOneParcel(db);
        // A 0.001 x 0.001 degree square at 27.85N: about 111.2 m x 98.3 m.
        var m2 = await Scalar<double>(db, "select area_m2 from parcels");
        var mu = await Scalar<double>(db, "select area_mu from parcels");
        var geography = await Scalar<double>(db, "select st_area(geom::geography) from parcels");
        Assert.Equal(geography, m2, 6);
        Assert.Equal(m2 * 15 / 10000, mu, 6);
        Assert.InRange(m2, 10_800, 11_100);
        await Assert.ThrowsAsync<PostgresException>(() => Scalar<int>(db, "update parcels set area_mu = 1 returning 1"));
    }

    [Fact]
    public async Task Updating_a_parcel_keeps_its_earlier_version_in_history()
    {
        await using var db = await MigratedEmptyDatabase("mig_history");
        await SeedOneParcel(db);
        await Scalar<int>(db, "update parcels set status = 'supplied_unused', updated_by = 'surveyor-1', source = 'upload:1' returning 1");
        Assert.Equal(2, await Scalar<int>(db, "select version from parcels"));
        Assert.Equal(1L, await Scalar<long>(db, "select count(*) from parcel_history"));
        Assert.Equal("approved_unsupplied", await Scalar<string>(db, "select attributes ->> 'status' from parcel_history"));
        Assert.Equal("test", await Scalar<string>(db, "select source from parcel_history"));
        Assert.Equal(1, await Scalar<int>(db, "select version from parcel_history"));

        await Scalar<int>(db, "delete from parcels returning 1");
        Assert.Equal(2L, await Scalar<long>(db, "select count(*) from parcel_history"));
        Assert.Equal("delete", await Scalar<string>(db, "select operation from parcel_history where version = 2"));
    }

    [Fact]
    public async Task A_delete_is_attributed_to_the_actor_its_transaction_names_and_the_next_transaction_is_not()
    {
        await using var db = await MigratedEmptyDatabase("mig_delete_actor");
        await SeedOneParcel(db);
        await Scalar<int>(db, """
            insert into parcels (code, park_code, land_use, status, geom, source, updated_by)
            select 'T-2', park_code, land_use, status, st_translate(geom, 0.002, 0), 'upload:7', 'surveyor-2' from parcels returning 1
            """);
        await using var conn = await db.OpenConnectionAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using var named = new NpgsqlCommand("""
                select set_config('landmap.actor', 'admin-1', true), set_config('landmap.source', 'edit', true);
                delete from parcels where code = 'T-1';
                """, conn, tx);
            await named.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        // The same session afterwards, as a pooled connection would be: the settings ended with their transaction.
        await using (var plain = new NpgsqlCommand("delete from parcels where code = 'T-2'", conn)) await plain.ExecuteNonQueryAsync();

        const string kept = "select string_agg(concat_ws('|', version, operation, changed_by, source), ',') from parcel_history where attributes ->> 'code' = ";
        Assert.Equal("1|delete|admin-1|edit", await Scalar<string>(db, kept + "'T-1'"));
        Assert.Equal("1|delete|surveyor-2|upload:7", await Scalar<string>(db, kept + "'T-2'"));
    }

    [Fact]
    public async Task Invalid_geometry_and_unknown_state_are_refused()
    {
        await using var db = await MigratedEmptyDatabase("mig_checks");
        await SeedOneParcel(db);
        await Assert.ThrowsAsync<PostgresException>(() => Scalar<int>(db,
            "update parcels set geom = st_geomfromtext('MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))', 4490) returning 1"));
        await Assert.ThrowsAsync<PostgresException>(() => Scalar<int>(db, "update parcels set status = 'sold' returning 1"));
        await Assert.ThrowsAsync<PostgresException>(() => Scalar<int>(db, "update parcels set land_use = '9999' returning 1"));
    }

    private static async Task SeedOneParcel(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            insert into parks (code, name_zh, name_en, kind, geom)
            values ('P-T', '测试园区', 'Test park', 'core', st_multi(st_makeenvelope(120.80, 27.84, 120.81, 27.85, 4490)));
            insert into parcels (code, park_code, land_use, status, geom, source)
            values ('T-1', 'P-T', '0601', 'approved_unsupplied', st_multi(st_makeenvelope(120.801, 27.845, 120.802, 27.846, 4490)), 'test');
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Migration_0035_keeps_what_a_clean_river_said_as_works_done_and_water_up_to_standard_and_gives_old_projects_a_kind()
    {
        // The schema as it stood before 0035, holding rivers recorded with the old states.
        var cs = await server.CreateEmptyDatabaseAsync("mig_0035");
        using (var before = PoolNames.Named(cs, "mig_0035"))
        {
            var upgrade = DbUp.DeployChanges.To.PostgresqlDatabase(new DbUp.Postgresql.PostgresqlConnectionManager(before))
                .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.Contains(Migrator.MigrationsResources)
                    && !name.Contains(Migrator.RepeatableResources) && string.CompareOrdinal(name[(name.IndexOf(Migrator.MigrationsResources, StringComparison.Ordinal) + Migrator.MigrationsResources.Length)..], "0035") < 0)
                .WithTransactionPerScript().Build().PerformUpgrade();
            Assert.True(upgrade.Successful, upgrade.Error?.Message);
            await using var insert = before.CreateCommand("""
                insert into rivers (code, name, rectification, rectified_on, geom) values
                    ('R1', '一浦', 'clean', '2014-10-15', st_multi(st_geomfromtext('LINESTRING(120.8 27.8, 120.81 27.8)', 4490))),
                    ('R2', '二浦', 'black_odorous', null, st_multi(st_geomfromtext('LINESTRING(120.8 27.81, 120.81 27.81)', 4490))),
                    ('R3', '三浦', 'rectifying', null, st_multi(st_geomfromtext('LINESTRING(120.8 27.82, 120.81 27.82)', 4490)));
                insert into parks (code, name_zh, name_en, kind, geom)
                    values ('P1', '一园', 'P1', 'radiating', st_multi(st_geomfromtext('POLYGON((120.8 27.8, 120.9 27.8, 120.9 27.9, 120.8 27.8))', 4490)));
                insert into projects (code, name_zh, park_code, stage, industry, geom) values
                    ('J1', '幼儿园', 'P1', 'in_operation', 'education', st_geomfromtext('POINT(120.85 27.82)', 4490)),
                    ('J2', '厂房', 'P1', 'in_operation', 'fasteners', st_geomfromtext('POINT(120.85 27.83)', 4490)),
                    ('J3', '未说明', 'P1', 'in_operation', null, st_geomfromtext('POINT(120.85 27.84)', 4490));
                """);
            await insert.ExecuteNonQueryAsync();
        }
        await Migrator.MigrateAsync(cs, NullLogger.Instance, CancellationToken.None);
        await using var db = NpgsqlDataSource.Create(cs);
        Assert.Equal("rectified|meets_standard|2014-10-15|2014-10-15",
            await Scalar<string>(db, "select concat_ws('|', rectification, water_quality, rectified_on, water_quality_on) from rivers where code = 'R1'"));
        Assert.Equal("black_odorous|below_standard", await Scalar<string>(db, "select concat_ws('|', rectification, water_quality) from rivers where code = 'R2'"));
        Assert.Equal("rectifying", await Scalar<string>(db, "select concat_ws('|', rectification, water_quality) from rivers where code = 'R3'"));
        Assert.Equal(0L, await Scalar<long>(db, "select count(*) from river_states where code = 'clean' or name_zh like '%达标%'"));
        // Projects stored before kinds: by their industry; none without one.
        Assert.Equal("J1:public_service,J2:industrial,J3:", await Scalar<string>(db,
            "select string_agg(code || ':' || coalesce(kind, ''), ',' order by code) from projects"));
        Assert.Equal("辐射带动区", await Scalar<string>(db, "select name_zh from park_kinds where code = 'radiating'"));
    }
}
