using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Architecture;

/// <summary>
/// One error model: problem+json is built only by Problems/Problem.cs. Outside Problems/ no code
/// makes a ProblemDetails, calls Results.Problem or the problem details service, or writes a
/// problem type URL or a problem's "title" member by hand.
/// </summary>
public sealed partial class ErrorModelTests
{
    private static readonly string ApiRoot = Path.Combine(RepositoryPaths.Root, "api", "LandMap.Api");

    [Fact]
    public void Problems_are_built_only_by_the_one_builder()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(ApiRoot, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ApiRoot, file).Replace('\\', '/');
            if (relative.StartsWith("Problems/") || relative.StartsWith("bin/") || relative.StartsWith("obj/")) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (HandMade().IsMatch(lines[i]))
                    found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(found.Count == 0, "problems made outside Problems/Problem.cs:\n" + string.Join("\n", found));
    }

    // A hand-built problem object shows in its numeric "status" member (an upload job's "status"
    // is a word such as "running", a JSON schema's "title" no problem at all).
    [GeneratedRegex(@"Results\.Problem\(|new (Microsoft\.AspNetCore\.Mvc\.)?ProblemDetails\b|ProblemDetailsContext|IProblemDetailsService|tools\.ietf\.org|rfc-editor\.org|\[""status""\]\s*=\s*(StatusCodes\.|status\b|\d)")]
    private static partial Regex HandMade();
}
