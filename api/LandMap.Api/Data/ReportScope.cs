using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>A report's connection, the parks, and the park asked for (checked against them).</summary>
internal sealed class ReportScope(NpgsqlConnection connection, List<ParkName> parks, string? park) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;
    public List<ParkName> Parks { get; } = parks;
    public string? Park { get; } = park;

    /// <summary>Opens a connection and checks <paramref name="park"/> against the parks (400 when unknown).</summary>
    public static async Task<ReportScope> OpenAsync(NpgsqlDataSource db, string? park, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var parks = await ReportScope.ParksAsync(conn, ct);
            return new(conn, parks, ReportParameters.Park(park, parks));
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>The parks, by code.</summary>
    private const string ParksSql = "select code, name_zh, name_en, area_m2 from parks order by code";

    /// <summary>The parks with their names and areas.</summary>
    public static async Task<List<ParkName>> ParksAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ParksSql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var parks = new List<ParkName>();
        while (await r.ReadAsync(ct)) parks.Add(new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3)));
        return parks;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
