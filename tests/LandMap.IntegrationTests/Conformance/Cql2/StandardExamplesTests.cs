using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// The CQL2 standard's own example expressions (StandardExamples/, see SOURCE.md there), text and
/// JSON, sent to /ogc/collections/parcels/items. Each is answered, or refused with a 400 only because
/// it names a property or a function parcels do not have, and the 400 names it; and no refusal, of
/// these or of a corpus of bad filters, shows an internal .NET name.
/// </summary>
public sealed partial class StandardExamplesTests(LandMapServer server)
{
    private static readonly string Folder = Path.Combine(LandMapServer.RepositoryRoot,
        "tests", "LandMap.IntegrationTests", "Conformance", "Cql2", "StandardExamples");

    /// <summary>Examples whose geometry literal is not a valid OGC Simple Features geometry (a ring
    /// that crosses itself, a hole outside its shell): a valid CQL2 expression that this server
    /// refuses with a 400 saying so, since GEOS cannot decide predicates on invalid shapes.</summary>
    private static readonly HashSet<string> InvalidGeometryExamples = ["example46", "example46-alt01", "example49", "example49-alt01"];

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "text"), "*.txt").Order())
            data.Add(Path.GetFileName(file), "cql2-text");
        foreach (var file in Directory.GetFiles(Path.Combine(Folder, "json"), "*.json").Order())
            data.Add(Path.GetFileName(file), "cql2-json");
        return data;
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(string filter, string lang)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(
            $"ogc/collections/parcels/items?limit=1&filter-lang={lang}&filter={Uri.EscapeDataString(filter)}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    [Trait("Requirement", "/req/cql2-text/basic-cql2")]
    [Trait("Requirement", "/req/cql2-json/basic-cql2")]
    public async Task A_standard_example_is_answered_or_refused_only_for_a_name_parcels_lack(string file, string lang)
    {
        var filter = await File.ReadAllTextAsync(Path.Combine(Folder, lang == "cql2-text" ? "text" : "json", file));
        var (status, body) = await Get(filter, lang);
        if (status == HttpStatusCode.OK) return;
        Assert.True(status == HttpStatusCode.BadRequest, $"{file}: {(int)status} {body}");
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.DoesNotContain(ProblemDetailsTests.InternalNames, name => detail.Contains(name, StringComparison.Ordinal));
        var named = UnknownName().Match(detail);
        if (named.Success)
        {
            // The name refused is one the example uses (any case: JSON spells functions as it likes).
            Assert.Contains(named.Groups["name"].Value, filter, StringComparison.OrdinalIgnoreCase);
            return;
        }
        Assert.True(InvalidGeometryExamples.Contains(Path.GetFileNameWithoutExtension(file)) && detail.Contains("geometry literal is not valid"),
            $"{file} ({lang}) refused for another reason: {detail}");
    }

    [GeneratedRegex("unknown (property|function) '(?<name>[^']+)'")]
    private static partial Regex UnknownName();
}
