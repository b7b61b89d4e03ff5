using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Api.Writes;

/// <summary>One feature as read from a file: geometry already in EPSG:4490 lon/lat, properties as the file said them.</summary>
/// <remarks><paramref name="DuplicateOf"/>: the index of an earlier feature with the same code, when the
/// caller tracks codes itself (validators running side by side each see part of the file).</remarks>
public sealed record UploadFeature(int Index, Geometry? Geometry, IReadOnlyDictionary<string, JsonElement> Properties, int? DuplicateOf = null);

/// <summary>The outcome for one feature: the geometry to store (promoted to the collection's Multi type,
/// rings re-oriented) when the feature is valid.</summary>
public sealed record FeatureCheck(int Index, string? Code, bool Valid, Geometry? Geometry)
{
    /// <summary>The properties to store: the feature's own, with each land-use code's edition as resolved
    /// (<see cref="FeatureValidator"/> names it by its stored name even where the file gave an alias or none).</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>();
}

public sealed record FeatureValidatorOptions
{
    public int MaxVertices { get; init; } = 100_000;
    /// <summary>The land-use edition the whole file states (an upload's <c>landUseEdition</c>), for the
    /// land-use codes whose feature names none; null: none stated.</summary>
    public LandUseEdition? LandUseEdition { get; init; }
    /// <summary>A feature with more properties than this is an error, not one warning per unknown one:
    /// a collection has a few dozen properties, and a report of 10,000 warnings helps no one.</summary>
    public int MaxProperties { get; init; } = 500;
    /// <summary>Parcels larger than this are errors (a parcel of 100 km² is a unit or CRS mistake).</summary>
    public double MaxParcelAreaM2 { get; init; } = 100e6;
    /// <summary>Any other polygon larger than this (the whole zone is a few hundred km²).</summary>
    public double MaxAreaM2 { get; init; } = 1000e6;
    /// <summary>Each polygon smaller than this is an error: a ring collapsed onto a line is no longer
    /// exactly collinear once reprojected, so IsValidOp passes it as a sliver of a few mm².</summary>
    public double MinPolygonAreaM2 { get; init; } = 1;
    /// <summary>Remember codes across calls and report repeats (off when the caller tracks them: see <see cref="UploadFeature.DuplicateOf"/>).</summary>
    public bool TrackDuplicateCodes { get; init; } = true;
}

/// <summary>
/// Per-feature checks of an upload, all collected (never stopping at the first): geometry type,
/// NTS validity (error name and coordinate), vertex and size bounds, the zone's extent, required
/// properties, coded values and GB/T 21010 codes as the vocabulary tables hold them, dates, numeric ranges,
/// duplicate codes within the file, unknown properties (warnings). One instance per file: it
/// remembers the codes it has seen. Checks against stored data (code conflicts, overlaps,
/// park/project references) are <see cref="StoredDataChecks"/>' SQL.
/// </summary>
public sealed partial class FeatureValidator
{
    /// <summary>NOT NULL columns of 0001_schema.sql a file must give.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["parks"] = ["code", "name_zh", "name_en", "kind"],
        ["projects"] = ["code", "name_zh", "park_code", "stage"],
        ["parcels"] = ["code", "park_code", "land_use", "status"],
        ["roads"] = ["code", "name", "grade", "stage"],
        ["rivers"] = ["code", "name", "rectification"],
        ["reservoirs"] = ["code", "name", "kind", "stage"],
        ["plan_zones"] = ["code", "plan_name", "edition", "approved_on", "land_use"],
        ["control_lines"] = ["code", "name", "kind"],
        ["protected_areas"] = ["code", "name", "kind"],
    };

    /// <summary>Numeric ranges of the CHECK constraints (and numeric(p, s) bounds).</summary>
    private static readonly Dictionary<string, (double Min, double Max)> Ranges = new()
    {
        ["building_density"] = (0, 1), ["green_ratio"] = (0, 1), ["building_coverage"] = (0, 1), ["admin_facility_ratio"] = (0, 1), ["developed_area_m2"] = (0, 1e10), ["development_area_m2"] = (0.01, 1e10),
        ["investment_agreed_wan"] = (0, 1e12), ["supply_price_wan"] = (0, 1e12), ["term_years"] = (1, 70), ["investment_actual_wan"] = (0, 1e12),
        ["plot_ratio_min"] = (0, 9999.99), ["plot_ratio_max"] = (0, 9999.99), ["plot_ratio"] = (0, 9999.99),
        ["building_density_max"] = (0, 1), ["green_ratio_min"] = (0, 1), ["height_max_m"] = (0, 99999.99), ["width_m"] = (0.01, 999999.99),
        ["investment_yi"] = (0, 1e10), ["planned_area_mu"] = (0, 1e10), ["capacity_10k_m3"] = (0, 1e10),
    };

    private readonly VocabularyCodes vocabulary;
    private readonly FeatureValidatorOptions options;
    private readonly Dictionary<string, int> seenCodes = new(StringComparer.Ordinal);

    /// <summary>A validator for one file; <paramref name="vocabulary"/>: the allowed values of the coded
    /// properties (the caller loads them from the vocabulary tables once for the run).</summary>
    public FeatureValidator(CollectionDef collection, VocabularyCodes vocabulary, FeatureValidatorOptions? options = null)
    {
        Collection = collection;
        this.vocabulary = vocabulary;
        this.options = options ?? new FeatureValidatorOptions();
        defs = Collection.Properties.ToDictionary(p => p.Name);
        required = Required.GetValueOrDefault(Collection.Id, ["code"]);
    }

    /// <summary>The collection the file is checked for.</summary>
    public CollectionDef Collection { get; }

    private readonly Dictionary<string, PropertyDef> defs;
    private readonly string[] required;

    /// <summary>Checks one feature, adds its problems and warnings to <paramref name="report"/>, counts it.</summary>
    public FeatureCheck Validate(UploadFeature feature, UploadReport report)
    {
        var found = new List<UploadProblem>();
        var code = feature.Properties.TryGetValue("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        // Every problem of the feature names its code: a code past its bound (a TooLong problem) is cut
        // there, so a report never repeats megabytes.
        if (code is { Length: > TextBounds.CodeMaxLength }) code = code[..TextBounds.CodeMaxLength] + "…";
        var geometry = CheckGeometry(feature, code, found);
        CheckProperties(feature, code, found);
        var stored = CheckLandUse(feature, code, found);
        if (feature.DuplicateOf is { } earlier)
            found.Add(Duplicate(feature.Index, code!, earlier));
        else if (options.TrackDuplicateCodes && !string.IsNullOrWhiteSpace(code))
        {
            if (seenCodes.TryGetValue(code, out var first)) found.Add(Duplicate(feature.Index, code, first));
            else seenCodes[code] = feature.Index;
        }
        report.AddRange(found);
        var valid = !found.Any(p => !p.IsWarning);
        report.Counts.Read++;
        if (valid) report.Counts.Valid++; else report.Counts.Invalid++;
        return new FeatureCheck(feature.Index, code, valid, valid ? geometry : null) { Properties = stored };
    }

    /// <summary>Feature <paramref name="index"/> repeats the code of feature <paramref name="first"/>.</summary>
    public static UploadProblem Duplicate(int index, string code, int first) =>
        new(index, code, "code", UploadProblemKind.DuplicateCode,
            $"编号 {code} 在文件中重复（第一次出现于要素 {first}）。", $"Code {code} appears twice in the file (first at feature {first}).");

    private Geometry? CheckGeometry(UploadFeature f, string? code, List<UploadProblem> found)
    {
        var g = f.Geometry;
        if (g is null || g.IsEmpty)
        {
            found.Add(new(f.Index, code, "geometry", UploadProblemKind.MissingGeometry, "要素没有几何。", "The feature has no geometry."));
            return null;
        }
        if (g is LineString or MultiLineString && Collection.Id == CollectionCatalog.ControlLines.Id)
        {
            g = CentreLine(f, code, g, found);
            if (g is null) return null;
        }
        var wanted = Collection.GeometryType;
        var promoted = (wanted, g) switch
        {
            ("MultiPolygon", MultiPolygon) or ("MultiLineString", MultiLineString) or ("Point", Point) => g,
            ("MultiPolygon", Polygon p) => g.Factory.CreateMultiPolygon([p]),
            ("MultiLineString", LineString l) => g.Factory.CreateMultiLineString([l]),
            _ => null,
        };
        if (promoted is null)
        {
            found.Add(new(f.Index, code, "geometry", UploadProblemKind.GeometryTypeMismatch,
                $"几何类型为 {g.GeometryType}，{Collection.TitleZh}需要 {wanted}{(wanted.StartsWith("Multi") ? $"（或 {wanted[5..]}）" : "")}。",
                $"The geometry is a {g.GeometryType}; {Collection.Id} takes {wanted}{(wanted.StartsWith("Multi") ? $" (or {wanted[5..]})" : "")}.",
                At(g.Coordinate)));
            return null;
        }
        if (TooManyVertices(f, code, g, found)) return null;
        var error = SimpleShell.ProvesValid(g) ? null : new IsValidOp(g).ValidationError;
        if (error is not null)
        {
            var kind = Enum.TryParse<UploadProblemKind>(error.ErrorType.ToString(), out var k) ? k : UploadProblemKind.InvalidGeometry;
            found.Add(new(f.Index, code, "geometry", kind,
                $"几何无效：{KindZh(kind)}，位于 {Where(error.Coordinate)}。",
                $"The geometry is not valid: {error.Message} at {Where(error.Coordinate)}.", At(error.Coordinate)));
            return null;
        }
        var env = g.EnvelopeInternal;
        if (!CoordinatePlausibility.Zone.Contains(env))
        {
            var outside = g.Coordinates.FirstOrDefault(p => !CoordinatePlausibility.Zone.Contains(p)) ?? g.Coordinate;
            found.Add(new(f.Index, code, "geometry", UploadProblemKind.OutsideZone,
                $"几何有坐标 {Where(outside)} 不在开发区范围内。",
                $"The geometry has a coordinate {Where(outside)} outside the zone.", At(outside)));
        }
        if (promoted is MultiPolygon)
        {
            var area = AreaM2(promoted);
            var max = Collection.Id == "parcels" ? options.MaxParcelAreaM2 : options.MaxAreaM2;
            if (area > max)
                found.Add(new(f.Index, code, "geometry", UploadProblemKind.TooLarge,
                    $"面积约 {area / 1e6:0.##} 平方公里，超过 {max / 1e6:0.##} 平方公里，可疑（单位或坐标系错误？）。",
                    $"The area is about {area / 1e6:0.##} km², more than {max / 1e6:0.##} km²: suspicious (a unit or CRS mistake?).",
                    At(g.Centroid.Coordinate)));
            for (var i = 0; i < promoted.NumGeometries; i++)
            {
                var part = promoted.GetGeometryN(i);
                if (AreaM2(part) >= options.MinPolygonAreaM2) continue;
                found.Add(new(f.Index, code, "geometry", UploadProblemKind.TooSmall,
                    $"第 {i + 1} 个多边形面积不足 {options.MinPolygonAreaM2:0.##} 平方米（环塌缩成线或是碎片）。",
                    $"Polygon {i + 1} has an area under {options.MinPolygonAreaM2:0.##} m² (a ring collapsed onto a line, or a sliver).",
                    At(part.Coordinate)));
            }
            promoted = Orient((MultiPolygon)promoted, f.Index, code, found);
        }
        promoted.SRID = g.SRID;
        return promoted;
    }

    private void CheckProperties(UploadFeature f, string? code, List<UploadProblem> found)
    {
        if (f.Properties.Count > options.MaxProperties)
        {
            found.Add(new(f.Index, code, "properties", UploadProblemKind.TooManyProperties,
                $"要素有 {f.Properties.Count} 个属性，最多 {options.MaxProperties} 个。",
                $"The feature has {f.Properties.Count} properties; at most {options.MaxProperties}."));
            return;
        }
        foreach (var name in required)
        {
            if (!f.Properties.TryGetValue(name, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
                || (v.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetString())))
                found.Add(new(f.Index, code, name, UploadProblemKind.RequiredProperty,
                    $"缺少必填属性 {name}（{defs[name].TitleZh}）。", $"The required property {name} is missing or empty."));
        }
        foreach (var (name, value) in f.Properties)
        {
            if (!defs.TryGetValue(name, out var def))
            {
                found.Add(new(f.Index, code, name, UploadProblemKind.UnknownProperty,
                    $"未知属性 {name}，已忽略。", $"Unknown property {name}; ignored."));
                continue;
            }
            if (!def.Writable)
            {
                found.Add(new(f.Index, code, name, UploadProblemKind.ReadOnlyProperty,
                    $"属性 {name}（{def.TitleZh}）由系统计算，文件中的值已忽略。", $"The property {name} is computed; the file's value is ignored."));
                continue;
            }
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
            switch (def.Type)
            {
                case PropertyType.Text:
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        found.Add(new(f.Index, code, name, UploadProblemKind.InvalidType,
                            $"属性 {name} 应为字符串，文件中为 {value.GetRawText()}（编码请加引号，如 \"0601\"）。",
                            $"The property {name} must be a string; the file has {value.GetRawText()} (quote codes, e.g. \"0601\")."));
                        break;
                    }
                    CheckText(f, code, def, value.GetString()!, found);
                    break;
                case PropertyType.Date:
                    CheckDate(f, code, name, value, found);
                    break;
                case PropertyType.Number or PropertyType.Integer:
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var n) || !double.IsFinite(n))
                    {
                        found.Add(new(f.Index, code, name, UploadProblemKind.InvalidType,
                            $"属性 {name} 应为数值，文件中为 {value.GetRawText()}。",
                            $"The property {name} must be a number; the file has {value.GetRawText()}."));
                        break;
                    }
                    if (def.Type == PropertyType.Integer && n != Math.Floor(n))
                    {
                        found.Add(new(f.Index, code, name, UploadProblemKind.InvalidType,
                            $"属性 {name} 应为整数，文件中为 {value.GetRawText()}。",
                            $"The property {name} must be a whole number; the file has {value.GetRawText()}."));
                        break;
                    }
                    if (Ranges.TryGetValue(name, out var range) && (n < range.Min || n > range.Max))
                        found.Add(new(f.Index, code, name, UploadProblemKind.OutOfRange,
                            $"属性 {name} 的值 {value.GetRawText()} 超出范围 {range.Min}..{range.Max}。",
                            $"The property {name} is {value.GetRawText()}, outside {range.Min}..{range.Max}."));
                    break;
            }
        }
        if (Number(f, "plot_ratio_min") is { } lo && Number(f, "plot_ratio_max") is { } hi && lo > hi)
            found.Add(new(f.Index, code, "plot_ratio_min", UploadProblemKind.OutOfRange,
                $"容积率下限 {lo} 大于上限 {hi}。", $"plot_ratio_min {lo} is greater than plot_ratio_max {hi}."));
        if (Number(f, "developed_area_m2") is { } developed && Number(f, "development_area_m2") is { } total && developed > total)
            found.Add(new(f.Index, code, "developed_area_m2", UploadProblemKind.OutOfRange,
                $"已动工开发建设用地面积 {developed} 大于应动工开发建设用地总面积 {total}。",
                $"developed_area_m2 {developed} is greater than development_area_m2 {total}."));
        // A plan zone is in force from approved_on until repealed_on (exclusive): the table's CHECK, said per feature.
        if (Day(f, "approved_on") is { } approved && Day(f, "repealed_on") is { } repealed && string.CompareOrdinal(repealed, approved) <= 0)
            found.Add(new(f.Index, code, "repealed_on", UploadProblemKind.OutOfRange,
                $"废止日期 {repealed} 不晚于批准日期 {approved}。",
                $"repealed_on {repealed} is not after approved_on {approved}: a plan zone is in force from its approval until its repeal."));
    }

    private static string? Day(UploadFeature f, string name) =>
        f.Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { } s && IsoDate.HasShape(s) ? s : null;

    private static double? Number(UploadFeature f, string name) =>
        f.Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;

    private void CheckText(UploadFeature f, string? code, PropertyDef def, string text, List<UploadProblem> found)
    {
        var name = def.Name;
        if (text.Contains('\0'))
        {
            // PostgreSQL text cannot hold U+0000: refused here, not by the COPY.
            found.Add(new(f.Index, code, name, UploadProblemKind.InvalidType,
                $"属性 {name} 含有 NUL 字符（\\u0000），无法保存。", $"The property {name} holds a NUL character (\\u0000), which text cannot store."));
            return;
        }
        // The catalog's bounds: checked before anything else looks at the text (a 50 MB name is
        // refused here, per feature, instead of being stored and served in every page that holds it).
        if (def.MaxLength is { } max && TextBounds.Length(text) is var length && length > max)
        {
            found.Add(new(f.Index, code, name, UploadProblemKind.TooLong,
                $"属性 {name} 有 {length} 个字符，最多 {max} 个。", $"The property {name} has {length} characters; at most {max} are allowed."));
            return;
        }
        // A blank value is a missing one (RequiredProperty says so where it must be given), not a bad code.
        if (def.Pattern is { } pattern && !string.IsNullOrWhiteSpace(text) && !FullMatch(pattern, text))
        {
            found.Add(new(f.Index, code, name, UploadProblemKind.InvalidCode,
                $"属性 {name} 的值 \"{text}\" 不是有效编码：只能由字母、数字、'.'、'_'、'-' 组成，以字母或数字开头（{pattern}）。",
                $"The property {name} is \"{text}\", not a valid code: letters, digits, '.', '_' and '-', starting with a letter or digit ({pattern})."));
            return;
        }
        // Land-use codes and their editions are read in pairs (CheckLandUse): a code is valid only with its edition.
        if (def.VocabularyTable is not { } table || table is VocabularyTables.LandUseCodes or VocabularyTables.LandUseEditions
            || vocabulary.Allows(table, text)) return;
        var allowed = vocabulary.Of(table);
        var near = allowed.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase));
        found.Add(new(f.Index, code, name, UploadProblemKind.InvalidEnum,
            $"属性 {name} 的值 \"{text}\" 无效{(near is null ? "" : $"（是否为 \"{near}\"？）")}；可选值：{string.Join(", ", allowed)}。",
            $"The property {name} is \"{text}\"{(near is null ? "" : $" (did you mean \"{near}\"?)")}; allowed: {string.Join(", ", allowed)}."));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new();

    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="text"/> (.NET's $ also
    /// matches before a final newline, so the match's length is checked too).</summary>
    /// <remarks>No wall-clock timeout: the patterns are the catalog's own (no nested quantifiers, so linear
    /// in the text, whose length is bounded before), and a 1 s timeout failed a 200,000-parcel upload with
    /// a 500 when a starved machine paused the validator thread. (The non-backtracking engine, tried,
    /// tripled the validation time.) Compiled: a few patterns, each matched up to 100,000 times per upload.</remarks>
    private static bool FullMatch(string pattern, string text)
    {
        var m = Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.Compiled, Regex.InfiniteMatchTimeout)).Match(text);
        return m.Success && m.Index == 0 && m.Length == text.Length;
    }

    private static void CheckDate(UploadFeature f, string? code, string name, JsonElement value, List<UploadProblem> found)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (value.ValueKind == JsonValueKind.String && IsoDate.TryParse(text, out var d) && d.Year is >= 1900 and <= 2200)
            return;
        var shapeOk = value.ValueKind == JsonValueKind.String && IsoDate.HasShape(text);
        found.Add(new(f.Index, code, name, UploadProblemKind.InvalidDate,
            shapeOk ? $"属性 {name} 的日期 {text} 不是真实的日历日期。" : $"属性 {name} 的值 {text} 不是 YYYY-MM-DD 格式的日期。",
            shapeOk ? $"The property {name} is {text}, not a calendar date." : $"The property {name} is {text}, not a YYYY-MM-DD date."));
    }

    /// <summary>
    /// A geometry the reader refused to build (NTS factories throw for an unclosed ring or a ring or
    /// line with too few points, so IsValidOp never sees them): the problem, by the same kind names.
    /// </summary>
    public static UploadProblem Unreadable(int index, string? code, Exception error)
    {
        if (error is DuplicateKeyException d)
            return new(index, code, d.Key, UploadProblemKind.DuplicateKey,
                $"要素中同一对象内成员 \"{d.Key}\" 出现两次。", $"The member \"{d.Key}\" appears twice in one object of the feature.");
        var m = error.Message;
        var kind = m.Contains("finite", StringComparison.OrdinalIgnoreCase) ? UploadProblemKind.InvalidCoordinate
            : m.Contains("closed", StringComparison.OrdinalIgnoreCase) ? UploadProblemKind.RingNotClosed
            : m.Contains("number of points", StringComparison.OrdinalIgnoreCase) ? UploadProblemKind.TooFewPoints
            : UploadProblemKind.InvalidGeometry;
        return new(index, code, "geometry", kind, $"无法读取几何：{KindZh(kind)}（{m}）。", $"The geometry cannot be read: {m}");
    }

    private static double[]? At(Coordinate? c) => c is null ? null : [c.X, c.Y];

    private static string Where(Coordinate? c) => c is null ? "?" : string.Create(CultureInfo.InvariantCulture, $"({c.X}, {c.Y})");

    private static string KindZh(UploadProblemKind kind) => kind switch
    {
        UploadProblemKind.SelfIntersection => "自相交",
        UploadProblemKind.RingSelfIntersection => "环自相交",
        UploadProblemKind.RingNotClosed => "环未闭合",
        UploadProblemKind.TooFewPoints => "点数过少",
        UploadProblemKind.InvalidCoordinate => "坐标无效",
        UploadProblemKind.NestedHoles => "内环嵌套",
        UploadProblemKind.DisconnectedInteriors => "内部不连通",
        UploadProblemKind.HoleOutsideShell => "内环在外环之外",
        UploadProblemKind.NestedShells => "外环嵌套",
        UploadProblemKind.DuplicateRings => "重复的环",
        UploadProblemKind.RepeatedPoint => "重复点",
        _ => "几何错误",
    };
}
