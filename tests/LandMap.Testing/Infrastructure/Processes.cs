using System.Diagnostics;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// The tests' one way to run a tool (GDAL, pg_ctl, the backup scripts, dotnet): start it with an
/// argument list (no shell quoting), read stdout and stderr concurrently so a full pipe never blocks
/// it, wait for it within a bound, and report what it said.
/// </summary>
public static class Processes
{
    /// <summary>How a run ended: its exit code and what it wrote.</summary>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Stdout then stderr, as a person reading a terminal would see them.</summary>
        public string Output => Stdout + Stderr;

        /// <summary>Whether it exited 0.</summary>
        public bool Ok => ExitCode == 0;
    }

    /// <summary>PostgreSQL's tools (pg_ctl, pg_basebackup) as the postgres user when the tests run as root.</summary>
    public static readonly Options AsPostgres = new() { RunAs = "postgres" };

    /// <summary>How to run: folder, environment, and whether the run's own service settings are dropped.</summary>
    public sealed record Options
    {
        /// <summary>The working directory (the test's own when null).</summary>
        public string? WorkingDirectory { get; init; }

        /// <summary>Environment variables set for the tool (after any clearing).</summary>
        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        /// <summary>Drop the test run's LandMap, connection-string and ASP.NET Core variables, so a
        /// started service gets only the settings it is given.</summary>
        public bool WithoutServiceSettings { get; init; }

        /// <summary>As root, run through runuser as this user (initdb and postgres refuse root).</summary>
        public string? RunAs { get; init; }

        /// <summary>How long the tool may take before the run fails.</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);
    }

    /// <summary>Runs <paramref name="tool"/> to its end; whatever its exit code.</summary>
    public static async Task<Outcome> RunAsync(string tool, IEnumerable<string> args, Options? options = null)
    {
        options ??= new Options();
        var info = StartInfo(tool, args, options);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(info)} ran longer than {options.Timeout}");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <paramref name="tool"/> and fails the test unless it exits 0; its standard output.</summary>
    public static async Task<string> RunCheckedAsync(string tool, IEnumerable<string> args, Options? options = null)
    {
        var outcome = await RunAsync(tool, args, options);
        Assert.True(outcome.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {outcome.ExitCode}: {outcome.Stderr}{outcome.Stdout}");
        return outcome.Stdout;
    }

    /// <summary>The start info <see cref="RunAsync"/> uses; for long-running processes started by hand (ApiProcess).</summary>
    public static ProcessStartInfo StartInfo(string tool, IEnumerable<string> args, Options options)
    {
        var info = new ProcessStartInfo
        {
            FileName = tool, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (options.RunAs is not null && Environment.IsPrivilegedProcess)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", options.RunAs, "--", tool }) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        if (options.WorkingDirectory is not null) info.WorkingDirectory = options.WorkingDirectory;
        if (options.WithoutServiceSettings) ClearServiceSettings(info);
        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }

    /// <summary>Removes the test run's own LandMap, connection-string and ASP.NET Core variables from
    /// <paramref name="info"/>'s environment: the process gets only the settings it is given.</summary>
    private static void ClearServiceSettings(ProcessStartInfo info)
    {
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("LandMap", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
    }

    private static string Describe(ProcessStartInfo info) => $"{info.FileName} {string.Join(' ', info.ArgumentList)}";
}
