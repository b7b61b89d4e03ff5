namespace LandMap.Api.Domain.Vocabulary;

/// <summary>An edition of a land-use classification (land_use_editions): its name (the stored value),
/// the short alias requests may use, the edition it refines (三调 refines GB/T 21010-2017), whether new
/// data uses it, and its order.</summary>
public sealed record LandUseEdition(string Name, string Alias, string? Extends, bool Current, int Sort);

/// <summary>A land-use code of one edition with its names. <paramref name="IsClass"/>: a GB/T 21010
/// first-level class (01..12), never a stored code, but a meaning a code of another edition may clash
/// with ('10' is 交通运输用地 there, 工矿用地 in the 2023 guide).</summary>
public sealed record LandUseEntry(string Edition, string Code, string NameZh, string NameEn, bool IsClass = false);

/// <summary>What a land-use code means, given the edition stated for it or none.</summary>
public abstract record LandUseResolution
{
    /// <summary>One meaning: <paramref name="Entry"/>, stored with its edition (where the code is defined:
    /// a GB/T 21010-2017 code stated as 三调 is stored as GB/T 21010-2017, the edition 三调 extends).</summary>
    public sealed record Found(LandUseEntry Entry) : LandUseResolution;

    /// <summary>The stated edition (nor any it extends) has no such code.</summary>
    public sealed record NotInEdition(LandUseEdition Edition) : LandUseResolution;

    /// <summary>No edition has the code.</summary>
    public sealed record Unknown : LandUseResolution;

    /// <summary>No edition stated, and editions give the code different meanings (one entry per meaning).</summary>
    public sealed record Ambiguous(IReadOnlyList<LandUseEntry> Meanings) : LandUseResolution;
}

/// <summary>
/// Every land-use code with its edition, and the rule that reads a code: with an edition stated, the
/// code is looked up in it (and in the edition it extends); without one, a code one edition has, or
/// that means the same in each edition that has it (0101 水田), is taken — stored under the current
/// edition when that is one of them — and a code editions give different meanings (1001: 铁路用地 in
/// GB/T 21010-2017, 工业用地 in the 2023 guide) is <see cref="LandUseResolution.Ambiguous"/>, never guessed.
/// </summary>
public sealed class LandUseCodeBook
{
    private readonly Dictionary<string, LandUseEdition> byName;
    private readonly Dictionary<string, LandUseEdition> byAlias;
    private readonly Dictionary<(string Edition, string Code), LandUseEntry> entries;
    private readonly ILookup<string, LandUseEntry> byCode;

    /// <summary>The book of <paramref name="editions"/> and their <paramref name="codes"/>.</summary>
    public LandUseCodeBook(IEnumerable<LandUseEdition> editions, IEnumerable<LandUseEntry> codes)
    {
        Editions = [.. editions.OrderBy(e => e.Sort)];
        byName = Editions.ToDictionary(e => e.Name, StringComparer.Ordinal);
        byAlias = Editions.ToDictionary(e => e.Alias, StringComparer.OrdinalIgnoreCase);
        var list = codes.ToList();
        entries = list.DistinctBy(c => (c.Edition, c.Code)).ToDictionary(c => (c.Edition, c.Code));
        byCode = list.ToLookup(c => c.Code, StringComparer.Ordinal);
    }

    /// <summary>The editions, in order.</summary>
    public IReadOnlyList<LandUseEdition> Editions { get; }

    /// <summary>The edition named <paramref name="nameOrAlias"/> (its name exactly, or its alias in any case), or null.</summary>
    public LandUseEdition? Edition(string nameOrAlias) =>
        byName.TryGetValue(nameOrAlias.Trim(), out var e) ? e : byAlias.GetValueOrDefault(nameOrAlias.Trim());

    /// <summary>The editions as a problem lists them: "GB/T 21010-2017 (2017), ...".</summary>
    public string EditionList => string.Join(", ", Editions.Select(e => $"{e.Name} ({e.Alias})"));

    /// <summary>What <paramref name="code"/> means in <paramref name="edition"/>, or, with none stated, in the editions that have it.</summary>
    public LandUseResolution Resolve(string code, LandUseEdition? edition)
    {
        if (edition is not null)
        {
            for (var e = edition; e is not null; e = e.Extends is { } parent ? byName.GetValueOrDefault(parent) : null)
                if (entries.TryGetValue((e.Name, code), out var entry) && !entry.IsClass) return new LandUseResolution.Found(entry);
            return new LandUseResolution.NotInEdition(edition);
        }
        var candidates = byCode[code].ToList();
        if (candidates.Count == 0) return new LandUseResolution.Unknown();
        var meanings = candidates.GroupBy(c => c.NameZh, StringComparer.Ordinal).Select(g => g.OrderBy(Sort).First()).OrderBy(Sort).ToList();
        if (meanings.Count > 1) return new LandUseResolution.Ambiguous(meanings);
        candidates.RemoveAll(c => c.IsClass);
        if (candidates.Count == 0) return new LandUseResolution.Unknown();
        return new LandUseResolution.Found(candidates.OrderBy(c => byName.TryGetValue(c.Edition, out var e) && e.Current ? 0 : 1).ThenBy(Sort).First());
    }

    private int Sort(LandUseEntry entry) => byName.TryGetValue(entry.Edition, out var e) ? e.Sort : int.MaxValue;
}
