namespace LandMap.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder of LandMap.sln) from a test's output folder: the
/// tests' clusters, the web map and the sample data are found from there. The service itself never
/// walks up: it reads its folders from settings, relative to its content root.</summary>
public static class RepositoryPaths
{
    private const string Marker = "LandMap.sln";

    /// <summary>The repository root of the running tests.</summary>
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    public static string FindRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
                return dir.FullName;
        }
        return startDirectory;
    }
}
