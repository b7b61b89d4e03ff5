using System.Text.Json;
using LandMap.Api.Domain;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Writes;

/// <summary>A stored feature as a write sees it: its writable properties (as JSON values), geometry and version.</summary>
internal sealed record StoredFeature(long Id, int Version, Dictionary<string, JsonElement> Properties, Geometry Geometry);

/// <summary>
/// The SQL of the Part 4 item writes on one collection, inside the caller's transaction. Table and
/// column names come from the catalog only; every value is a parameter. Versions are checked
/// atomically in the statement itself (<c>where id = $1 and version = $2</c>); the history
/// triggers keep each earlier version and bump <c>version</c>.
/// </summary>
internal sealed class ItemsWriteSql(CollectionDef collection)
{
    public const string Source = "edit";

    private readonly UploadColumns columns = UploadColumns.Of(collection);
    private string Table => collection.Table;

    /// <summary>Serialises the collection's writers, as uploads do, so two writes cannot both pass the code and overlap checks.</summary>
    public async Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"lock table {Table} in share row exclusive mode", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The feature's writable properties, geometry and version (locked for update); null when absent.</summary>
    public async Task<StoredFeature?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        var props = string.Join(", ", columns.Names.Select(c => $"'{c}', {c}"));
        await using var cmd = new NpgsqlCommand(
            $"select version, json_build_object({props})::text, geom from {Table} where id = $1 for update", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(r.GetString(1)))
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind != JsonValueKind.Null) properties[p.Name] = p.Value.Clone();
        return new StoredFeature(id, r.GetInt32(0), properties, r.GetFieldValue<Geometry>(2));
    }

    /// <summary>The valid GB/T 21010 codes (land_use_codes), for the feature checks.</summary>
    public static async Task<HashSet<string>> LandUseCodesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("select code from land_use_codes", conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) codes.Add(r.GetString(0));
        return codes;
    }

    public async Task<int?> VersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select version from {Table} where id = $1", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    /// <summary>Inserts the checked feature; (id, version).</summary>
    public async Task<(long Id, int Version)> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        StagedFeature feature, string actor, CancellationToken ct)
    {
        var n = columns.Names.Length;
        var values = string.Join(", ", columns.Names.Select((_, i) => $"${i + 1}"));
        await using var cmd = new NpgsqlCommand($"""
            insert into {Table} ({columns.List}, geom, updated_by, source)
            values ({values}, ${n + 1}, ${n + 2}, '{Source}') returning id, version
            """, conn, tx);
        AddValues(cmd, feature);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt32(1));
    }

    /// <summary>Replaces every writable column (absent: null) and the geometry with the checked feature's
    /// when the version is still <paramref name="version"/> (null: any); the new version, or null when no row matched.</summary>
    public async Task<int?> UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, int? version,
        StagedFeature feature, string actor, CancellationToken ct)
    {
        var set = string.Join(", ", columns.Names.Select((c, i) => $"{c} = ${i + 1}"));
        var n = columns.Names.Length;
        await using var cmd = new NpgsqlCommand($"""
            update {Table} set {set}, geom = ${n + 1}, updated_by = ${n + 4}, source = '{Source}'
            where id = ${n + 2} and (${n + 3}::integer is null or version = ${n + 3}) returning version
            """, conn, tx);
        AddValues(cmd, feature);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor });
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    /// <summary>
    /// Deletes the feature when its version is still <paramref name="version"/> (null: any); false when
    /// no row matched. The history trigger keeps the last version as the one 'delete' row, attributed to
    /// <paramref name="actor"/> and the edit by transaction-local settings (migration 0021), so no
    /// version is added for the attribution.
    /// </summary>
    public async Task<bool> DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, int? version, string actor, CancellationToken ct)
    {
        // is_local = true: the settings end with the transaction, so a pooled connection does not carry them on.
        await using (var attribute = new NpgsqlCommand(
            "select set_config('landmap.actor', $1, true), set_config('landmap.source', $2, true)", conn, tx))
        {
            attribute.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor });
            attribute.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Source });
            await attribute.ExecuteNonQueryAsync(ct);
        }
        await using var delete = new NpgsqlCommand(
            $"delete from {Table} where id = $1 and ($2::integer is null or version = $2)", conn, tx);
        delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        delete.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The staged values, one parameter per writable column typed as the column (absent: NULL), then the geometry.</summary>
    private void AddValues(NpgsqlCommand cmd, StagedFeature feature)
    {
        for (var i = 0; i < columns.Names.Length; i++)
            cmd.Parameters.Add(new NpgsqlParameter { Value = feature.Values[i] ?? DBNull.Value, NpgsqlDbType = columns.DbTypes[i] });
        cmd.Parameters.Add(new NpgsqlParameter { Value = feature.Geometry, NpgsqlDbType = NpgsqlDbType.Geometry });
    }
}
