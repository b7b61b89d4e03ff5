using System.Net;
using System.Text.Json;
using LandMap.Api.Filtering;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// A refused filter's problem names the client's own text, never an internal object: issue 14
/// found "IN list items must be literals ... got CaseInsensitive { Arg = StringLit { Value = IDLE } }".
/// Every refusal of a corpus of bad filters and of the standard's examples is checked for the names
/// of this server's types (the CQL2 tree's records) and for .NET namespaces.
/// </summary>
public sealed class ProblemDetailsTests(LandMapServer server)
{
    private static readonly string[] Corpus =
    [
        "CASEI(status) IN (1)", "status IN (POINT(1 2))", "status IN (CASEI(area_mu))", "plot_ratio IN ('a', CASEI('b'))",
        "T_DURING(supplied_on, 1)", "T_AFTER(supplied_on, 'x')", "S_INTERSECTS(status, geometry)", "area_mu + 'x' > 1",
        "foo(1) = 2", "Buffer(geometry, 1, 'parsec') IS NULL", "lower(1) = 'a'", "TRUE AND 1", "status", "1 + 2",
        "CASEI(status)", "ACCENTI(area_mu) = 'x'", "INTERVAL('2014-01-01', '..') = 1", "geometry = POINT(1 2)",
        "status LIKE 1", "plot_ratio BETWEEN 'a' AND 'b'", "supplied_on = TIMESTAMP('2014-01-01T00:00:00Z') + 1",
        "T_DURING(INTERVAL(supplied_on, '2014-01-01T00:00:00Z'), DATE('2014-01-01'))", "S_DWITHIN(geometry, status, 1, meters)",
        """{"op": "in", "args": [{"property": "status"}, [{"op": "casei", "args": [1]}]]}""", """{"op": "+", "args": [1, 2]}""",
        """{"op": "=", "args": [{"op": "and", "args": [true, false]}, 1]}""", """{"op": "foo", "args": []}""", "[]", "1",
        """{"op": "in", "args": [{"property": "status"}, [{"bbox": [1, 2, 3, 4]}]]}""",
    ];

    /// <summary>The names a message must not show: the CQL2 tree's types, and namespaces.</summary>
    internal static readonly string[] InternalNames =
    [
        .. typeof(Cql2Node).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(Cql2Node)) || t.Name.StartsWith("Cql2", StringComparison.Ordinal)).Select(t => t.Name),
        "System.", "LandMap.", "Npgsql", "NetTopologySuite", "Parlot", " = {", "{ Arg", "{ Value",
    ];

    [Fact]
    [Trait("Requirement", "/req/basic-cql2/cql2-filter")]
    public async Task A_refused_filter_is_named_in_cql2_text_never_as_an_internal_object()
    {
        using var client = server.CreateClient();
        var refused = 0;
        foreach (var filter in Corpus)
        {
            var lang = filter.StartsWith('{') || filter.StartsWith('[') || filter == "1" ? "cql2-json" : "cql2-text";
            using var response = await client.GetAsync($"ogc/collections/parcels/items?limit=1&filter-lang={lang}&filter={Uri.EscapeDataString(filter)}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{filter}: {(int)response.StatusCode} {body}");
            var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
            foreach (var name in InternalNames)
                Assert.False(detail.Contains(name, StringComparison.Ordinal), $"{filter}: the problem shows '{name}': {detail}");
            refused++;
        }
        Assert.Equal(Corpus.Length, refused);
    }
}
