using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LandMap.Tests.Trust;

/// <summary>
/// HTTP/1.1 by hand over a socket, for what HttpClient will not do: send a body slowly, from a
/// chosen loopback address (127.0.0.x: one client address each), or stop half way and close.
/// </summary>
public static class RawHttp
{
    /// <summary>The answer's status (0 when the connection closed without one) and its head and body as text.</summary>
    public sealed record Answer(int Status, string Text);

    /// <summary>Connects from <paramref name="from"/> and sends the request line and headers.</summary>
    public static async Task<Socket> OpenAsync(string baseUrl, IPAddress from, string method, string path, long contentLength,
        string contentType, string? token = null)
    {
        var uri = new Uri(baseUrl);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, uri.Port);
        var head = new StringBuilder()
            .Append($"{method} {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength}\r\n");
        if (token is not null) head.Append($"Authorization: Bearer {token}\r\n");
        head.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()));
        return socket;
    }

    /// <summary>Sends <paramref name="chunk"/> every <paramref name="every"/> until the server answers or
    /// closes, or <paramref name="giveUp"/> passes; then reads the answer.</summary>
    public static async Task<Answer> TrickleAsync(Socket socket, byte[] chunk, TimeSpan every, TimeSpan giveUp)
    {
        var answer = ReadAnswerAsync(socket, giveUp);
        var until = DateTime.UtcNow + giveUp;
        while (!answer.IsCompleted && DateTime.UtcNow < until)
        {
            try
            {
                await socket.SendAsync(chunk);
            }
            catch (SocketException)
            {
                break; // the server closed the connection: its answer, if any, is already in
            }
            await Task.WhenAny(answer, Task.Delay(every));
        }
        return await answer;
    }

    /// <summary>Everything the server sends until it closes or a second passes without more after the head.</summary>
    public static async Task<Answer> ReadAnswerAsync(Socket socket, TimeSpan giveUp)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        using var cts = new CancellationTokenSource(giveUp);
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0) break;
                received.Write(buffer, 0, n);
                var text = Encoding.UTF8.GetString(received.ToArray());
                var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headEnd >= 0 && Complete(text, headEnd)) break;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { }
        var all = Encoding.UTF8.GetString(received.ToArray());
        var status = all.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(all.AsSpan(9, 3), out var s) ? s : 0;
        return new Answer(status, all);
    }

    private static bool Complete(string text, int headEnd)
    {
        var head = text[..headEnd];
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is null) return head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? text.EndsWith("0\r\n\r\n", StringComparison.Ordinal) : true;
        return Encoding.UTF8.GetByteCount(text[(headEnd + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim());
    }
}
