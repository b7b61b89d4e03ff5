using System.Security.Cryptography;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// Loads gis-data/{collection}.geojson on first start. Each file's SHA-256 is recorded, so a
/// second start loads nothing twice; all files go in one transaction, so a failed load leaves
/// nothing behind.
/// </summary>
public sealed class SampleDataLoader(NpgsqlDataSource dataSource, ILogger<SampleDataLoader> logger)
{
    public async Task<int> LoadAsync(string directory, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("Loading: no sample data folder at {Dir}; nothing loaded", directory);
            return 0;
        }
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var total = 0;
        foreach (var collection in CollectionCatalog.All)
        {
            var path = Path.Combine(directory, collection.Id + ".geojson");
            if (!File.Exists(path)) continue;
            total += await LoadFileAsync(conn, collection, path, ct);
        }
        await tx.CommitAsync(ct);
        if (total > 0)
        {
            // Fresh statistics so the planner uses the GiST indexes from the first request on.
            await using var analyze = new NpgsqlCommand("analyze", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        return total;
    }

    private async Task<int> LoadFileAsync(NpgsqlConnection conn, CollectionDef collection, string path, CancellationToken ct)
    {
        var file = "gis-data/" + Path.GetFileName(path);
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        await using (var check = new NpgsqlCommand(SampleDataSql.IsLoaded, conn))
        {
            check.Parameters.Add(new() { Value = file });
            if (await check.ExecuteScalarAsync(ct) is string loaded)
            {
                if (loaded != sha256)
                    logger.LogWarning("Loading: {File} changed since it was loaded; not loaded again (upload changes instead)", file);
                else
                    logger.LogInformation("Loading: {File} already loaded", file);
                return 0;
            }
        }

        var json = System.Text.Encoding.UTF8.GetString(bytes);
        int count;
        await using (var insert = new NpgsqlCommand(SampleDataSql.InsertFeatures(collection), conn))
        {
            insert.Parameters.Add(new() { Value = json });
            insert.Parameters.Add(new() { Value = file });
            count = await insert.ExecuteNonQueryAsync(ct);
        }
        if (collection == CollectionCatalog.Parcels)
        {
            await using var events = new NpgsqlCommand(SampleDataSql.InsertParcelEvents, conn);
            events.Parameters.Add(new() { Value = json });
            var eventCount = await events.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Loading: {File}: {Events} lifecycle events", file, eventCount);
        }
        await using (var record = new NpgsqlCommand(SampleDataSql.RecordLoad, conn))
        {
            record.Parameters.Add(new() { Value = file });
            record.Parameters.Add(new() { Value = sha256 });
            record.Parameters.Add(new() { Value = count });
            await record.ExecuteNonQueryAsync(ct);
        }
        logger.LogInformation("Loading: {File}: {Count} features", file, count);
        return count;
    }
}
