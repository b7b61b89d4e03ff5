using System.Net;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Tests.Infrastructure;
using Npgsql;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Vocabulary;

/// <summary>
/// The vocabulary tables are the only source of the allowed values: the upload validator refuses
/// what is not a row, the queryables declare the rows as enums, the columns' foreign keys refuse
/// the rest, and a row added to a table is a valid value at once, with no code change.
/// </summary>
public sealed class VocabularyValidationTests(LandMapServer server)
{
    /// <summary>Every coded property a file may give, with the catalog's collection.</summary>
    public static TheoryData<string, string> CodedProperties()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in CollectionCatalog.All)
        foreach (var p in c.WritableProperties.Where(p => p.VocabularyTable is not null))
            data.Add(c.Id, p.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CodedProperties))]
    public async Task A_value_that_is_not_a_row_is_refused_naming_the_field(string collection, string property)
    {
        var (client, _) = await WritesAsync(server);
        var feature = OneFeature(CollectionCatalog.Find(collection)!, Code("voc"));
        feature["properties"]![property] = "9999_not_a_row";
        var (status, json, _) = await PostAsync(client, $"collection={collection}&dryRun=true", Collection(feature));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        // A land-use code is read with its edition: a code no edition has is InvalidLandUseCode.
        var kind = CollectionCatalog.Find(collection)!.Properties.Single(p => p.Name == property).EditionProperty is not null
            ? "InvalidLandUseCode" : "InvalidEnum";
        Assert.Contains(json["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == kind && (string?)p["field"] == property);
    }

    [Theory]
    [MemberData(nameof(CodedProperties))]
    public async Task The_queryables_enum_is_the_tables_rows(string collection, string property)
    {
        var table = CollectionCatalog.Find(collection)!.Properties.Single(p => p.Name == property).VocabularyTable!;
        var schema = await server.CreateClient().GetJsonAsync($"ogc/collections/{collection}/queryables");
        var served = schema["properties"]![property]!["enum"]!.AsArray().Select(v => (string)v!).ToList();
        var rows = (await VocabularyCodes.LoadAsync(server.DataSource, CancellationToken.None)).Of(table);
        Assert.NotEmpty(rows);
        Assert.Equal(rows, served);
        // A land-use code two editions share (1001) is one enum value.
        var key = table == VocabularyTables.LandUseCodes ? "distinct code" : "*";
        Assert.Equal(await server.DataSource.ScalarAsync<long>($"select count({key}) from {table}"), served.Count);
    }

    [Fact]
    public async Task The_parcels_computed_state_declares_the_states_too()
    {
        var schema = await server.CreateClient().GetJsonAsync("ogc/collections/parcels/queryables");
        Assert.Equal(schema["properties"]!["status"]!["enum"]!.ToJsonString(), schema["properties"]!["state"]!["enum"]!.ToJsonString());
    }

    [Fact]
    public async Task A_row_added_to_a_table_is_a_valid_value_with_no_code_change()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_vocabulary");
        await using var host = ApiHost.Start(cs, new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false" });
        using var client = host.CreateClient(token: true);
        var road = OneFeature(CollectionCatalog.Roads, "R-VOC-1");
        road["properties"]!["stage"] = "closed";
        var file = Collection(road);

        var (before, report, _) = await PostAsync(client, "collection=roads&dryRun=true", file);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, before);
        Assert.Contains(report["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "InvalidEnum" && (string?)p["field"] == "stage");
        await using var db = NpgsqlDataSource.Create(cs);
        // The database refuses it too: the column's foreign key, not a CHECK restating the list.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<long>(
            "insert into roads (code, name, grade, stage, geom) values ('R-SQL', 'x', 'arterial', 'closed', " +
            "st_geomfromtext('MULTILINESTRING((120.81 27.84, 120.82 27.84))', 4490)) returning id"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);

        await db.ScalarAsync<long>("insert into road_stages values ('closed', '封闭', 'Closed', '#000000', 4) returning 1::bigint");

        var (after, stored, _) = await PostAsync(client, "collection=roads", file);
        Assert.True(after is HttpStatusCode.OK or HttpStatusCode.Created, stored.ToJsonString());
        Assert.Equal("closed", await db.ScalarAsync<string>("select stage from roads where code = 'R-VOC-1'"));
        var schema = await client.GetJsonAsync("ogc/collections/roads/queryables");
        Assert.Contains("closed", schema["properties"]!["stage"]!["enum"]!.AsArray().Select(v => (string)v!));
        var vocabulary = await client.GetJsonAsync("api/vocabulary");
        Assert.Equal("Closed", (string)vocabulary["roadStates"]!.AsArray().Single(t => (string)t!["code"]! == "closed")!["nameEn"]!);
    }

    /// <summary>A feature of <paramref name="collection"/> with every required property valid (in the sample's vocabulary).</summary>
    private static JsonObject OneFeature(CollectionDef collection, string code)
    {
        JsonObject properties = collection.Id switch
        {
            "parks" => new() { ["name_zh"] = "园", ["name_en"] = "Park", ["kind"] = "core" },
            "projects" => new() { ["name_zh"] = "项目", ["park_code"] = "P-BH", ["stage"] = "signed" },
            "parcels" => new() { ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle", ["supply_method"] = "sale" },
            "roads" => new() { ["name"] = "路", ["grade"] = "arterial", ["stage"] = "open" },
            "rivers" => new() { ["name"] = "河", ["rectification"] = "rectified" },
            "plan_zones" => new() { ["plan_name"] = "控规", ["edition"] = "2016", ["approved_on"] = "2016-06-30", ["land_use"] = "M2", ["land_use_edition"] = "gb50137" },
            "control_lines" => new() { ["name"] = "红线", ["kind"] = "red" },
            "protected_areas" => new() { ["name"] = "基本农田", ["kind"] = "basic_farmland" },
            _ => new() { ["name"] = "库", ["kind"] = "reservoir", ["stage"] = "completed" },
        };
        properties["code"] = code;
        JsonNode geometry = collection.GeometryType switch
        {
            "Point" => new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(121.05, 28.15) },
            "MultiLineString" => new JsonObject { ["type"] = "LineString", ["coordinates"] = new JsonArray(new JsonArray(121.05, 28.15), new JsonArray(121.06, 28.15)) },
            _ => new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(
                new JsonArray(121.05, 28.15), new JsonArray(121.051, 28.15), new JsonArray(121.051, 28.151), new JsonArray(121.05, 28.151), new JsonArray(121.05, 28.15))) },
        };
        return new JsonObject { ["type"] = "Feature", ["properties"] = properties, ["geometry"] = geometry };
    }
}
