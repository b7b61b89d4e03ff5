using System.Diagnostics;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// The API as a process of its own (the built api/LandMap.Api, `dotnet LandMap.Api.dll`), for what
/// an in-process host cannot show: the server's own memory (peak resident set, from /proc).
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private ApiProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>Starts the built API over <paramref name="connectionString"/> with <paramref name="settings"/>
    /// (configuration keys, e.g. LandMap:LoadSampleData) and waits until /health/live answers.</summary>
    public static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var bin = Path.Combine(LandMapServer.RepositoryRoot, "api", "LandMap.Api", "bin", "Release", "net10.0");
        var dll = Path.Combine(bin, "LandMap.Api.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is not built (dotnet build LandMap.sln -c Release)");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings:LandMap"] = connectionString,
            ["LandMap:WriteToken"] = LandMapServer.TestWriteToken,
        };
        foreach (var (key, value) in TestSettings.Common.Concat(settings)) environment[key] = value;
        return await StartAsync(dll, bin, environment);
    }

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> in <paramref name="workingDirectory"/> with
    /// <paramref name="settings"/> as environment variables (configuration keys; ':' becomes '__') and
    /// no other LandMap or ASP.NET Core setting of the test run's, on a free port; waits until /health/live answers.</summary>
    public static async Task<ApiProcess> StartAsync(string dll, string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var port = LandMapHostFactory.FreePort();
        var info = Processes.StartInfo("dotnet", [dll], new Processes.Options { WorkingDirectory = workingDirectory, WithoutServiceSettings = true });
        info.Environment["Urls"] = $"http://127.0.0.1:{port}"; // over appsettings.json's Urls (ASPNETCORE_URLS is not)
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var api = new ApiProcess(Process.Start(info)!, $"http://127.0.0.1:{port}");
        api.process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        api.process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        api.process.BeginOutputReadLine();
        api.process.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (api.process.HasExited) throw new InvalidOperationException("the API exited:\n" + api.Output);
                using var live = await client.GetAsync(api.BaseUrl + "/health/live");
                return live.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(90), "the API process answering /health/live");
        }
        catch (TimeoutException e)
        {
            await api.DisposeAsync();
            throw new TimeoutException(e.Message + "; it wrote:\n" + api.Output);
        }
        return api;
    }

    /// <summary>The most memory the process has held resident so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes => Status("VmHWM:");

    /// <summary>The memory the process holds resident now (VmRSS), in bytes.</summary>
    public long ResidentBytes => Status("VmRSS:");

    /// <summary>The last lines the process wrote.</summary>
    public string Output
    {
        get { lock (output) return string.Join('\n', output); }
    }

    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024; // kB
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Add(line);
            if (output.Count > 200) output.RemoveAt(0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
