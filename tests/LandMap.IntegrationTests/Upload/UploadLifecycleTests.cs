using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Upload;

/// <summary>
/// An upload's life against the real service and PostGIS: progress while it runs, and the ways it
/// can end badly (a backend killed mid-import, a client gone mid-body or mid-processing, a body
/// too large), each leaving the tables as they were. Parcels go north of 28.08N, east of 121.0E.
/// </summary>
public sealed class UploadLifecycleTests(LandMapServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prefer_respond_async_answers_202_then_progress_then_the_committed_record()
    {
        var (client, ws) = await WritesAsync(server);
        var prefix = Code("async");
        var (status, body, response) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", Grid(prefix, 1500, 121.01, 28.09), respondAsync: true);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("respond-async", response.Headers.GetValues("Preference-Applied").Single());
        var id = (long)body["id"]!;
        Assert.Equal($"/api/uploads/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("running", (string?)body["status"]);

        var percents = new List<double>();
        var final = await PollAsync(ws.CreateClient(), id, p => percents.Add((double)p["percent"]!));
        Assert.True((string?)final["status"] == "committed", final.ToJsonString());
        Assert.Equal(1500, (int)final["counts"]!["toCreate"]!);
        Assert.Equal(percents.Order().ToList(), percents); // never goes back
        Assert.All(percents, p => Assert.InRange(p, 0, 100));
        Assert.Equal(1500, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code like '{prefix}-%' and source = 'upload:{id}'"));
    }

    [Fact]
    public async Task A_backend_terminated_mid_import_leaves_the_tables_as_they_were()
    {
        var (client, ws) = await WritesAsync(server);
        var prefix = Code("kill");
        var file = Grid(prefix, 300, 121.01, 28.11);
        // Hold the writers' lock so the upload stops, its features staged, at the step before its
        // checks; no one else can change parcels meanwhile, so a checksum compares the whole table.
        await using var blocker = await ws.DataSource.OpenConnectionAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await Execute(blocker, "lock table parcels in share row exclusive mode");
        var before = await Checksum(blocker);

        var (status, body, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", file, respondAsync: true);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var pid = await WaitForLockWaiterAsync(ws, file);
        // Its progress is in the database, so any API copy can answer the poll.
        await WaitUntilAsync(async () => await ws.DataSource.ScalarAsync<string>(
            $"select status || '/' || phase from upload_jobs where id = {(long)body["id"]!}") == "running/checking");
        Assert.True(await ws.DataSource.ScalarAsync<bool>($"select pg_terminate_backend({pid})"));

        var final = await PollAsync(ws.CreateClient(), (long)body["id"]!);
        Assert.Equal("failed", (string?)final["status"]);
        Assert.Equal(503, (int)final["statusCode"]!);
        // Our words only: PostgreSQL's message and SQLSTATE are for the operators' log (issue 12.11).
        var said = final.ToJsonString();
        Assert.Contains("the connection to the database was lost; nothing was written", said);
        foreach (var pg in new[] { "terminating connection", "administrator command", "57P01" }) Assert.DoesNotContain(pg, said);
        Assert.Equal(before, await Checksum(blocker));
        Assert.Equal(0, await Scalar<long>(blocker, $"select count(*) from parcels where code like '{prefix}-%'"));
        Assert.Equal(0, await Scalar<long>(blocker, $"select count(*) from uploads where sha256 = '{Sha256(file)}'"));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task A_client_that_disconnects_while_its_upload_is_processed_leaves_nothing()
    {
        var (client, ws) = await WritesAsync(server);
        var prefix = Code("gone");
        var file = Grid(prefix, 200, 121.01, 28.13);
        await using var blocker = await ws.DataSource.OpenConnectionAsync();
        await using (var tx = await blocker.BeginTransactionAsync())
        {
            await Execute(blocker, "lock table parcels in share row exclusive mode");
            using var cts = new CancellationTokenSource();
            var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels&crs=EPSG:4549")
            {
                Content = new StringContent(file, Encoding.UTF8, "application/geo+json"),
            };
            var sending = client.SendAsync(request, cts.Token);
            var pid = await WaitForLockWaiterAsync(ws, file);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
            // The service cancels its statement when its client goes: the waiter disappears while we still hold the lock.
            await WaitUntilAsync(async () => !await ws.DataSource.ScalarAsync<bool>(
                $"select exists (select 1 from pg_stat_activity where pid = {pid} and wait_event_type = 'Lock')"));
            await tx.RollbackAsync();
        }
        await Task.Delay(500); // had it not been cancelled, it would commit now
        Assert.Equal(0, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code like '{prefix}-%'"));
        Assert.Equal(0, await ws.DataSource.ScalarAsync<long>($"select count(*) from uploads where sha256 = '{Sha256(file)}'"));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_leaves_nothing()
    {
        var (client, ws) = await WritesAsync(server);
        var prefix = Code("half");
        var file = Encoding.UTF8.GetBytes(Grid(prefix, 200, 121.01, 28.15));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels&crs=EPSG:4549")
        {
            Content = new HalfThenFail(file),
        };
        await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(request));
        await Task.Delay(300);
        Assert.Equal(0, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code like '{prefix}-%'"));
        Assert.Equal(0, await ws.DataSource.ScalarAsync<long>($"select count(*) from uploads where report::text like '%{prefix}%'"));
        // The service is still there for the next client.
        var (status, _, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549&dryRun=true", Grid(prefix, 2, 121.01, 28.15));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task The_multipart_field_file_is_read_like_a_raw_body()
    {
        var (client, _) = await WritesAsync(server);
        using var form = new MultipartFormDataContent();
        var part = new StringContent(Grid(Code("multi"), 3, 121.01, 28.17), Encoding.UTF8, "application/geo+json");
        form.Add(part, "file", "parcels.geojson");
        var response = await client.PostAsync("api/uploads?collection=parcels&crs=EPSG:4549&dryRun=true", form);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        Assert.Equal(3, (int)json["report"]!["counts"]!["toCreate"]!);
    }

    [Fact]
    public async Task A_multipart_form_without_a_file_field_is_400_naming_file()
    {
        var (client, _) = await WritesAsync(server);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var response = await client.PostAsync("api/uploads?collection=parcels&dryRun=true", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_size_limit_is_413_with_or_without_a_length(bool withLength)
    {
        var (client, _) = await WritesAsync(server);
        var big = new byte[LandMapServer.TestMaxUploadBytes + 2_000_000];
        Array.Fill(big, (byte)' ');
        big[0] = (byte)'{';
        HttpContent content = withLength ? new ByteArrayContent(big) : new StreamContent(new UnseekableStream(big));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        // With a length the service refuses before reading; 100-continue lets the client hear it before sending.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels") { Content = content };
        request.Headers.ExpectContinue = withLength;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Roads_are_uploaded_as_lines_and_a_polygon_for_roads_is_a_GeometryTypeMismatch()
    {
        var (client, ws) = await WritesAsync(server);
        var (road, bad) = (Code("road"), Code("road"));
        var line = Square4549(121.01, 28.19, 500)[0]!.AsArray();
        var body = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = road, ["name"] = "测试路", ["grade"] = "branch", ["stage"] = "planned" },
                ["geometry"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = line.DeepClone() },
            }),
        }.ToJsonString();
        var (status, json, _) = await PostAsync(client, "collection=roads&crs=EPSG:4549", body);
        Assert.True(status == HttpStatusCode.Created, json.ToJsonString());
        Assert.InRange(await ws.DataSource.ScalarAsync<double>($"select length_m from roads where code = '{road}'"), 1990, 2010);

        var polygon = Collection(Feature(bad, Square4549(121.01, 28.19, 50, dy: 600)));
        var (status2, json2, _) = await PostAsync(client, "collection=roads&crs=EPSG:4549", polygon);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status2);
        Assert.Contains(json2["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "GeometryTypeMismatch");
    }

    [Fact]
    public async Task Problems_found_by_parallel_validators_come_in_file_order_and_repeats_across_batches_are_caught()
    {
        var (client, _) = await WritesAsync(server);
        var prefix = Code("order");
        var features = Enumerable.Range(0, 700)
            .Select(i => Feature($"{prefix}-{i}", Square4549(121.07, 28.175, 40, dx: i % 100 * 50, dy: i / 100 * 50))).ToArray();
        foreach (var i in new[] { 650, 5, 333 }) features[i]["properties"]!["status"] = "bogus";
        features[690]["properties"]!["code"] = $"{prefix}-10"; // repeats feature 10, batches apart

        var (status, json, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549&dryRun=true", Collection(features));

        Assert.True(status == HttpStatusCode.UnprocessableEntity, json.ToJsonString());
        var problems = json["report"]!["problems"]!.AsArray().Select(p => ((int?)p!["featureIndex"] ?? -1, (string)p["kind"]!)).ToList();
        Assert.Equal([(5, "InvalidEnum"), (333, "InvalidEnum"), (650, "InvalidEnum"), (690, "DuplicateCode")], problems);
        Assert.Equal(700, (int)json["report"]!["counts"]!["read"]!);
        Assert.Equal(4, (int)json["report"]!["counts"]!["invalid"]!);
    }

    private static async Task<JsonNode> PollAsync(HttpClient client, long id, Action<JsonNode>? onRunning = null)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var json = await client.GetJsonAsync($"api/uploads/{id}");
            if ((string?)json["status"] != "running") return json;
            onRunning?.Invoke(json);
            await Task.Delay(50);
        }
        throw new TimeoutException($"upload {id} still running after {Patience}");
    }

    /// <summary>The pid of the backend of the upload of <paramref name="file"/> once it waits for the parcels
    /// lock (an upload names its transaction 'landmap upload {id} {sha256 prefix}'; other tests' uploads may wait too).</summary>
    private static async Task<int> WaitForLockWaiterAsync(WriteServer ws, string file)
    {
        int? pid = null;
        await WaitUntilAsync(async () => (pid = await ws.DataSource.ScalarAsync<int?>($"""
            select pid from pg_stat_activity where wait_event_type = 'Lock' and query like 'lock table parcels%'
            and application_name like 'landmap upload % {Sha256(file)[..12]}' limit 1
            """)) is not null);
        return pid!.Value;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the condition did not come true in time");
            await Task.Delay(50);
        }
    }

    private static Task<string> Checksum(NpgsqlConnection c) =>
        Scalar<string>(c, "select md5(coalesce(string_agg(md5(p::text), '' order by id), '')) from parcels p");

    private static async Task<T> Scalar<T>(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Sha256(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>Sends half the body, then fails: the connection is dropped mid-body.</summary>
    private sealed class HalfThenFail(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
            await stream.FlushAsync();
            throw new IOException("the client gave up mid-body");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    /// <summary>A body of unknown length (sent chunked).</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
