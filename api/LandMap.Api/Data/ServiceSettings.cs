using System.Globalization;
using LandMap.Api.Domain.Planning;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// The settings the database's own functions read (migration 0048's service_settings), written
/// from the service's configuration at start, so SQL and C# apply one value: the encroachment
/// tolerance of <see cref="PlanningOptions"/>, read by the parcels' compliance
/// (encroachment_tolerance_m2() in Repeatable/parcel_compliance.sql) as the upload gate and the
/// site check read it from the options.
/// </summary>
public static class ServiceSettings
{
    /// <summary>The row of <see cref="PlanningOptions.EncroachmentToleranceM2"/>.</summary>
    public const string EncroachmentToleranceM2 = "encroachment_tolerance_m2";

    /// <summary>Writes the settings whose value differs from the stored one (a changed value makes the
    /// stored today's compliance stale: its trigger drops the copy, which the refresher rebuilds).</summary>
    public static async Task WriteAsync(string connectionString, PlanningOptions planning, CancellationToken ct)
    {
        await using var db = PoolNames.Named(connectionString, PoolNames.Startup);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            insert into service_settings (name, value) values ($1, $2)
            on conflict (name) do update set value = excluded.value where service_settings.value is distinct from excluded.value
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = EncroachmentToleranceM2 });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = planning.EncroachmentToleranceM2.ToString("R", CultureInfo.InvariantCulture) });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
