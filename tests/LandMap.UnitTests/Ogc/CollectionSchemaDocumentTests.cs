using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Features.Ogc;

namespace LandMap.Tests.Ogc;

/// <summary>The Part 5 schema and the GeoJSON feature schema, built from the catalog alone: a column
/// added to the catalog gets its English title, its unit and its place in both.</summary>
public sealed class CollectionSchemaDocumentTests
{
    public static TheoryData<string> CollectionIds => new(CollectionCatalog.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(CollectionIds))]
    public void Every_property_has_an_english_title_and_measures_have_a_unit(string id)
    {
        foreach (var p in CollectionCatalog.Find(id)!.Properties)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.TitleEn), $"{id}.{p.Name} has no English title");
            // The names say the unit (_m2, _mu, _m, _wan, _yi, _10k_m3): the catalog must declare it.
            var measured = System.Text.RegularExpressions.Regex.IsMatch(p.Name, "_(m2|mu|m|wan|yi|10k_m3)$");
            Assert.True(measured == p.Unit is not null, $"{id}.{p.Name}: unit {p.Unit}");
        }
    }

    [Theory]
    [MemberData(nameof(CollectionIds))]
    public void The_schema_lists_id_geometry_and_every_catalog_property_in_order(string id)
    {
        var collection = CollectionCatalog.Find(id)!;
        var schema = CollectionSchema.Returnables(collection, "http://x/", VocabularyCodes.Empty)["properties"]!.AsObject();
        Assert.Equal(["id", "geometry", .. collection.Properties.Select(p => p.Name)],
            schema.OrderBy(p => (int)p.Value!["x-ogc-propertySeq"]!).Select(p => p.Key));
        Assert.Equal("http://x/ogc/collections/" + id + "/schema",
            (string?)CollectionSchema.Returnables(collection, "http://x/", VocabularyCodes.Empty)["$id"]);
    }

    [Theory]
    [MemberData(nameof(CollectionIds))]
    public void The_feature_schema_holds_the_same_property_schemas(string id)
    {
        var collection = CollectionCatalog.Find(id)!;
        var part5 = CollectionSchema.Returnables(collection, "http://x", VocabularyCodes.Empty)["properties"]!;
        var feature = CollectionSchema.GeoJsonFeature(collection, "http://x", VocabularyCodes.Empty)["properties"]!["properties"]!["properties"]!.AsObject();
        Assert.Equal(collection.Properties.Select(p => p.Name), feature.Select(p => p.Key));
        foreach (var (name, property) in feature)
        {
            var expected = part5[name]!.DeepClone().AsObject();
            expected.Remove("x-ogc-propertySeq");
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, property), name);
        }
    }
}
