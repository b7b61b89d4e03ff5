using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>
/// A client that goes away half way through its body (issue 12, point 10) is no error of the
/// service: its request is recorded with status 499 in <c>http.server.request.duration</c> (seen
/// here by listening to ASP.NET Core's own instrument: the test hosts share one process, so one
/// host's /metrics need not show another's requests) and counted in
/// <c>landmap_requests_aborted_total</c> (in /metrics), never as a 500; for a zone query (read
/// before the request is served), an edit and an upload.
/// </summary>
public sealed class ClientAbortTests(LandMapServer server)
{
    [Theory]
    [InlineData("/api/parcels/intersecting", "/api/parcels/intersecting", "application/json")]
    [InlineData("/ogc/collections/parcels/items", "/ogc/collections/{collectionId}/items/", "application/geo+json")] // MapPost("") in the group
    [InlineData("/api/uploads?collection=parcels&dryRun=true", "/api/uploads", "application/geo+json")]
    public async Task Half_a_body_then_a_closed_socket_is_counted_as_an_abort_not_a_500(string path, string route, string type)
    {
        var statuses = new ConcurrentQueue<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? r = null;
            int? status = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route") r = tag.Value as string;
                if (tag.Key == "http.response.status_code") status = Convert.ToInt32(tag.Value);
            }
            if (r == route && status is { } s) statuses.Enqueue(s);
        });
        listener.Start();

        for (var i = 0; i < 3; i++)
        {
            using var socket = await RawHttp.OpenAsync(server.BaseUrl, IPAddress.Loopback, "POST", path, 2000, type, LandMapServer.TestWriteToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes("{\"type\": \"Polygon\", \"coordinates\": [[[120.8, 27.8], " + new string(' ', 900)));
            await Task.Delay(100);
            socket.Shutdown(SocketShutdown.Both);
            socket.Close();
        }

        await Eventually.TrueAsync(() => Task.FromResult(statuses.Count(s => s == 499) >= 3), TimeSpan.FromSeconds(10),
            $"three requests to {route} recorded as 499 (recorded: {string.Join(", ", statuses)})");
        Assert.DoesNotContain(500, statuses);

        using var client = server.CreateClient();
        var metrics = await client.GetStringAsync("metrics");
        var aborted = new Regex($"landmap_requests_aborted_total\\{{[^}}]*http_route=\"{Regex.Escape(route)}\"[^}}]*\\}} (\\d+)").Match(metrics);
        Assert.True(aborted.Success && int.Parse(aborted.Groups[1].Value) >= 3, $"no aborts counted for {route} in /metrics");
    }
}
