using System.Buffers;
using System.Text;
using Npgsql;

namespace LandMap.Api.Items;

/// <summary>
/// Writes a response body as UTF-8 through one pooled buffer of <see cref="BufferSize"/> bytes,
/// sent to the client each time it fills (one HTTP chunk each, as the StreamWriter it replaces
/// did), so a page of any size is never held whole. Dispose returns the buffer to the pool.
/// </summary>
internal sealed class ChunkedUtf8(Stream body) : IAsyncDisposable
{
    /// <summary>Bytes gathered before they are written to the body.</summary>
    public const int BufferSize = 64 * 1024;

    // Pooled: a 64 KB array per request would be a large object, and their churn kept the
    // background GC busy (bench/README.md, "Items: where the API's CPU goes").
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _length;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(ChunkedUtf8));

    /// <summary>Appends bytes as they are.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> utf8, CancellationToken ct)
    {
        while (!utf8.IsEmpty)
        {
            if (_length == Buffer.Length) await SendAsync(ct);
            var n = Math.Min(utf8.Length, Buffer.Length - _length);
            utf8.Span[..n].CopyTo(Buffer.AsSpan(_length));
            _length += n;
            utf8 = utf8[n..];
        }
    }

    /// <summary>Appends text as UTF-8.</summary>
    public ValueTask WriteAsync(string text, CancellationToken ct) => WriteAsync(Encoding.UTF8.GetBytes(text), ct);

    /// <summary>
    /// Appends a column's bytes as PostgreSQL sent them: for text, UTF-8 (Npgsql always asks for
    /// that client encoding), never decoded into a string and encoded back. The reader must not be
    /// sequential: the row is then in memory, and reading the column never waits.
    /// </summary>
    public async ValueTask CopyColumnAsync(NpgsqlDataReader reader, int ordinal, CancellationToken ct)
    {
        await using var column = reader.GetStream(ordinal);
        while (true)
        {
            if (_length == Buffer.Length) await SendAsync(ct);
            var n = column.Read(Buffer, _length, Buffer.Length - _length);
            if (n == 0) return;
            _length += n;
        }
    }

    /// <summary>Writes what is gathered to the body and flushes it.</summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_length > 0) await SendAsync(ct);
        await body.FlushAsync(ct);
    }

    private async ValueTask SendAsync(CancellationToken ct)
    {
        await body.WriteAsync(Buffer.AsMemory(0, _length), ct);
        _length = 0;
    }

    public ValueTask DisposeAsync()
    {
        if (_buffer is { } b) ArrayPool<byte>.Shared.Return(b);
        _buffer = null;
        return ValueTask.CompletedTask;
    }
}
