namespace LandMap.Tests.Infrastructure;

/// <summary>
/// Where a test assembly's <see cref="LandMapServer"/> keeps its cluster: a folder of the repository
/// and an offset from LANDMAP_TEST_PG_PORT. Each tier that starts a server has its own, so
/// <c>dotnet test LandMap.sln</c> may run the integration and browser assemblies at the same time.
/// Without the attribute: <c>.pgdata-test</c> on the port itself.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestClusterAttribute(string folder, int portOffset) : Attribute
{
    /// <summary>The data folder's name under the repository root.</summary>
    public string Folder { get; } = folder;

    /// <summary>Added to LANDMAP_TEST_PG_PORT (the scratch clusters of the fault tests use 2 to 8; checkouts
    /// side by side are often 10 ports apart, so keep it under 10).</summary>
    public int PortOffset { get; } = portOffset;

    /// <summary>The attribute of the running test assembly, or the default.</summary>
    public static TestClusterAttribute Current { get; } =
        AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => (TestClusterAttribute?)GetCustomAttribute(a, typeof(TestClusterAttribute)))
            .FirstOrDefault(a => a is not null) ?? new(".pgdata-test", 0);
}
