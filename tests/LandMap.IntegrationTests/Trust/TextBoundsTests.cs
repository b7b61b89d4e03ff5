using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Writes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Trust.RequestLimitsTests;

namespace LandMap.Tests.Trust;

/// <summary>
/// Every text property has a bound from the catalog (codes: a pattern and 64 characters; names and
/// free text: 500): uploads and Part 4 edits refuse a longer value with a per-feature TooLong or
/// InvalidCode problem naming the field and the bound, the queryables declare it, and the
/// database's CHECK constraints mirror it.
/// </summary>
public sealed class TextBoundsTests(LandMapServer server)
{
    private async Task<HttpClient> WriterAsync()
    {
        var ws = await server.WriteServerAsync();
        var client = ws.CreateWriterClient();
        return client;
    }

    private static JsonObject WithProperty(string field, string value, int slot)
    {
        var feature = Parcel("TXT-" + Guid.NewGuid().ToString("N")[..8], Ring(5, slot));
        feature["properties"]![field] = value;
        return feature;
    }

    private static JsonNode Problem(JsonNode body, string kind) =>
        body["report"]!["problems"]!.AsArray().Single(p => (string?)p!["kind"] == kind)!;

    [Theory]
    [InlineData("name", 100_000, "TooLong", "500")]
    [InlineData("name", 501, "TooLong", "500")]
    [InlineData("land_user", 100_000, "TooLong", "500")]
    [InlineData("contract_no", 600, "TooLong", "500")]
    [InlineData("code", 100_000, "TooLong", "64")]
    [InlineData("code", 65, "TooLong", "64")]
    [InlineData("park_code", 100_000, "TooLong", "64")]
    [InlineData("project_code", 1000, "TooLong", "64")]
    public async Task An_uploaded_text_past_its_bound_is_a_per_feature_problem_naming_the_field_and_bound(string field, int length, string kind, string bound)
    {
        var r = await UploadAsync(await WriterAsync(), Collection([WithProperty(field, new string('A', length), 60)]));
        Assert.True(r.Status == HttpStatusCode.UnprocessableEntity, $"{(int)r.Status}: {r.Body?.ToJsonString()[..Math.Min(400, r.Body.ToJsonString().Length)]}");
        var p = Problem(r.Body!, kind);
        Assert.Equal(field, (string?)p["field"]);
        Assert.Equal(0, (int)p["featureIndex"]!);
        Assert.Contains(bound, (string?)p["messageEn"] ?? p.ToJsonString());
        Assert.True(r.Body!.ToJsonString().Length < 20_000, "the report must not echo the long value");
    }

    [Theory]
    [InlineData("code", "WZ 001")]
    [InlineData("code", "-WZ001")]
    [InlineData("code", "宗地001")]
    [InlineData("code", "WZ001\n")]
    [InlineData("code", "<script>")]
    [InlineData("park_code", "P JH")]
    public async Task A_code_outside_the_pattern_is_an_InvalidCode_problem(string field, string value)
    {
        var r = await UploadAsync(await WriterAsync(), Collection([WithProperty(field, value, 61)]));
        Assert.True(r.Status == HttpStatusCode.UnprocessableEntity, r.Body?.ToJsonString());
        Assert.Equal(field, (string?)Problem(r.Body!, "InvalidCode")["field"]);
    }

    [Fact]
    public async Task Text_at_its_bound_passes_counting_characters_not_bytes()
    {
        // 500 characters, each 3 or 4 bytes in UTF-8 (one outside the BMP counts once).
        var name = new string('地', 499) + "𠀀";
        var r = await UploadAsync(await WriterAsync(), Collection([WithProperty("name", name, 62)]));
        Assert.True(r.Status == HttpStatusCode.OK, r.Body?.ToJsonString());
    }

    [Fact]
    public async Task A_Part4_edit_past_a_bound_is_refused_with_the_problem_and_stores_nothing()
    {
        var client = await WriterAsync();
        foreach (var (field, length, kind) in new[] { ("name", 100_000, "TooLong"), ("code", 100_000, "TooLong"), ("name", 5_000_000, "TooLong") })
        {
            var feature = WithProperty(field, new string('B', length), 63);
            feature["geometry"]!["coordinates"] = Ring(5, 63 + length % 7);
            using var content = new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json");
            using var response = await client.PostAsync("ogc/collections/parcels/items", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge,
                $"{field} {length}: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
                Assert.Equal(field, (string?)Problem(JsonNode.Parse(text)!, kind)["field"]);
        }
    }

    [Fact]
    public async Task The_queryables_declare_the_bounds()
    {
        using var client = server.CreateClient();
        var schema = JsonNode.Parse(await client.GetStringAsync("ogc/collections/parcels/queryables"))!["properties"]!;
        Assert.Equal(TextBounds.CodeMaxLength, (int)schema["code"]!["maxLength"]!);
        Assert.Equal(TextBounds.CodePattern, (string?)schema["code"]!["pattern"]);
        Assert.Equal(TextBounds.TextMaxLength, (int)schema["name"]!["maxLength"]!);
        foreach (var c in CollectionCatalog.All)
        foreach (var p in c.Properties.Where(p => p is { Type: PropertyType.Text, Writable: true }))
            Assert.True(p.MaxLength is not null, $"{c.Id}.{p.Name} has no bound");
    }

    /// <summary>The migration's CHECKs say what the catalog says, and the sample data meets them
    /// (VALIDATE checks every stored row).</summary>
    [Fact]
    public async Task The_database_checks_mirror_the_catalog_and_the_sample_data_meets_them()
    {
        string[] references = ["park_code", "project_code", "land_use"];
        foreach (var c in CollectionCatalog.All)
        foreach (var p in c.Properties.Where(p => p is { Type: PropertyType.Text, Writable: true, MaxLength: not null }))
        {
            if (p.VocabularyTable is not null || references.Contains(p.Name)) continue;
            var name = $"{c.Id}_{p.Name}_bound";
            var definition = await server.DataSource.ScalarAsync<string>(
                $"select pg_get_constraintdef(oid) from pg_constraint where conname = '{name}'");
            Assert.Contains(p.Pattern is null ? $"<= {p.MaxLength}" : p.Pattern, definition);
            await using var validate = server.DataSource.CreateCommand($"alter table {c.Table} validate constraint {name}");
            await validate.ExecuteNonQueryAsync();
        }
    }
}
