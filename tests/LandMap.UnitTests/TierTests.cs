using System.Reflection;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests;

/// <summary>
/// The unit tier runs with PostgreSQL absent (README, Tests): nothing here may start a cluster or a
/// server. A fixture is the only way a test gets one (LandMapServer is an assembly fixture, the sites
/// are class and collection fixtures), so this assembly may declare none and its test classes may take
/// nothing in their constructors but xunit's own helpers.
/// </summary>
public sealed class TierTests
{
    private static readonly Assembly Unit = typeof(TierTests).Assembly;

    /// <summary>What xunit hands a test class without any fixture.</summary>
    private static readonly Type[] RunnerServices = [typeof(ITestOutputHelper), typeof(ITestContextAccessor)];

    /// <summary>The test-side types that start PostgreSQL or the API (named so a rename breaks this test, not silently).</summary>
    private static readonly string[] ServerStarters =
    [
        nameof(LandMapServer), nameof(LandMapHostFactory), nameof(ApiHost), nameof(ApiProcess),
        nameof(ScratchCluster), nameof(ReplicaPair), "TrustSite", "LocalCluster", "NpgsqlDataSource",
    ];

    [Fact]
    public void The_unit_assembly_declares_no_assembly_fixture()
    {
        Assert.Empty(Unit.GetCustomAttributes<AssemblyFixtureAttribute>());
    }

    [Fact]
    public void No_unit_test_class_takes_a_fixture()
    {
        var fixtureInterfaces = new[] { typeof(IClassFixture<>), typeof(ICollectionFixture<>) };
        var offenders = Unit.GetTypes()
            .Where(t => t.GetCustomAttribute<CollectionDefinitionAttribute>() is not null
                || t.GetInterfaces().Any(i => i.IsGenericType && fixtureInterfaces.Contains(i.GetGenericTypeDefinition()))
                || (IsTestClass(t) && t.GetConstructors().Any(c => c.GetParameters().Any(p => !RunnerServices.Contains(p.ParameterType)))))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_unit_test_source_names_what_starts_a_database_or_a_server()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "LandMap.UnitTests");
        var offenders =
            from file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileName(file) != "TierTests.cs"
            from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
            from name in ServerStarters
            where line.text.Contains(name, StringComparison.Ordinal)
            select $"{Path.GetRelativePath(folder, file)}:{line.number} names {name}";
        Assert.Empty(offenders);
    }

    private static bool IsTestClass(Type t) =>
        t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());
}
