using System.Text.RegularExpressions;

namespace LandMap.Tests.Architecture;

/// <summary>
/// The folders of api/LandMap.Api and which other folders each one's .cs files use. A folder is a
/// top-level folder (Data, Domain, Hosting...) or, under Features, one feature (Features/Ogc);
/// Program.cs, the composition root, belongs to none. A file uses a folder when it imports its
/// namespace (<c>using LandMap.Api.X</c>, static or aliased), names a type fully qualified
/// (<c>LandMap.Api.X.T</c>), or partially qualified through a parent namespace
/// (<c>Observability.RequestMetrics</c>, <c>Features.Ogc.T</c>). An unused <c>using</c> counts: it is
/// still a dependency a reader has to follow.
/// </summary>
internal sealed partial class FolderGraph
{
    /// <summary>Folder -> the folders it uses (never itself).</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Edges { get; }

    /// <summary>Folder -> one file and line per used folder, for failure messages.</summary>
    public IReadOnlyDictionary<(string From, string To), string> Evidence { get; }

    private FolderGraph(Dictionary<string, SortedSet<string>> edges, Dictionary<(string, string), string> evidence) =>
        (Edges, Evidence) = (edges, evidence);

    /// <summary>Reads every .cs file under <paramref name="apiRoot"/> (bin and obj left out).</summary>
    public static FolderGraph Read(string apiRoot)
    {
        var files = Directory.EnumerateFiles(apiRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(apiRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/") && !f.StartsWith("obj/"))
            .ToList();
        var folders = files.Select(FolderOf).OfType<string>().ToHashSet();
        // Types each top-level folder declares: "Geo.GeometryInput" names the folder Geo, while
        // "Limits.Cql2" (a property called Limits) names nothing.
        var declared = files.Where(f => FolderOf(f) is not null)
            .GroupBy(f => f.Split('/')[0])
            .ToDictionary(g => g.Key, g => g.SelectMany(f => Declaration().Matches(File.ReadAllText(Path.Combine(apiRoot, f)))
                .Select(m => m.Groups["type"].Value)).ToHashSet());
        var edges = folders.ToDictionary(f => f, _ => new SortedSet<string>());
        var evidence = new Dictionary<(string, string), string>();
        foreach (var file in files)
        {
            if (FolderOf(file) is not { } from) continue;
            var lines = File.ReadAllLines(Path.Combine(apiRoot, file));
            for (var i = 0; i < lines.Length; i++)
            {
                var line = StripComment(lines[i]);
                if (line.TrimStart().StartsWith("namespace ")) continue;
                foreach (var to in Referenced(line, declared))
                {
                    if (to == from || !folders.Contains(to)) continue;
                    edges[from].Add(to);
                    evidence.TryAdd((from, to), $"{file}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        return new(edges, evidence);
    }

    /// <summary>The folder a file belongs to: "Data", "Features/Ogc"; null for Program.cs.</summary>
    public static string? FolderOf(string relativePath)
    {
        var parts = relativePath.Split('/');
        if (parts.Length == 1) return null;
        return parts[0] == "Features" && parts.Length > 2 ? $"Features/{parts[1]}" : parts[0];
    }

    /// <summary>True for a feature folder (Features/X).</summary>
    public static bool IsFeature(string folder) => folder.StartsWith("Features/");

    private static IEnumerable<string> Referenced(string line, Dictionary<string, HashSet<string>> declared)
    {
        foreach (Match m in Qualified().Matches(line))
            yield return Folder(m.Groups["ns"].Value);
        foreach (Match m in Partial().Matches(line))
        {
            var ns = m.Groups["ns"].Value;
            if (ns.StartsWith("Features.") || (declared.TryGetValue(ns, out var types) && types.Contains(m.Groups["type"].Value)))
                yield return Folder(ns);
        }
    }

    private static string Folder(string ns) => ns.Replace('.', '/');

    // "//" comments say why, not what is used; doc comments' crefs resolve through usings anyway.
    private static string StripComment(string line)
    {
        var i = line.IndexOf("//", StringComparison.Ordinal);
        return i < 0 ? line : line[..i];
    }

    [GeneratedRegex(@"\bLandMap\.Api\.(?<ns>Features\.[A-Z]\w*|[A-Z]\w*)")]
    private static partial Regex Qualified();

    // Features.X.T, or a top-level folder's namespace as the first part of a dotted name (not a member access).
    [GeneratedRegex(@"(?<![\w.])(?<ns>Features\.[A-Z]\w*|[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex Partial();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?<type>[A-Z]\w*)")]
    private static partial Regex Declaration();

    /// <summary>The sets of folders that reach each other (strongly connected components of more than one folder).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Edges[v])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) cycles.Add([.. component.Order()]);
        }
        foreach (var v in Edges.Keys.Order())
            if (!index.ContainsKey(v)) Visit(v);
        return cycles;
    }

    /// <summary>"A -> B (file:line: text)" for each edge, for failure messages.</summary>
    public string Describe(IEnumerable<(string From, string To)> edges) =>
        string.Join("\n", edges.Select(e => $"{e.From} -> {e.To}   ({Evidence[e]})"));
}
