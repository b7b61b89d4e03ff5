namespace LandMap.Api.Hosting;

/// <summary>Resolves the configured folders against the repository root, so the service finds
/// gis-data/ and web/ whether it runs from api/LandMap.Api, bin/ or a test host.</summary>
public static class RepositoryPaths
{
    private const string Marker = "LandMap.sln";

    public static string FindRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
                return dir.FullName;
        }
        return startDirectory;
    }

    public static string Resolve(string root, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root, path));
}
