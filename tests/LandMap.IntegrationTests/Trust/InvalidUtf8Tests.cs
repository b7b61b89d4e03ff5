using System.Text;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Problems;

namespace LandMap.Tests.Trust;

/// <summary>Bytes that are not UTF-8 in a GeoJSON upload (found by the fuzz test): a problem for the
/// feature or a 400 for the file, never an unhandled exception.</summary>
public sealed class InvalidUtf8Tests(LandMap.Tests.Infrastructure.LandMapServer server) : IDisposable
{
    private readonly string path = Path.GetTempFileName();

    public void Dispose() => File.Delete(path);

    private const string Feature =
        """{"type":"Feature","properties":{"code":"U-1","park_code":"P-BH","land_use":"0601","land_use_edition":"2017","status":"idle"},"geometry":{"type":"Polygon","coordinates":[[[121.04,28.12],[121.0404,28.12],[121.0404,28.1204],[121.04,28.12]]]}}""";

    public static TheoryData<string> Places => ["properties", "geometry", "code", "park_code", "coordinates", "type"];

    [Theory]
    [MemberData(nameof(Places))]
    public void A_bad_byte_in_a_member_name_of_a_feature_makes_that_feature_unreadable(string name)
    {
        var bytes = Corrupt("""{"type":"FeatureCollection","features":[""" + Feature + "," + Feature + "]}", "\"" + name + "\"", last: true);
        File.WriteAllBytes(path, bytes);
        using var source = GeoJsonFileSource.Open(path, CancellationToken.None);
        var features = source.ReadFeatures(CancellationToken.None).ToList();
        Assert.Equal(2, features.Count);
        Assert.Null(features[0].ReadError);
        Assert.NotNull(features[1].ReadError);
    }

    [Theory]
    [InlineData("\"type\"")]
    [InlineData("\"FeatureCollection\"")]
    [InlineData("\"features\"")]
    public void A_bad_byte_in_the_root_members_is_400(string name)
    {
        File.WriteAllBytes(path, Corrupt("""{"type":"FeatureCollection","features":[""" + Feature + "]}", name, last: false));
        var e = Assert.Throws<InvalidParameterException>(() =>
        {
            using var source = GeoJsonFileSource.Open(path, CancellationToken.None);
            _ = source.ReadFeatures(CancellationToken.None).ToList();
        });
        Assert.Equal("body", e.Parameter);
    }

    [Fact]
    public async Task A_JSON_body_that_is_not_UTF8_is_400_naming_body()
    {
        using var content = new ByteArrayContent([.. "{\"road\":\"RD-0"u8, 0xff, .. "11\",\"distance\":100}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await server.CreateClient().PostAsync("api/parcels/area", content);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("body", (string?)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Fact]
    public async Task A_multipart_form_whose_parts_miss_the_boundary_is_400()
    {
        var (client, _) = await LandMap.Tests.Upload.UploadFiles.WritesAsync(server);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("--other\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + new string('[', 20_000) + "\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=fuzz1");
        var response = await client.PostAsync("api/uploads?collection=parcels&dryRun=true", content);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The text with byte 0xff in place of the second character of <paramref name="token"/>'s first (or last) occurrence.</summary>
    private static byte[] Corrupt(string text, string token, bool last)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = last ? text.LastIndexOf(token, StringComparison.Ordinal) : text.IndexOf(token, StringComparison.Ordinal);
        bytes[Encoding.UTF8.GetByteCount(text[..at]) + 2] = 0xff;
        return bytes;
    }
}
