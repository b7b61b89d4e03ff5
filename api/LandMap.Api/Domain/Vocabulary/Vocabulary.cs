namespace LandMap.Api.Domain.Vocabulary;

/// <summary>A coded value with its names, its colour on the map (null when the map does not
/// colour by it) and its place in legends.</summary>
public sealed record VocabularyTerm(string Code, string NameZh, string NameEn, string? Color, int Order);

/// <summary>A project stage: its names, and the names a non-industrial project (a park, a hospital, a
/// kindergarten) reads instead, null when they are the same (a factory 投产, a hospital 投用).</summary>
public sealed record ProjectStageTerm(string Code, string NameZh, string NameEn, string? Color, int Order,
    string? NonIndustrialNameZh, string? NonIndustrialNameEn)
{
    /// <summary>The Chinese name for a project of <paramref name="kind"/> (unknown or null: the stage's own name).</summary>
    public string NameZhFor(ProjectKindTerm? kind) => kind is { Industrial: false } ? NonIndustrialNameZh ?? NameZh : NameZh;

    /// <summary>The English name for a project of <paramref name="kind"/>.</summary>
    public string NameEnFor(ProjectKindTerm? kind) => kind is { Industrial: false } ? NonIndustrialNameEn ?? NameEn : NameEn;
}

/// <summary>What a project is (产业项目, 公共服务项目...); <c>Industrial</c> decides its stages' names.</summary>
public sealed record ProjectKindTerm(string Code, string NameZh, string NameEn, int Order, bool Industrial);

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
/// parcel's recorded <c>status</c> may take: the same table as the computed states. <c>RiverStates</c>
/// are the rectification works (整治中, 整治完成), <c>WaterQuality</c> whether the water meets the standard (达标).
/// </summary>
public sealed record ZoneVocabulary(
    IReadOnlyList<VocabularyTerm> ParcelStates,
    IReadOnlyList<VocabularyTerm> ParcelStatuses,
    IReadOnlyList<EventKindTerm> EventKinds,
    IReadOnlyList<ProjectStageTerm> ProjectStages,
    IReadOnlyList<ProjectKindTerm> ProjectKinds,
    IReadOnlyList<VocabularyTerm> RoadStates,
    IReadOnlyList<VocabularyTerm> RoadGrades,
    IReadOnlyList<VocabularyTerm> RiverStates,
    IReadOnlyList<VocabularyTerm> WaterQuality,
    IReadOnlyList<VocabularyTerm> ReservoirKinds,
    IReadOnlyList<VocabularyTerm> ReservoirStages,
    IReadOnlyList<VocabularyTerm> ParkKinds,
    IReadOnlyList<VocabularyTerm> SupplyMethods,
    IReadOnlyList<VocabularyTerm> StartEvidence,
    IReadOnlyList<VocabularyTerm> IdleCauses,
    LandUseVocabulary LandUse)
{
    /// <summary>The kinds of control line (道路红线, 河道蓝线, 绿线, 黄线) with the colours the map draws them in.</summary>
    public IReadOnlyList<VocabularyTerm> ControlLineKinds { get; init; } = [];

    /// <summary>The kinds of protected area (永久基本农田, 生态保护红线, 禁止开发海域) with their map colours.</summary>
    public IReadOnlyList<VocabularyTerm> ProtectedAreaKinds { get; init; } = [];

    /// <summary>The planning compliance rules (compliance_rules): the codes <c>noncompliant_rules</c> lists, with the map's colours.</summary>
    public IReadOnlyList<VocabularyTerm> ComplianceRules { get; init; } = [];
}
