using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>
/// A client that goes away half way through its body (issue 12, point 10) is no error of the
/// service: it is recorded with status 499 and counted in <c>landmap_requests_aborted_total</c>,
/// never as a 500, for a zone query (read before the request is served), an edit and an upload.
/// </summary>
public sealed class ClientAbortTests(LandMapServer server)
{
    [Theory]
    [InlineData("/api/parcels/intersecting", "/api/parcels/intersecting", "application/json")]
    [InlineData("/ogc/collections/parcels/items", "/ogc/collections/{collectionId}/items/", "application/geo+json")] // MapPost("") in the group
    [InlineData("/api/uploads?collection=parcels&dryRun=true", "/api/uploads", "application/geo+json")]
    public async Task Half_a_body_then_a_closed_socket_is_counted_as_an_abort_not_a_500(string path, string route, string type)
    {
        for (var i = 0; i < 3; i++)
        {
            using var socket = await RawHttp.OpenAsync(server.BaseUrl, IPAddress.Loopback, "POST", path, 2000, type, LandMapServer.TestWriteToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes("{\"type\": \"Polygon\", \"coordinates\": [[[120.8, 27.8], " + new string(' ', 900)));
            await Task.Delay(100);
            socket.Shutdown(SocketShutdown.Both);
            socket.Close();
        }

        using var client = server.CreateClient();
        var aborted = new Regex($"landmap_requests_aborted_total\\{{[^}}]*http_route=\"{Regex.Escape(route)}\"[^}}]*\\}} (\\d+)");
        var metrics = "";
        // The abort is counted as it happens, the request's duration as it completes: wait for both.
        for (var wait = 0; !(aborted.Match(metrics) is { Success: true } m && int.Parse(m.Groups[1].Value) >= 3
                             && Counts(metrics, route).Contains("http_response_status_code=\"499\"")); wait++)
        {
            Assert.True(wait < 100, $"no aborts counted for {route}:\n{Counts(metrics, route)}\n" +
                                    string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("landmap_requests_aborted"))));
            await Task.Delay(100);
            metrics = await client.GetStringAsync("metrics");
        }
        Assert.DoesNotContain("http_response_status_code=\"500\"", Counts(metrics, route));
    }

    /// <summary>The request counts of <paramref name="route"/>, one line per status.</summary>
    private static string Counts(string metrics, string route) =>
        string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)
                                                          && l.Contains($"http_route=\"{route}\"", StringComparison.Ordinal)));
}
