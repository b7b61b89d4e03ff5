using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Architecture;

/// <summary>
/// Dependencies between the API's folders run one way (README, "Architecture"): features use the
/// shared folders (Domain, Writes, Items, Filtering, Data, Geo, Hosting, Problems, Auth...), never
/// each other, and no shared folder uses a feature. Read from the source, so a new `using` that
/// breaks the shape fails here with the file and line that made it.
/// </summary>
public sealed class DependencyTests
{
    private static readonly FolderGraph Graph =
        FolderGraph.Read(Path.Combine(RepositoryPaths.Root, "api", "LandMap.Api"));

    /// <summary>The rows of README's "Architecture" diagram, bottom up: a folder uses only folders
    /// on lower rows. A new folder has to be given its row here (and in the README).</summary>
    private static readonly string[][] Layers =
    [
        ["Problems", "Configuration"],
        ["Domain", "Observability", "Geo"],
        ["Hosting"],
        ["Data"],
        ["Filtering", "Auth"],
        ["Items", "Writes", "Exports", "Limits"],
    ];

    private static int LayerOf(string folder) =>
        FolderGraph.IsFeature(folder) ? Layers.Length : Array.FindIndex(Layers, l => l.Contains(folder));

    [Fact]
    public void Every_folder_has_its_row_and_uses_only_lower_rows()
    {
        var unplaced = Graph.Edges.Keys.Where(f => LayerOf(f) < 0).ToList();
        Assert.True(unplaced.Count == 0, "folders without a row in Layers (and README's diagram): " + string.Join(", ", unplaced));
        var upward = Graph.Edges
            .SelectMany(e => e.Value.Where(to => LayerOf(to) >= LayerOf(e.Key)).Select(to => (e.Key, to)))
            .ToList();
        Assert.True(upward.Count == 0, "folders using a folder on their own row or above:\n" + Graph.Describe(upward));
    }

    [Fact]
    public void The_folder_graph_has_no_cycles()
    {
        var cycles = Graph.Cycles();
        Assert.True(cycles.Count == 0, "folders that reach each other:\n" + string.Join("\n", cycles.Select(c =>
            string.Join(" <-> ", c) + "\n" + Graph.Describe(c.SelectMany(a => Graph.Edges[a].Where(c.Contains).Select(b => (a, b)))))));
    }

    [Fact]
    public void No_feature_uses_another_feature()
    {
        var edges = Graph.Edges
            .Where(e => FolderGraph.IsFeature(e.Key))
            .SelectMany(e => e.Value.Where(FolderGraph.IsFeature).Select(to => (e.Key, to)))
            .ToList();
        Assert.True(edges.Count == 0, "features using other features:\n" + Graph.Describe(edges));
    }

    [Fact]
    public void No_shared_folder_uses_a_feature()
    {
        // Hosting, Domain, Geo and Problems above all; but any folder outside Features that used a
        // feature would make that feature a shared one in disguise.
        var edges = Graph.Edges
            .Where(e => !FolderGraph.IsFeature(e.Key))
            .SelectMany(e => e.Value.Where(FolderGraph.IsFeature).Select(to => (e.Key, to)))
            .ToList();
        Assert.True(edges.Count == 0, "shared folders using features:\n" + Graph.Describe(edges));
    }

    [Theory]
    [InlineData("Problems")]
    [InlineData("Domain")]
    public void The_bottom_folders_use_only_what_is_below_them(string folder)
    {
        // Problems is the error model everyone throws; Domain the zone's vocabulary everyone reads:
        // each may use only Problems, so anything can depend on them.
        var used = Graph.Edges[folder].Where(to => to != "Problems").ToList();
        Assert.True(used.Count == 0, $"{folder} uses:\n" + Graph.Describe(used.Select(to => (folder, to))));
    }

    [Fact]
    public void The_graph_reader_sees_every_kind_of_reference()
    {
        // A using, a fully qualified name and a partially qualified one all count; a member access
        // (x.Geo.Y) and a comment do not.
        var root = Directory.CreateTempSubdirectory("folder-graph").FullName;
        try
        {
            void Write(string path, string text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
                File.WriteAllText(Path.Combine(root, path), text);
            }
            Write("Program.cs", "using LandMap.Api.Features.Ogc;");
            Write("Geo/G.cs", "namespace LandMap.Api.Geo;\nclass G { object X => this.Data.Y; } // Data.Z");
            Write("Data/D.cs", "namespace LandMap.Api.Data;\nusing static LandMap.Api.Problems.P;\nclass D { }");
            Write("Problems/P.cs", "namespace LandMap.Api.Problems;\nclass P { object X => Features.Ogc.O.Y; }");
            Write("Features/Ogc/O.cs", "namespace LandMap.Api.Features.Ogc;\nclass O { object X => new LandMap.Api.Geo.G(); }");
            Write("Features/Ogc/Sub/S.cs", "namespace LandMap.Api.Features.Ogc.Sub;\nclass S { object X => Data.D.Y; }");
            var g = FolderGraph.Read(root);
            Assert.Equal(["Data", "Features/Ogc", "Geo", "Problems"], g.Edges.Keys.Order());
            Assert.Equal(["Problems"], g.Edges["Data"]);
            Assert.Equal(["Features/Ogc"], g.Edges["Problems"]);
            Assert.Equal(["Data", "Geo"], g.Edges["Features/Ogc"]);
            Assert.Empty(g.Edges["Geo"]);
            Assert.Equal(["Data <-> Features/Ogc <-> Problems"], g.Cycles().Select(c => string.Join(" <-> ", c)));
        }
        finally { Directory.Delete(root, true); }
    }
}
