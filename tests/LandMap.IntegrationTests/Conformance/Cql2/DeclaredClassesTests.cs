using System.Text.Json;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>/ogc/conformance declares exactly the CQL2 classes this folder tests, and not array functions.</summary>
public sealed class DeclaredClassesTests(LandMapServer server)
{
    private const string Cql2 = "http://www.opengis.net/spec/cql2/1.0/conf/";

    [Fact]
    [Trait("Requirement", "/req/basic-cql2/cql2-filter")]
    public async Task The_declared_cql2_classes_are_the_implemented_ones()
    {
        using var client = server.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("ogc/conformance"));
        var declared = doc.RootElement.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()!)
            .Where(c => c.StartsWith(Cql2, StringComparison.Ordinal)).Select(c => c[Cql2.Length..]).Order(StringComparer.Ordinal);
        // array-functions is left out: no collection has an array-valued property to apply it to.
        Assert.Equal(
            ["accent-insensitive-comparison", "advanced-comparison-operators", "arithmetic", "basic-cql2", "basic-spatial-functions",
             "basic-spatial-functions-plus", "case-insensitive-comparison", "cql2-json", "cql2-text", "functions", "property-property",
             "spatial-functions", "temporal-functions"],
            declared);
    }
}
