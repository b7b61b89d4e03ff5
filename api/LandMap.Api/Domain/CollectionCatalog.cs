using LandMap.Api.Domain.Vocabulary;

namespace LandMap.Api.Domain;

/// <summary>JSON/SQL type of a published property; it drives the schema, the SQL casts and GDAL's field types.</summary>
public enum PropertyType { Text, Integer, Number, Date, DateTime }

/// <summary>
/// One published property. Names here are the whitelist: nothing else reaches SQL as an identifier.
/// <c>Stored</c> false: not a column of the table but computed per row when read (the parcels'
/// <c>state</c>, see <c>ParcelStateSql</c>); such a property is never writable.
/// <c>Description</c>: what the queryables document says of it, where the title is not enough.
/// </summary>
public sealed record PropertyDef(string Name, PropertyType Type, string TitleZh, bool Writable = true,
    bool Stored = true, string? Description = null)
{
    /// <summary>Text: the most characters (Unicode code points, as JSON Schema's maxLength counts) a
    /// value may have; uploads, Part 4 edits, the queryables and the database's CHECK all read it here.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Text: the regular expression (ECMA-262, anchored) every value must match, or null.</summary>
    public string? Pattern { get; init; }

    /// <summary>The property's English title (the schema's title gives it after the Chinese one).</summary>
    public string? TitleEn { get; init; }

    /// <summary>Numbers: the unit of measure (<see cref="Units"/>), or null for a count or a ratio.</summary>
    public Unit? Unit { get; init; }

    /// <summary>Text: the vocabulary table (<see cref="Vocabulary.VocabularyTables"/>) whose codes are the
    /// values this property may take, or null. The column has a foreign key to it; validators and the
    /// queryables' <c>enum</c> read the allowed values from it.</summary>
    public string? VocabularyTable { get; init; }

    /// <summary>A land-use code property: the property that holds the edition its code belongs to
    /// (a code means something only with its edition; see <see cref="Vocabulary.LandUseCodeBook"/>), or null.</summary>
    public string? EditionProperty { get; init; }

    /// <summary>Text not coded by a table: the values it may take (the queryables' <c>enum</c>), or null.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>A unit of measure as OGC API Features Part 5 declares it: <c>Code</c> in <c>Language</c>
/// (UCUM when null; the zone's own units, which UCUM lacks, in the language "LandMap", see the README).</summary>
public sealed record Unit(string Code, string? Language = null);

/// <summary>The units the catalog uses (docs/domain-facts.md: 1 mu = 10000/15 m²).</summary>
public static class Units
{
    public static readonly Unit SquareMetre = new("m2");
    public static readonly Unit Metre = new("m");
    /// <summary>10⁴ m³ (万立方米), a reservoir's capacity.</summary>
    public static readonly Unit TenThousandCubicMetres = new("10*4.m3");
    /// <summary>亩: 10000/15 m², the unit land is granted and reported in.</summary>
    public static readonly Unit Mu = new("mu", ZoneUnits);
    /// <summary>万元: 10⁴ yuan (CNY).</summary>
    public static readonly Unit TenThousandYuan = new("万元", ZoneUnits);
    /// <summary>亿元: 10⁸ yuan (CNY).</summary>
    public static readonly Unit HundredMillionYuan = new("亿元", ZoneUnits);

    /// <summary>The unit language of the units UCUM has no code for (亩, and sums of yuan).</summary>
    public const string ZoneUnits = "LandMap";
}

/// <summary>
/// The bounds of text properties. Without them a 50 MB name was stored and served in every page
/// that held it, and a 100 KB code broke PostgreSQL's index row limit. Migration 0023 mirrors them
/// as CHECK constraints (the last line; the validator refuses first, per feature).
/// </summary>
public static class TextBounds
{
    /// <summary>Codes (code, park_code, project_code, land_use): letters, digits, '.', '_' and '-', 1 to 64
    /// characters, starting with a letter or digit, e.g. WZ2014-001, P-JH, 0601.</summary>
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /// <summary>The most characters of a code (<see cref="CodePattern"/>).</summary>
    public const int CodeMaxLength = 64;

    /// <summary>Names and other short text (a name, a land user, a contract number, an industry).</summary>
    public const int TextMaxLength = 500;

    /// <summary>The number of Unicode code points in <paramref name="text"/> (a surrogate pair counts once).</summary>
    public static int Length(string text)
    {
        var n = text.Length;
        foreach (var c in text) if (char.IsLowSurrogate(c)) n--;
        return n;
    }
}

/// <summary>One feature collection: an OGC API collection, a table and a map layer.</summary>
public sealed record CollectionDef(
    string Id, string TitleZh, string TitleEn, string Description, string GeometryType,
    IReadOnlyList<PropertyDef> Properties)
{
    /// <summary>The table has the collection's name; both come from this catalog only.</summary>
    public string Table => Id;

    public IEnumerable<PropertyDef> WritableProperties => Properties.Where(p => p.Writable);

    /// <summary>The properties that are columns of the table (all but the ones computed when read).</summary>
    public IEnumerable<PropertyDef> StoredProperties => Properties.Where(p => p.Stored);
}

/// <summary>The collections of the zone's map: the six of the land and its infrastructure, and the plan they must obey (plan zones, control lines, protected areas). Storage CRS of every geometry: EPSG:4490.</summary>
public static class CollectionCatalog
{
    private static PropertyDef T(string name, string zh, string en) =>
        new(name, PropertyType.Text, zh) { TitleEn = en, MaxLength = TextBounds.TextMaxLength };
    private static PropertyDef Code(string name, string zh, string en) =>
        new(name, PropertyType.Text, zh) { TitleEn = en, MaxLength = TextBounds.CodeMaxLength, Pattern = TextBounds.CodePattern };
    /// <summary>A coded text property: its values are the rows of a vocabulary table.</summary>
    private static PropertyDef V(string name, string zh, string en, string table) => T(name, zh, en) with { VocabularyTable = table };
    private static PropertyDef N(string name, string zh, string en, Unit? unit = null) =>
        new(name, PropertyType.Number, zh) { TitleEn = en, Unit = unit };
    private static PropertyDef D(string name, string zh, string en) => new(name, PropertyType.Date, zh) { TitleEn = en };
    private static PropertyDef Computed(string name, PropertyType type, string zh, string en, Unit? unit = null) =>
        new(name, type, zh, Writable: false) { TitleEn = en, Unit = unit };
    private static PropertyDef AreaM2 => Computed("area_m2", PropertyType.Number, "面积（平方米）", "Area (m²)", Units.SquareMetre);
    private static PropertyDef AreaMu => Computed("area_mu", PropertyType.Number, "面积（亩）", "Area (mu)", Units.Mu);
    private static PropertyDef LengthM => Computed("length_m", PropertyType.Number, "长度（米）", "Length (m)", Units.Metre);

    /// <summary>A land-use code property, with its edition property beside it (<c>{name}_edition</c>).</summary>
    private static PropertyDef LandUse(string name, string zh, string en, string description) =>
        Code(name, zh, en) with { VocabularyTable = VocabularyTables.LandUseCodes, EditionProperty = name + "_edition", Description = description };

    /// <summary>The edition property of a land-use code property; titled after the code's own title
    /// (<paramref name="zh"/>, <paramref name="en"/>): one table has several, and an export's columns
    /// need names a reader tells apart, with no field names in them.</summary>
    private static PropertyDef LandUseEdition(string codeProperty, string zh, string en) =>
        V(codeProperty + "_edition", $"{zh}分类版本", $"{en} classification", VocabularyTables.LandUseEditions) with
        {
            Description = $"The classification {codeProperty} is a code of (land_use_editions; an alias such as 2017, 2007, " +
                          "sandiao or 2023 is accepted and stored by name). Absent on a write: the upload's landUseEdition, else " +
                          "the one edition that has the code; a code two editions give different meanings is refused without it.",
        };

    private const string CurrentUseDescription =
        "现状: the land's current use as surveyed (GB/T 21010-2017, its 2007 edition, the 三调 working classification, " +
        "or the 2023 land and sea use guide; see land_use_edition).";

    private const string PlannedUseDescription =
        "规划: the use the regulatory plan (控制性详细规划) sets, usually a code of the 2023 land and sea use guide.";

    private const string ApprovedUseDescription =
        "批准: the use the approval and the supply contract granted (出让合同/划拨决定书).";

    private const string StatusDescription =
        "The recorded status (登记状态): the state as the record was typed, by an upload or a Part 4 write. " +
        "It is not updated as dates pass; see state.";

    private const string StateDescription =
        "Computed, read-only (never written; ignored with a warning on uploads and writes): the lifecycle state " +
        "on the zone's today (UTC+8; with asOf, on the zone date of asOf) from the parcel's dates and events under " +
        "the idle rules (LandMap:Idle), as /api/parcels/states gives it; null before approval. " +
        "Idle status is computed from dates, not typed: a parcel may be recorded in_use and be idle.";

    private const string ComplianceDescription =
        "Computed, read-only: the parcel checked against the plan in force on the zone's today (with date or asOf, on " +
        "that day): noncompliant when it fails a rule of compliance_rules (GET /api/vocabulary, complianceRules; " +
        "see noncompliant_rules), compliant when a plan zone covers it and it fails none, no_plan when no zone covers " +
        "more than 1 % of it and it fails none. GET /api/planning/compliance gives each failure's figures.";

    private const string NoncompliantRulesDescription =
        "Computed, read-only: the codes of the rules the parcel fails (compliance_rules), comma-separated in the rules' " +
        "order, '' when none; filter with LIKE, e.g. noncompliant_rules LIKE '%red_line%'. A rule whose figure the " +
        "parcel lacks is not checked, never passed.";

    private const string BuildingCoverageDescription =
        "建筑系数, 0-1: the footprint of buildings, structures and open storage yards over the site area " +
        "(国土资发〔2008〕24号: at least 0.30 for an industrial project).";

    private const string AdminFacilityDescription =
        "行政办公及生活服务设施用地所占比重, 0-1: the land of administrative offices and living services over the site " +
        "area (国土资发〔2008〕24号: at most 0.07 for an industrial project).";

    private const string SupplyPriceDescription =
        "出让价款 or 划拨价款 of the supply contract, 万元; the idle-land fee is 20 % of it (《闲置土地处置办法》 Article 14).";

    private const string StartEvidenceDescription =
        "What made actual_start_on the start of development (动工开发, 《闲置土地处置办法》 Article 30): " +
        "the deep foundation pit dug, all foundation piles driven, or a third of the foundation done.";

    private const string DevelopedAreaDescription =
        "已动工开发建设用地面积, square metres: the land area whose development has started. The idle rule " +
        "compares it exactly with the area to develop (under a third: Article 2).";

    private const string DevelopmentAreaDescription =
        "应动工开发建设用地总面积, square metres; absent: the parcel's own area_m2.";

    private const string BuiltAreaRatioDescription =
        "Computed, read-only: developed_area_m2 / (development_area_m2 or area_m2), 4 decimals, for display. " +
        "The idle rule compares the areas themselves, never this rounded ratio.";

    private const string StageDescription =
        "The stage's name depends on the project's kind: in_operation is 投产 for an industrial project (or one " +
        "without a kind), 投用 for a park, hospital or school (project_kinds.industrial, GET /api/vocabulary).";

    private const string WaterQualityDescription =
        "Whether the river's water meets the standard (达标): a fact of its own, not the rectification works " +
        "(整治完成, rectification and rectified_on); water_quality_on is the day it was found to meet it.";

    public static readonly CollectionDef Parks = new("parks", "园区", "Parks",
        "The seven parks and the core area of the zone (一区七园).", "MultiPolygon",
        [Code("code", "园区编号", "Park code"), T("name_zh", "名称", "Name (Chinese)"), T("name_en", "英文名称", "Name (English)"),
         V("kind", "类型", "Kind", VocabularyTables.ParkKinds), AreaM2, AreaMu]);

    public static readonly CollectionDef Parcels = new("parcels", "地块", "Land parcels",
        "Land parcels (宗地) with lifecycle state; areas computed on the ellipsoid.", "MultiPolygon",
        [Code("code", "宗地编号", "Parcel code"), T("name", "名称", "Name"), Code("park_code", "园区", "Park"),
         LandUse("land_use", "用地类型", "Land use (GB/T 21010 code)", CurrentUseDescription),
         LandUseEdition("land_use", "用地类型", "Land use"),
         LandUse("land_use_planned", "规划用途", "Planned land use (code)", PlannedUseDescription),
         LandUseEdition("land_use_planned", "规划用途", "Planned land use"),
         LandUse("land_use_approved", "批准用途", "Approved land use (code)", ApprovedUseDescription),
         LandUseEdition("land_use_approved", "批准用途", "Approved land use"),
         V("status", "登记状态", "Recorded status", VocabularyTables.ParcelStates) with { Description = StatusDescription },
         new("state", PropertyType.Text, "生命周期状态（按日期计算）", Writable: false, Stored: false, Description: StateDescription)
             { TitleEn = "Lifecycle state (computed from dates)", VocabularyTable = VocabularyTables.ParcelStates },
         new("compliance", PropertyType.Text, "规划符合性（按日期计算）", Writable: false, Stored: false, Description: ComplianceDescription)
             { TitleEn = "Compliance with the plan (computed on the date)", Values = ["compliant", "noncompliant", "no_plan"] },
         new("noncompliant_rules", PropertyType.Text, "不符合的规则（按日期计算）", Writable: false, Stored: false, Description: NoncompliantRulesDescription)
             { TitleEn = "Rules failed (computed on the date)" },
         V("supply_method", "供地方式", "Supply method", VocabularyTables.SupplyMethods),
         T("land_user", "国有建设用地使用权人", "Holder of the land-use right"),
         T("contract_no", "合同编号", "Contract number"), Code("project_code", "项目", "Project code"),
         N("supply_price_wan", "出让/划拨价款（万元）", "Supply price (10⁴ CNY)", Units.TenThousandYuan) with { Description = SupplyPriceDescription },
         new PropertyDef("term_years", PropertyType.Integer, "出让年限（年）") { TitleEn = "Term of the land-use right (years)" },
         D("handover_on", "交地日期", "Land handed over on"),
         D("approved_on", "批准日期", "Approved on"), D("supplied_on", "供地日期", "Supplied on"),
         D("agreed_start_on", "约定开工日期", "Agreed start of construction"), D("actual_start_on", "实际开工日期", "Actual start of construction"),
         V("start_evidence", "动工开发依据", "Evidence of the start (Article 30)", VocabularyTables.StartEvidence) with { Description = StartEvidenceDescription },
         D("agreed_completion_on", "约定竣工日期", "Agreed completion"), D("actual_completion_on", "实际竣工日期", "Actual completion"),
         N("plot_ratio_min", "容积率下限", "Plot ratio, minimum"), N("plot_ratio_max", "容积率上限", "Plot ratio, maximum"),
         N("plot_ratio", "容积率", "Plot ratio"), N("building_density", "建筑密度", "Building density"), N("green_ratio", "绿地率", "Green ratio"),
         N("building_coverage", "建筑系数", "Building coverage") with { Description = BuildingCoverageDescription },
         N("admin_facility_ratio", "行政办公及生活服务设施用地所占比重", "Share of administrative and living facilities") with { Description = AdminFacilityDescription },
         N("investment_agreed_wan", "约定投资（万元）", "Agreed investment (10⁴ CNY)", Units.TenThousandYuan),
         N("investment_actual_wan", "实际投资（万元）", "Actual investment (10⁴ CNY)", Units.TenThousandYuan),
         N("developed_area_m2", "已动工开发建设用地面积（平方米）", "Land area under development (m²)", Units.SquareMetre) with { Description = DevelopedAreaDescription },
         N("development_area_m2", "应动工开发建设用地总面积（平方米）", "Land area to develop (m²)", Units.SquareMetre) with { Description = DevelopmentAreaDescription },
         Computed("built_area_ratio", PropertyType.Number, "已开发面积比例", "Developed share of the area to develop") with { Description = BuiltAreaRatioDescription },
         D("halted_on", "中止开发建设日期", "Development halted on"),
         AreaM2, AreaMu, Computed("version", PropertyType.Integer, "版本", "Version"),
         Computed("updated_at", PropertyType.DateTime, "更新时间", "Updated at")]);

    public static readonly CollectionDef Projects = new("projects", "重点项目", "Key projects",
        "Key projects of the zone with their stage, from negotiation to operation.", "Point",
        [Code("code", "项目编号", "Project code"), T("name_zh", "项目名称", "Name (Chinese)"), T("name_en", "英文名称", "Name (English)"),
         Code("park_code", "园区", "Park"), V("stage", "阶段", "Stage", VocabularyTables.ProjectStages) with { Description = StageDescription },
         V("kind", "项目类型", "Kind of project", VocabularyTables.ProjectKinds), T("industry", "产业", "Industry"),
         N("investment_yi", "投资（亿元）", "Investment (10⁸ CNY)", Units.HundredMillionYuan),
         N("planned_area_mu", "计划用地（亩）", "Planned land (mu)", Units.Mu)]);

    public static readonly CollectionDef Roads = new("roads", "道路", "Roads",
        "Roads with grade and construction stage.", "MultiLineString",
        [Code("code", "道路编号", "Road code"), T("name", "名称", "Name"), T("name_en", "英文名称", "Name (English)"), V("grade", "等级", "Grade", VocabularyTables.RoadGrades),
         V("stage", "阶段", "Stage", VocabularyTables.RoadStages), D("opened_on", "通车日期", "Opened to traffic on"), LengthM]);

    public static readonly CollectionDef Rivers = new("rivers", "河道", "Rivers",
        "Rivers with rectification state (五水共治).", "MultiLineString",
        [Code("code", "河道编号", "River code"), T("name", "名称", "Name"), T("name_en", "英文名称", "Name (English)"),
         V("rectification", "整治状态", "Rectification state", VocabularyTables.RiverStates),
         D("rectified_on", "整治完成日期", "Rectified on"),
         V("water_quality", "水质", "Water quality", VocabularyTables.WaterQuality) with { Description = WaterQualityDescription },
         D("water_quality_on", "水质达标日期", "Water quality met the standard on"), LengthM]);

    public static readonly CollectionDef Reservoirs = new("reservoirs", "水库", "Reservoirs",
        "Plain reservoirs and reservoirs.", "MultiPolygon",
        [Code("code", "水库编号", "Reservoir code"), T("name", "名称", "Name"), V("kind", "类型", "Kind", VocabularyTables.ReservoirKinds),
         N("capacity_10k_m3", "库容（万立方米）", "Capacity (10⁴ m³)", Units.TenThousandCubicMetres),
         V("stage", "阶段", "Stage", VocabularyTables.ReservoirStages), D("completed_on", "建成日期", "Completed on"), AreaM2]);

    public static readonly CollectionDef PlanZones = new("plan_zones", "控制性详细规划地块", "Regulatory plan zones",
        "Plots of the regulatory plan (控制性详细规划) with planned use and indicators; every edition kept, each in force " +
        "from approved_on until repealed_on.", "MultiPolygon",
        [Code("code", "规划地块编号", "Plan zone code"), T("plan_name", "规划名称", "Plan name"), T("plan_unit", "管理单元", "Planning unit"),
         T("edition", "规划版本", "Edition"), T("approval_doc", "批准文号", "Approval document"),
         D("approved_on", "批准日期", "Approved on"), D("repealed_on", "废止日期", "Repealed on") with { Description = RepealedDescription },
         LandUse("land_use", "规划用地性质", "Planned land use (code)", PlanZoneUseDescription), LandUseEdition("land_use", "规划用地性质", "Planned land use"),
         N("plot_ratio_min", "容积率下限", "Plot ratio, minimum"), N("plot_ratio_max", "容积率上限", "Plot ratio, maximum"),
         N("building_density_max", "建筑密度上限", "Building density, maximum"), N("height_max_m", "建筑限高（米）", "Height limit (m)", Units.Metre),
         N("green_ratio_min", "绿地率下限", "Green ratio, minimum"), AreaM2, AreaMu]);

    public static readonly CollectionDef ControlLines = new("control_lines", "控制线", "Control lines",
        "Road red lines, river blue lines, green lines and yellow lines, as the areas they protect.", "MultiPolygon",
        [Code("code", "控制线编号", "Control line code"), T("name", "名称", "Name"), V("kind", "类型", "Kind", VocabularyTables.ControlLineKinds),
         N("width_m", "控制宽度（米）", "Width (m)", Units.Metre), Code("source_code", "所属道路/河道", "Road or river code"),
         T("approval_doc", "批准文号", "Approval document"), D("approved_on", "批准日期", "Approved on"), AreaM2]);

    public static readonly CollectionDef ProtectedAreas = new("protected_areas", "保护区域", "Protected areas",
        "Permanent basic farmland, ecological protection red lines and sea areas closed to development: land no parcel may take.",
        "MultiPolygon",
        [Code("code", "编号", "Code"), T("name", "名称", "Name"), V("kind", "类型", "Kind", VocabularyTables.ProtectedAreaKinds),
         T("approval_doc", "批准文号", "Approval document"), D("designated_on", "划定日期", "Designated on"), AreaM2, AreaMu]);

    private const string RepealedDescription =
        "The day the zone stopped being in force (exclusive; null while in force): a later edition replaced it.";

    private const string PlanZoneUseDescription =
        "规划用地性质: the use the regulatory plan sets, a GB 50137-2011 class (M1, R2, G1, ...; edition gb50137) " +
        "or a code of the 2023 land and sea use guide.";

    /// <summary>In load order: parcels reference parks and projects.</summary>
    public static readonly IReadOnlyList<CollectionDef> All =
        [Parks, Projects, Parcels, Roads, Rivers, Reservoirs, PlanZones, ControlLines, ProtectedAreas];

    public static CollectionDef? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
