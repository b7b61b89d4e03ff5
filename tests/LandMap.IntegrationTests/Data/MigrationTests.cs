using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Data;

/// <summary>The schema, built by the migrations from an empty database.</summary>
public sealed class MigrationTests(LandMapServer server)
{
    private static readonly string[] Tables = ["parks", "parcels", "projects", "roads", "rivers", "reservoirs"];

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
}
