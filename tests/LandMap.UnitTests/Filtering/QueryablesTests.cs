using System.Text.Json.Nodes;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Filtering;
using Npgsql;

namespace LandMap.Tests.Filtering;

/// <summary>The queryables document: a JSON Schema of exactly the names the SQL writer accepts.</summary>
public sealed class QueryablesTests
{
    [Fact]
    public void Parcels_queryables_schema()
    {
        var schema = Queryables.Schema(CollectionCatalog.Parcels, "http://example.org/", VocabularyCodes.Empty);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal("http://example.org/ogc/collections/parcels/queryables", (string?)schema["$id"]);
        Assert.Equal("object", (string?)schema["type"]);
        Assert.False((bool)schema["additionalProperties"]!);
        var p = schema["properties"]!;
        Assert.Equal("string", (string?)p["code"]!["type"]);
        Assert.Equal("宗地编号", (string?)p["code"]!["title"]);
        Assert.Equal("date", (string?)p["supplied_on"]!["format"]);
        Assert.Equal("date-time", (string?)p["updated_at"]!["format"]);
        Assert.Equal("number", (string?)p["area_mu"]!["type"]);
        Assert.True((bool)p["area_mu"]!["readOnly"]!);
        Assert.Equal("integer", (string?)p["version"]!["type"]);
        Assert.Equal("geometry-multipolygon", (string?)p["geometry"]!["format"]);
        Assert.Equal("primary-geometry", (string?)p["geometry"]!["x-ogc-role"]);
        Assert.Null(p["geom"]);
    }

    [Theory]
    [InlineData("projects", "geometry-point")]
    [InlineData("roads", "geometry-multilinestring")]
    [InlineData("parks", "geometry-multipolygon")]
    public void Geometry_format_follows_the_collection(string id, string format) =>
        Assert.Equal(format, (string?)Queryables.Schema(CollectionCatalog.Find(id)!, "http://x", VocabularyCodes.Empty)["properties"]!["geometry"]!["format"]);

    public static TheoryData<string> CollectionIds => new(CollectionCatalog.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(CollectionIds))]
    public void Every_queryable_is_accepted_by_the_sql_writer(string id)
    {
        var collection = CollectionCatalog.Find(id)!;
        var names = Queryables.Schema(collection, "http://x", VocabularyCodes.Empty)["properties"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Equal(collection.Properties.Count + 1, names.Count);
        foreach (var name in names)
            Cql2Filter.ToSql($"\"{name}\" IS NULL", null, collection, new SqlParameters(new NpgsqlCommand()));
        Assert.IsType<JsonObject>(Queryables.Schema(collection, "http://x", VocabularyCodes.Empty));
    }
}
