using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Data;

/// <summary>
/// The parcels' references (park, project, lifecycle state, supply method, start evidence, the three
/// land-use codes), checked once per statement (Repeatable/parcel_references.sql) instead of by
/// per-row foreign keys: the same refusals, SQLSTATE 23503 with the former constraint's name, the
/// same locking against a concurrent delete of the referenced row.
/// </summary>
public sealed class ParcelReferenceTests(LandMapServer server) : IAsyncLifetime
{
    private NpgsqlDataSource db = null!;

    public async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync("parcel_refs");
        await Migrator.MigrateAsync(cs, NullLogger.Instance, CancellationToken.None);
        var builder = new NpgsqlDataSourceBuilder(cs);
        builder.ConnectionStringBuilder.IncludeErrorDetail = true; // the key a refusal names is asserted
        builder.UseNetTopologySuite();
        db = builder.Build();
        await Execute("""
            insert into parks (code, name_zh, name_en, kind, geom)
            values ('P-R', '引用园区', 'Reference park', 'core', st_multi(st_makeenvelope(120.80, 27.84, 120.81, 27.85, 4490))),
                   ('P-EMPTY', '空园区', 'Empty park', 'core', st_multi(st_makeenvelope(120.82, 27.84, 120.83, 27.85, 4490)));
            insert into projects (code, name_zh, park_code, stage, geom) values ('PRJ-R', '引用项目', 'P-R', 'signed', st_geomfromtext('POINT(120.805 27.845)', 4490));
            """);
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    private int next;

    private async Task Execute(string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<PostgresException> Refused(string sql)
    {
        var before = await db.ScalarAsync<long>("select count(*) from parcels");
        var e = await Assert.ThrowsAsync<PostgresException>(() => Execute(sql));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState);
        Assert.Equal(before, await db.ScalarAsync<long>("select count(*) from parcels"));
        return e;
    }

    public static TheoryData<string, string, string, string> MissingKeys => new()
    {
        { "park_code", "'P-NONE'", "parcels_park_code_fkey", "Key (park_code)=(P-NONE) is not present in table \"parks\"." },
        { "project_code", "'PRJ-NONE'", "parcels_project_code_fkey", "Key (project_code)=(PRJ-NONE) is not present in table \"projects\"." },
        { "status", "'sold'", "parcels_status_fk", "Key (status)=(sold) is not present in table \"lifecycle_states\"." },
        { "supply_method", "'lottery'", "parcels_supply_method_fk", "Key (supply_method)=(lottery) is not present in table \"supply_methods\"." },
        { "start_evidence", "'rumour'", "parcels_start_evidence_fk", "Key (start_evidence)=(rumour) is not present in table \"start_evidence_kinds\"." },
        { "land_use_edition, land_use", "'GB/T 21010-2017', '9999'", "parcels_land_use_fk",
          "Key (land_use_edition, land_use)=(GB/T 21010-2017, 9999) is not present in table \"land_use_codes\"." },
        { "land_use_planned_edition, land_use_planned", "'GB/T 21010-2017', '9998'", "parcels_land_use_planned_fk",
          "Key (land_use_planned_edition, land_use_planned)=(GB/T 21010-2017, 9998) is not present in table \"land_use_codes\"." },
        { "land_use_approved_edition, land_use_approved", "'GB/T 21010-2017', '9997'", "parcels_land_use_approved_fk",
          "Key (land_use_approved_edition, land_use_approved)=(GB/T 21010-2017, 9997) is not present in table \"land_use_codes\"." },
    };

    [Theory]
    [MemberData(nameof(MissingKeys))]
    public async Task An_insert_naming_a_missing_key_is_refused_with_the_constraint_and_the_key(string columns, string values, string constraint, string detail)
    {
        var e = await Refused(WithColumns(columns, values));
        Assert.Equal(constraint, e.ConstraintName);
        Assert.Equal("parcels", e.TableName);
        Assert.Equal(detail, e.Detail);
        Assert.Contains(constraint, e.MessageText, StringComparison.Ordinal);
    }

    /// <summary>One parcel, in a square of its own, whose <paramref name="columns"/> take <paramref name="values"/> (the defaults of the
    /// others, park P-R, land use 0601 of the current edition, status approved_unsupplied).</summary>
    private string WithColumns(string columns, string values)
    {
        var defaults = new Dictionary<string, string>
        {
            ["park_code"] = "'P-R'", ["land_use"] = "'0601'", ["status"] = "'approved_unsupplied'",
        };
        // No value holds ", ": the lists split alike.
        var given = columns.Split(", ").Zip(values.Split(", ")).ToDictionary(p => p.First, p => p.Second);
        foreach (var (k, v) in given) defaults[k] = v;
        var i = Interlocked.Increment(ref next);
        var x = 120.8 + (i % 90) * 0.0001;
        var y = 27.84 + (i / 90) * 0.0001;
        return $"""
            insert into parcels (code, source, geom, {string.Join(", ", defaults.Keys)})
            values ('R-{i}', 'test', st_multi(st_makeenvelope({x}, {y}, {x + 0.00005}, {y + 0.00005}, 4490)), {string.Join(", ", defaults.Values)})
            """;
    }

    [Fact]
    public async Task Null_keys_and_existing_keys_pass_and_one_bad_row_refuses_the_whole_statement()
    {
        await Execute(WithColumns("project_code, supply_method", "'PRJ-R', null"));
        await Execute(WithColumns("land_use_planned_edition, land_use_planned", "null, null"));
        const string fifty = """
            insert into parcels (code, source, park_code, land_use, status, geom)
            select 'M-' || g, 'test', 'P-R', '0601', case when g = 50 then '{0}' else 'supplied_unused' end,
                   st_multi(st_makeenvelope(120.9 + g * 0.0001, 27.9, 120.90005 + g * 0.0001, 27.90005, 4490))
            from generate_series(1, 50) as g
            """;
        var e = await Refused(string.Format(fifty, "sold"));
        Assert.Equal("parcels_status_fk", e.ConstraintName);
        Assert.Equal("Key (status)=(sold) is not present in table \"lifecycle_states\".", e.Detail);
        await Execute(string.Format(fifty, "idle"));
        Assert.Equal(50L, await db.ScalarAsync<long>("select count(*) from parcels where code like 'M-%'"));
    }

    [Fact]
    public async Task An_update_to_a_missing_key_is_refused_and_an_update_of_other_columns_is_not_checked_again()
    {
        await Execute(WithColumns("status", "'approved_unsupplied'"));
        var e = await Refused("update parcels set park_code = 'P-NONE'");
        Assert.Equal("parcels_park_code_fkey", e.ConstraintName);
        var e2 = await Refused("update parcels set land_use = '9999'");
        Assert.Equal("parcels_land_use_fk", e2.ConstraintName);
        await Execute("update parcels set name = 'renamed'");
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from parcels where name is distinct from 'renamed'"));
    }

    [Fact]
    public async Task Deleting_rekeying_or_truncating_a_referenced_row_is_refused_and_an_unreferenced_one_goes()
    {
        await Execute(WithColumns("supply_method", $"'{await db.ScalarAsync<string>("select code from supply_methods order by code limit 1")}'"));
        var e = await Assert.ThrowsAsync<PostgresException>(() => Execute("delete from parks where code = 'P-R'"));
        // projects refer to P-R by a foreign key of their own; without them parcels still hold it.
        await Execute("delete from projects where park_code = 'P-R'");
        e = await Assert.ThrowsAsync<PostgresException>(() => Execute("delete from parks where code = 'P-R'"));
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "parcels_park_code_fkey"), (e.SqlState, e.ConstraintName));
        Assert.Equal("Key (code)=(P-R) is still referenced from table \"parcels\".", e.Detail);
        e = await Assert.ThrowsAsync<PostgresException>(() => Execute("update lifecycle_states set state = 'approved_unsupplied_x' where state = 'approved_unsupplied'"));
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "parcels_status_fk"), (e.SqlState, e.ConstraintName));
        e = await Assert.ThrowsAsync<PostgresException>(() => Execute("truncate supply_methods cascade"));
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "parcels_supply_method_fk"), (e.SqlState, e.ConstraintName));
        e = await Assert.ThrowsAsync<PostgresException>(() => Execute("delete from land_use_codes where code = '0601'"));
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "parcels_land_use_fk"), (e.SqlState, e.ConstraintName));

        await Execute("delete from parks where code = 'P-EMPTY'");
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from parks where code = 'P-EMPTY'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from parks where code = 'P-R'"));
    }

    [Fact]
    public async Task A_delete_of_a_park_waits_for_a_writer_naming_it_and_then_is_refused()
    {
        await Execute("insert into parks (code, name_zh, name_en, kind, geom) values ('P-RACE1', '竞争一', 'Race 1', 'core', st_multi(st_makeenvelope(120.84, 27.84, 120.85, 27.85, 4490)))");
        await using var writer = await db.OpenConnectionAsync();
        await using var tx = await writer.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(WithColumns("park_code", "'P-RACE1'"), writer, tx)) await insert.ExecuteNonQueryAsync();

        var delete = Execute("delete from parks where code = 'P-RACE1'");
        await Task.Delay(500);
        Assert.False(delete.IsCompleted, "the delete must wait for the writer's lock on the park");
        await tx.CommitAsync();
        var e = await Assert.ThrowsAsync<PostgresException>(() => delete);
        Assert.Equal((PostgresErrorCodes.ForeignKeyViolation, "parcels_park_code_fkey"), (e.SqlState, e.ConstraintName));
    }

    [Fact]
    public async Task A_writer_naming_a_park_deleted_meanwhile_waits_and_then_is_refused()
    {
        await Execute("insert into parks (code, name_zh, name_en, kind, geom) values ('P-RACE2', '竞争二', 'Race 2', 'core', st_multi(st_makeenvelope(120.86, 27.84, 120.87, 27.85, 4490)))");
        await using var deleter = await db.OpenConnectionAsync();
        await using var tx = await deleter.BeginTransactionAsync();
        await using (var delete = new NpgsqlCommand("delete from parks where code = 'P-RACE2'", deleter, tx)) await delete.ExecuteNonQueryAsync();

        var insert = Refused(WithColumns("park_code", "'P-RACE2'"));
        await Task.Delay(500);
        Assert.False(insert.IsCompleted, "the writer must wait for the deleter");
        await tx.CommitAsync();
        var e = await insert;
        Assert.Equal("parcels_park_code_fkey", e.ConstraintName);
    }

    [Fact]
    public async Task Parcels_have_no_per_row_reference_triggers()
    {
        // A foreign key's check runs once per written row: 8 x 100,000 for a 100,000-parcel upload.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            select count(*) from pg_trigger t join pg_proc f on f.oid = t.tgfoid
            where t.tgrelid = 'parcels'::regclass and f.proname in ('RI_FKey_check_ins', 'RI_FKey_check_upd')
            """));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from pg_constraint where conrelid = 'parcels'::regclass and contype = 'f'"));
    }
}
