using LandMap.Api.Hosting;
using Microsoft.Extensions.Options;

namespace LandMap.Api.Data;

/// <summary>
/// The operator's database commands, run with the service's own configuration and then exit
/// (the web server does not start): <c>migrate</c> creates the database when missing and applies
/// the migrations; <c>seed</c> does the same and loads the sample data (gis-data/, each file once).
/// </summary>
public static class DatabaseCommands
{
    /// <summary>The command names Program dispatches on.</summary>
    public static readonly string[] Names = ["migrate", "seed"];

    /// <summary>Runs <paramref name="command"/>; 0 when done, 1 when a setting or the database refused.</summary>
    public static async Task<int> RunAsync(WebApplication app, string command)
    {
        DatabaseStartup? startup = null;
        try
        {
            // The same checks as a start of the server: a bad setting stops the command too.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            startup = app.Services.GetRequiredService<DatabaseStartup>();
            await startup.PrepareAsync(loadSampleData: command == "seed", app.Lifetime.ApplicationStopping);
            app.Logger.LogInformation("{Command}: done", command);
            return 0;
        }
        catch (Exception e) when (e is StartupException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        finally
        {
            if (startup is not null) await startup.StopAsync(CancellationToken.None);
        }
    }
}
