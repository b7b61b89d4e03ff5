namespace LandMap.Api.Domain.Vocabulary;

/// <summary>A coded value with its names, its colour on the map (null when the map does not
/// colour by it) and its place in legends.</summary>
public sealed record VocabularyTerm(string Code, string NameZh, string NameEn, string? Color, int Order);

/// <summary>A lifecycle event kind with its names and its place in the lifecycle.</summary>
/// <c>StepFields</c>: for a step of the idle-land procedure or the contract (recorded one at a time),
/// the fields it takes beside its date, document number and note; null for the lifecycle's own events.
public sealed record EventKindTerm(string Code, string NameZh, string NameEn, int Order, IReadOnlyList<string>? StepFields = null);

/// <summary>A GB/T 21010 land-use code: a first-level class (<c>Parent</c> and <c>Edition</c> null,
/// the same in both editions) or a second-level code with its class and edition.</summary>
public sealed record LandUseTerm(string Code, string NameZh, string NameEn, string? Color, string? Parent, string? Edition);

/// <summary>A land-use edition: its name (the stored <c>land_use_edition</c>), the alias requests may use,
/// names, the edition it refines, and whether its codes' leading digits are the GB/T 21010 first-level
/// class (<c>GbtClasses</c>: true for GB/T 21010 and 三调, false for the 2023 guide).</summary>
public sealed record LandUseEditionTerm(string Edition, string Alias, string NameZh, string NameEn, string? Extends, bool GbtClasses);

/// <summary>The land-use code list; <c>Edition</c> is the one new data uses. A code is unique only with
/// its edition (1001 is in GB/T 21010-2017 and in the 2023 guide, with different meanings).</summary>
public sealed record LandUseVocabulary(string? Edition, IReadOnlyList<LandUseTerm> Codes)
{
    /// <summary>Every edition, in order.</summary>
    public IReadOnlyList<LandUseEditionTerm> Editions { get; init; } = [];
}

/// <summary>
/// The zone's whole vocabulary as the database holds it (0026_vocabulary.sql): every coded value
/// with its Chinese and English names, colour and order. <c>ParcelStatuses</c> are the values a
/// parcel's recorded <c>status</c> may take: the same table as the computed states.
/// </summary>
public sealed record ZoneVocabulary(
    IReadOnlyList<VocabularyTerm> ParcelStates,
    IReadOnlyList<VocabularyTerm> ParcelStatuses,
    IReadOnlyList<EventKindTerm> EventKinds,
    IReadOnlyList<VocabularyTerm> ProjectStages,
    IReadOnlyList<VocabularyTerm> RoadStates,
    IReadOnlyList<VocabularyTerm> RoadGrades,
    IReadOnlyList<VocabularyTerm> RiverStates,
    IReadOnlyList<VocabularyTerm> ReservoirKinds,
    IReadOnlyList<VocabularyTerm> ReservoirStages,
    IReadOnlyList<VocabularyTerm> ParkKinds,
    IReadOnlyList<VocabularyTerm> SupplyMethods,
    IReadOnlyList<VocabularyTerm> StartEvidence,
    IReadOnlyList<VocabularyTerm> IdleCauses,
    LandUseVocabulary LandUse);
