using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.OpenApi;

/// <summary>
/// Both OpenAPI documents the service serves (the whole service's /openapi/v1.json, browsed at /docs,
/// and the OGC API's service-desc /openapi/ogc.json) lint clean with Redocly CLI, pinned in
/// web/package-lock.json, under the rules .redocly.yaml at the repository root turns on: errors and
/// warnings both fail (issue 14 point 8).
/// </summary>
public sealed class OpenApiLintTests(LandMapServer server)
{
    [Theory]
    [InlineData("openapi/v1.json")]
    [InlineData("openapi/ogc.json")]
    public async Task The_OpenAPI_document_lints_clean_with_redocly(string path)
    {
        using var client = server.CreateClient();
        var document = await client.GetStringAsync(path);
        var dir = Directory.CreateTempSubdirectory("landmap-openapi-");
        try
        {
            var file = Path.Combine(dir.FullName, Path.GetFileName(path));
            await File.WriteAllTextAsync(file, document);
            var root = LandMapServer.RepositoryRoot;
            var outcome = await Processes.RunAsync("npx",
                ["--no-install", "redocly", "lint", file, "--config", Path.Combine(root, ".redocly.yaml"),
                 "--max-problems", "200", "--format", "stylish"],
                new Processes.Options { WorkingDirectory = Path.Combine(root, "web"),
                    Environment = new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" } });
            var report = outcome.Stdout + outcome.Stderr;
            Assert.True(outcome.ExitCode == 0, $"redocly lint {path} exited {outcome.ExitCode}:\n{report}");
            // Warnings do not change redocly's exit code: they fail here all the same ("line:col  warning  rule").
            Assert.DoesNotMatch(@"\d+:\d+\s+warning\s", report);
            Assert.Contains("Your API description is valid", report);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
