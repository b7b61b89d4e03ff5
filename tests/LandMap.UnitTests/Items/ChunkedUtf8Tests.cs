using System.Text;
using LandMap.Api.Items;

namespace LandMap.Tests.Items;

/// <summary>The items page's writer: every byte arrives in order, across its buffer's boundaries,
/// in pieces of at most one buffer (one HTTP chunk each), and text goes out as UTF-8.</summary>
public sealed class ChunkedUtf8Tests
{
    /// <summary>Counts the writes it receives: each is one chunk of a chunked response.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            Writes.Add(buffer.Length);
            return base.WriteAsync(buffer, ct);
        }
    }

    [Fact]
    public async Task A_body_larger_than_the_buffer_arrives_whole_in_buffer_sized_pieces()
    {
        var body = new RecordingStream();
        var expected = new MemoryStream();
        await using (var writer = new ChunkedUtf8(body))
        {
            // Pieces of uneven sizes, so the buffer's boundary falls inside one of them; Chinese text
            // is 3 bytes a character in UTF-8.
            for (var i = 0; i < 120; i++)
            {
                var piece = Encoding.UTF8.GetBytes($"{{\"id\":{i},\"name\":\"地块{i}\",\"pad\":\"{new string('x', 997 + i % 13)}\"}},");
                expected.Write(piece);
                await writer.WriteAsync(piece, CancellationToken.None);
            }
            await writer.WriteAsync("]}", CancellationToken.None);
            expected.Write("]}"u8);
            await writer.FlushAsync(CancellationToken.None);
        }

        Assert.Equal(expected.ToArray(), body.ToArray());
        Assert.True(body.Writes.Count >= 2, "a body over 64 KB goes out in more than one piece");
        Assert.All(body.Writes, n => Assert.InRange(n, 1, ChunkedUtf8.BufferSize));
        Assert.All(body.Writes[..^1], n => Assert.Equal(ChunkedUtf8.BufferSize, n));
    }

    [Fact]
    public async Task One_write_larger_than_the_buffer_is_split_without_loss()
    {
        var body = new RecordingStream();
        var big = Enumerable.Range(0, 3 * ChunkedUtf8.BufferSize + 17).Select(i => (byte)('a' + i % 26)).ToArray();
        await using (var writer = new ChunkedUtf8(body))
        {
            await writer.WriteAsync(big, CancellationToken.None);
            await writer.FlushAsync(CancellationToken.None);
        }

        Assert.Equal(big, body.ToArray());
        Assert.Equal([ChunkedUtf8.BufferSize, ChunkedUtf8.BufferSize, ChunkedUtf8.BufferSize, 17], body.Writes);
    }
}
