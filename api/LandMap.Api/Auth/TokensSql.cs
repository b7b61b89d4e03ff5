using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Auth;

/// <summary>A stored token as an admin sees it: never its secret, nor even its hash.</summary>
public sealed record TokenRecord(long Id, string Label, string Role, string[]? Collections, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    /// <summary>Why the token cannot be used at <paramref name="now"/>; null when it can.</summary>
    public string? Unusable(DateTimeOffset now) =>
        RevokedAt is not null ? "the token has been revoked"
        : ExpiresAt is { } e && e <= now ? "the token has expired"
        : null;
}

/// <summary>The SQL of <c>api_tokens</c> (migration 0020); shared by the /api/tokens routes and the CLI.</summary>
public static class TokensSql
{
    private const string Columns = "id, label, role, collections, created_at, created_by, expires_at, revoked_at, last_used_at";

    /// <summary>Stores a new token and returns it with its secret, which exists nowhere else afterwards.</summary>
    public static async Task<(TokenRecord Token, string Secret)> CreateAsync(NpgsqlDataSource db, string label, string role,
        string[]? collections, DateTimeOffset? expiresAt, string createdBy, CancellationToken ct)
    {
        var secret = TokenSecrets.NewSecret();
        await using var cmd = db.CreateCommand($"""
            insert into api_tokens (label, role, collections, secret_hash, created_by, expires_at)
            values ($1, $2, $3, $4, $5, $6) returning {Columns}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = label });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)collections ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = TokenSecrets.Hash(secret) });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = createdBy });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)expiresAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (Read(r), secret);
    }

    /// <summary>Every token, newest first.</summary>
    public static async Task<List<TokenRecord>> ListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from api_tokens order by id desc");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<TokenRecord>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    /// <summary>The token with this id, usable or not; null when there is none.</summary>
    public static async Task<TokenRecord?> FindAsync(NpgsqlDataSource db, long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from api_tokens where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>Revokes the token (kept for the record); the revoked token, or null when there is none.
    /// Revoking twice keeps the first time.</summary>
    public static async Task<TokenRecord?> RevokeAsync(NpgsqlDataSource db, long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1 returning {Columns}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The token whose secret hashes to <paramref name="hash"/> (usable or not), noting its use; null when none.</summary>
    public static async Task<TokenRecord?> FindByHashAsync(NpgsqlDataSource db, byte[] hash, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"update api_tokens set last_used_at = now() where secret_hash = $1 returning {Columns}");
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    private static TokenRecord Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetFieldValue<string[]>(3),
        r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8));
}
