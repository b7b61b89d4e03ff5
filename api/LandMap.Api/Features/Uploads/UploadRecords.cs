using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Writes;
using Npgsql;

namespace LandMap.Api.Features.Uploads;

/// <summary>What the uploads table keeps of a committed upload.</summary>
public sealed record UploadRecord(long Id, string CreatedBy, string Sha256, string? IdempotencyKey, string Collection,
    string Mode, int SourceSrid, string Format, UploadReport Report);

/// <summary>The uploads table: one row per committed upload (who, when, the file's SHA-256, counts, report).</summary>
public static class UploadRecords
{
    /// <summary>A fresh id from the table's identity, taken when an upload starts.</summary>
    public static async Task<long> NextIdAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select nextval(pg_get_serial_sequence('uploads', 'id'))");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Inserts the record in the caller's transaction; false when the same body or key is already committed.</summary>
    public static async Task<bool> InsertAsync(NpgsqlConnection conn, UploadRecord u, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into uploads (id, created_by, sha256, idempotency_key, collection, mode, source_srid, format, read_count,
                                 valid_count, invalid_count, to_create, to_update, report, status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, 'committed')
            on conflict do nothing
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = u.Id });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = u.CreatedBy });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = u.Sha256 });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)u.IdempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = u.Collection });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = u.Mode });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = u.SourceSrid });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = u.Format });
        var c = u.Report.Counts;
        foreach (var n in new[] { c.Read, c.Valid, c.Invalid, c.ToCreate, c.ToUpdate })
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = n });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(u.Report, UploadJson.Options) });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The first committed upload of the same body (collection, mode) or Idempotency-Key, as a 200
    /// answer with <c>repeated: true</c>; a key reused with another body is 422.</summary>
    public static async Task<UploadOutcome?> FindEarlierAsync(NpgsqlConnection conn, UploadRequest request, CancellationToken ct)
    {
        var (sha256, collection, mode, key) = (request.File.Sha256, request.Collection.Id, request.Mode, request.IdempotencyKey);
        if (key is not null && await FindAsync(conn, "idempotency_key = $1", key, ct) is { } byKey)
        {
            if ((string?)byKey["sha256"] != sha256 || (string?)byKey["collection"] != collection || (string?)byKey["mode"] != mode)
                return new UploadOutcome(StatusCodes.Status422UnprocessableEntity, new JsonObject
                {
                    ["title"] = "Idempotency-Key reused",
                    ["status"] = StatusCodes.Status422UnprocessableEntity,
                    ["detail"] = $"Idempotency-Key '{key}' was used for upload {byKey["id"]} with a different body, collection or mode",
                });
            return Earlier(byKey);
        }
        await using var cmd = new NpgsqlCommand("select id from uploads where sha256 = $1 and collection = $2 and mode = $3", conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mode });
        if (await cmd.ExecuteScalarAsync(ct) is not long id) return null;
        return Earlier((await FindAsync(conn, id, ct))!);

        static UploadOutcome Earlier(JsonObject record)
        {
            record["repeated"] = true;
            return new UploadOutcome(StatusCodes.Status200OK, record, $"/api/uploads/{record["id"]}");
        }
    }

    public static Task<JsonObject?> FindAsync(NpgsqlConnection conn, long id, CancellationToken ct) => FindAsync(conn, "id = $1", id, ct);

    private static async Task<JsonObject?> FindAsync<T>(NpgsqlConnection conn, string where, T value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select id, created_at, created_by, sha256, idempotency_key, collection, mode, source_srid, status,
                   read_count, valid_count, invalid_count, to_create, to_update, report::text, format
            from uploads where {where}
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new JsonObject
        {
            ["id"] = r.GetInt64(0),
            ["createdAt"] = r.GetFieldValue<DateTime>(1).ToUniversalTime().ToString("O"),
            ["createdBy"] = r.GetString(2),
            ["sha256"] = r.GetString(3),
            ["idempotencyKey"] = r.IsDBNull(4) ? null : r.GetString(4),
            ["collection"] = r.GetString(5),
            ["mode"] = r.GetString(6),
            ["format"] = r.GetString(15),
            ["sourceCrs"] = $"EPSG:{r.GetInt32(7)}",
            ["status"] = r.GetString(8),
            ["counts"] = new JsonObject
            {
                ["read"] = r.GetInt32(9), ["valid"] = r.GetInt32(10), ["invalid"] = r.GetInt32(11),
                ["toCreate"] = r.GetInt32(12), ["toUpdate"] = r.GetInt32(13),
            },
            ["report"] = JsonNode.Parse(r.GetString(14)),
        };
    }
}
