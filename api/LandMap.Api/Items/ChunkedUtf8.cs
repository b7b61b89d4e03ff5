using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Npgsql;

namespace LandMap.Api.Items;

/// <summary>
/// Writes a response body as UTF-8 into its <see cref="PipeWriter"/> and hands it to the client in
/// pieces of about <see cref="FlushAt"/> bytes, so a page of any size is never held whole.
/// </summary>
internal sealed class ChunkedUtf8(PipeWriter writer)
{
    /// <summary>Bytes buffered before <see cref="FlushIfFullAsync"/> sends them (what the StreamWriter it replaces held).</summary>
    public const int FlushAt = 64 * 1024;

    private int _unflushed;

    /// <summary>Appends bytes as they are.</summary>
    public void Write(ReadOnlySpan<byte> utf8)
    {
        writer.Write(utf8);
        _unflushed += utf8.Length;
    }

    /// <summary>Appends text as UTF-8.</summary>
    public void Write(string text) => _unflushed += (int)Encoding.UTF8.GetBytes(text, writer);

    /// <summary>
    /// Appends a text column's bytes as PostgreSQL sent them (UTF-8: Npgsql always asks for that
    /// client encoding), without decoding them into a string. The reader must not be sequential:
    /// the row is then in memory, and the column stream's reads never wait.
    /// </summary>
    public void CopyColumn(NpgsqlDataReader reader, int ordinal)
    {
        using var column = reader.GetStream(ordinal);
        int n;
        while ((n = column.Read(writer.GetSpan(4096))) > 0)
        {
            writer.Advance(n);
            _unflushed += n;
        }
    }

    /// <summary>Sends what is buffered once it reaches <see cref="FlushAt"/> bytes.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken ct) => _unflushed >= FlushAt ? FlushAsync(ct) : ValueTask.CompletedTask;

    /// <summary>Sends what is buffered.</summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        _unflushed = 0;
        await writer.FlushAsync(ct);
    }
}
