using System.Diagnostics;

namespace LandMap.Api.Data;

/// <summary>Runs a command to completion and captures its output; used for initdb and pg_ctl.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Ok => ExitCode == 0;
    }

    /// <summary>Runs <paramref name="file"/>; as root, through runuser as <paramref name="runAs"/>
    /// because initdb and postgres refuse to run as root.</summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string? runAs, CancellationToken ct)
    {
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (runAs is not null && Environment.IsPrivilegedProcess)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", runAs, "--", file }) psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = file;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        // Read both streams concurrently so a full pipe never blocks the child.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
