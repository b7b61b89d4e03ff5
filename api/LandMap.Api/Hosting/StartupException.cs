namespace LandMap.Api.Hosting;

/// <summary>A start-up step failed; the message says which step and why.</summary>
public sealed class StartupException(string step, string reason)
    : Exception($"Start-up failed while {step}: {reason}")
{
    public string Step { get; } = step;
}
