using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Features.Uploads;

/// <summary>
/// The upload_jobs table: every API copy writes the progress of the uploads it runs there and
/// answers <c>GET /api/uploads/{id}</c> from it, so a load balancer may send the poll anywhere
/// (the API keeps no state of its own between requests). Written on connections of its own,
/// outside the upload's transaction.
/// </summary>
public sealed class UploadJobStore(NpgsqlDataSource db, ILogger<UploadJobStore> log)
{
    /// <summary>How often a running upload's progress is written.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>A running job not updated for this long lost its API copy (stopped or crashed).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    /// <summary>Jobs that ended this long ago are deleted when the next one starts.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Records a new running job of an upload into <paramref name="collection"/> (whose readers may see it).</summary>
    public async Task<UploadJob> StartAsync(long id, string collection, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            with pruned as (delete from upload_jobs where status <> 'running' and updated_at < now() - $2)
            insert into upload_jobs (id, phase, status, collection) values ($1, 'receiving', 'running', $3)
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Retention });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        await cmd.ExecuteNonQueryAsync(ct);
        return new UploadJob(id);
    }

    /// <summary>Writes the job's progress every <see cref="ReportEvery"/> until <paramref name="stop"/>.</summary>
    public async Task ReportAsync(UploadJob job, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ReportEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var cmd = db.CreateCommand("""
                    update upload_jobs set phase = $2, processed = $3, total = $4, percent = $5, updated_at = now()
                    where id = $1 and status = 'running'
                    """);
                cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = job.Id });
                cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Phase });
                cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Processed });
                cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)job.Total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
                cmd.Parameters.Add(new NpgsqlParameter<float> { TypedValue = (float)job.Percent });
                await cmd.ExecuteNonQueryAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (NpgsqlException e)
        {
            log.LogWarning(e, "Upload {Id}: progress not written (the upload goes on)", job.Id);
        }
    }

    /// <summary>Records how the upload ended; never throws (a database that is away loses only the record of a failure).</summary>
    public async Task FinishAsync(UploadJob job, UploadOutcome outcome)
    {
        try
        {
            await WriteOutcomeAsync(job, outcome.Status, outcome.StatusCode, WithoutNul(outcome.Body.DeepClone())!.ToJsonString());
        }
        catch (PostgresException e)
        {
            // The outcome itself could not be stored (a value jsonb refuses): the job still ends, without it.
            log.LogWarning(e, "Upload {Id}: its outcome ({Status}) could not be stored ({SqlState}); recorded without it", job.Id, outcome.Status, e.SqlState);
            await TryAsync(() => WriteOutcomeAsync(job, outcome.Status, outcome.StatusCode, null));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            log.LogWarning(e, "Upload {Id}: its outcome ({Status}) was not recorded", job.Id, outcome.Status);
        }

        async Task TryAsync(Func<Task> write)
        {
            try { await write(); }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                log.LogWarning(e, "Upload {Id}: its end ({Status}) was not recorded", job.Id, outcome.Status);
            }
        }
    }

    private async Task WriteOutcomeAsync(UploadJob job, string status, int statusCode, string? outcomeJson)
    {
        await using var cmd = db.CreateCommand("""
            update upload_jobs set phase = 'done', percent = 100, processed = $2, total = $3, status = $4,
                                   status_code = $5, outcome = $6::jsonb, updated_at = now()
            where id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = job.Id });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = job.Processed });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)job.Total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = statusCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)outcomeJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The outcome with U+0000 replaced by U+FFFD in every string: a refused file's report echoes
    /// the values it refused, and jsonb cannot hold U+0000 (the job would never be marked ended).</summary>
    private static JsonNode? WithoutNul(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    var clean = WithoutNul(value);
                    if (key.Contains('\0'))
                    {
                        o.Remove(key);
                        o[key.Replace('\0', '\uFFFD')] = clean?.DeepClone();
                    }
                    else if (!ReferenceEquals(clean, value)) o[key] = clean;
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (WithoutNul(a[i]) is var clean && !ReferenceEquals(clean, a[i])) a[i] = clean;
                return a;
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Contains('\0'):
                return JsonValue.Create(text.Replace('\0', '\uFFFD'));
            default:
                return node;
        }
    }

    /// <summary>The job as GET answers it (null when there is none): progress while it runs, else its outcome.</summary>
    public async Task<JsonObject?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select status, phase, processed, total, percent, started_at, updated_at, status_code, outcome::text,
                   status = 'running' and updated_at < now() - $2, collection
            from upload_jobs where id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        cmd.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Abandoned });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var abandoned = r.GetBoolean(9);
        var json = new JsonObject
        {
            ["id"] = id,
            ["collection"] = r.IsDBNull(10) ? null : r.GetString(10),
            ["status"] = abandoned ? "failed" : r.GetString(0),
            ["phase"] = r.GetString(1),
            ["processed"] = r.GetInt32(2),
            ["total"] = r.IsDBNull(3) ? null : r.GetInt32(3),
            ["percent"] = Math.Round(r.GetFloat(4), 1),
            ["startedAt"] = r.GetFieldValue<DateTime>(5).ToUniversalTime().ToString("O"),
            ["updatedAt"] = r.GetFieldValue<DateTime>(6).ToUniversalTime().ToString("O"),
        };
        if (abandoned) json["detail"] = "the API copy running this upload stopped answering; nothing of it was written";
        if (!r.IsDBNull(7)) json["statusCode"] = r.GetInt32(7);
        if (!r.IsDBNull(8)) json["result"] = JsonNode.Parse(r.GetString(8));
        return json;
    }
}
