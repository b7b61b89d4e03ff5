using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Deploy;

/// <summary>
/// deploy/Dockerfile checked against what it packs, as far as a machine without docker can: read
/// instruction by instruction, its runtime is the framework the API targets, it copies the publish
/// folder and starts the dll that is in it, its port is the one it listens on, exposes and probes,
/// its user is not root, and its HEALTHCHECK command, run with bash as the container would, passes
/// against the published binary and fails where nothing answers. (Its syntax: dockerfile-utils lint
/// in ./landmap.sh test.)
/// </summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task The_dockerfile_runs_the_publish_folder_on_its_runtime_as_non_root_and_its_probe_answers()
    {
        var recipe = Instructions(Path.Combine(LandMapServer.RepositoryRoot, "deploy", "Dockerfile"));
        string Only(string instruction) => Assert.Single(recipe, i => i.Name == instruction).Arguments;

        var framework = Regex.Match(File.ReadAllText(Path.Combine(LandMapServer.RepositoryRoot, "Directory.Build.props")),
            "<TargetFramework>net(?<version>[0-9.]+)</TargetFramework>").Groups["version"].Value;
        Assert.Equal($"mcr.microsoft.com/dotnet/aspnet:{framework}", Only("FROM"));

        var workdir = Only("WORKDIR");
        Assert.Equal($". {workdir}", Only("COPY")); // the build context is the publish folder
        var entry = JsonSerializer.Deserialize<string[]>(Only("ENTRYPOINT"))!;
        Assert.Equal("dotnet", entry[0]);
        Assert.StartsWith(workdir + "/", entry[1]);
        Assert.True(File.Exists(Path.Combine(Published, entry[1][(workdir.Length + 1)..])), $"{entry[1]} is not in the publish folder");

        var port = Only("EXPOSE");
        Assert.Contains($"Urls=http://0.0.0.0:{port}", Only("ENV"));
        Assert.DoesNotContain(Only("USER"), new[] { "root", "0", "0:0" });

        var healthcheck = Only("HEALTHCHECK");
        var probe = JsonSerializer.Deserialize<string[]>(healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!;
        Assert.Equal("bash", probe[0]);
        var target = $"/dev/tcp/127.0.0.1/{port}";
        Assert.Contains(target, probe[^1]);

        var cs = await server.CreateEmptyDatabaseAsync("landmap_published_probe");
        await using (var api = await ApiProcess.StartAsync(Dll, Elsewhere, new Dictionary<string, string> { ["ConnectionStrings:LandMap"] = cs }))
        {
            var answering = probe[^1].Replace(target, $"/dev/tcp/127.0.0.1/{new Uri(api.BaseUrl).Port}", StringComparison.Ordinal);
            var passed = await RunAsync(probe[0], [.. probe[1..^1], answering], Elsewhere, new Dictionary<string, string>());
            Assert.True(passed.ExitCode == 0, "the HEALTHCHECK command failed against the published binary: " + passed.Output);
        }
        var closed = probe[^1].Replace(target, $"/dev/tcp/127.0.0.1/{LandMapHostFactory.FreePort()}", StringComparison.Ordinal);
        Assert.NotEqual(0, (await RunAsync(probe[0], [.. probe[1..^1], closed], Elsewhere, new Dictionary<string, string>())).ExitCode);
    }

    /// <summary>The Dockerfile's instructions (name upper-cased, arguments with continuation lines
    /// joined), comments and blank lines left out, as docker reads them.</summary>
    private static List<(string Name, string Arguments)> Instructions(string path)
    {
        var joined = Regex.Replace(File.ReadAllText(path), @"\\\r?\n", " ");
        return [.. joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)).Select(p => (p[0].ToUpperInvariant(), Regex.Replace(p.Length > 1 ? p[1] : "", @"\s+", " ").Trim()))];
    }
}
