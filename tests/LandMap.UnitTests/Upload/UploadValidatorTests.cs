using System.Text.Json;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Tests.Upload;

/// <summary>Per-feature checks: each kind with a failing and a passing case, one WKT or property set per test.</summary>
public sealed class UploadValidatorTests
{
    /// <summary>A few rows of each vocabulary table: the validator knows only what it is given
    /// (in the service, the tables' rows; see VocabularyValidationTests).</summary>
    private static readonly VocabularyCodes LandUse = new(new Dictionary<string, IReadOnlyList<string>>
    {
        [VocabularyTables.LandUseCodes] = ["0601", "0508", "1004"],
        [VocabularyTables.ParcelStates] = ["idle", "in_use"],
        [VocabularyTables.SupplyMethods] = ["sale", "allocation"],
        [VocabularyTables.ProjectStages] = ["signed"],
        [VocabularyTables.RoadGrades] = ["arterial"],
        [VocabularyTables.RoadStages] = ["open"],
        [VocabularyTables.RiverStates] = ["rectified"],
        [VocabularyTables.ReservoirKinds] = ["reservoir"],
        [VocabularyTables.ReservoirStages] = ["completed"],
        [VocabularyTables.ParkKinds] = ["core"],
        [VocabularyTables.StartEvidence] = ["foundation_pit_dug"],
    });
    private static readonly WKTReader Wkt = new(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4490));

    // A 100 m square at the reference point, counter-clockwise.
    private const string Square = "POLYGON ((120.81 27.84, 120.811 27.84, 120.811 27.841, 120.81 27.841, 120.81 27.84))";
    private const string ParcelProps = """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle"}""";

    private static Dictionary<string, JsonElement> Props(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static (UploadReport Report, FeatureCheck Check) Run(string wkt, string props = ParcelProps, CollectionDef? collection = null)
    {
        var report = new UploadReport();
        var check = new FeatureValidator(collection ?? CollectionCatalog.Parcels, LandUse)
            .Validate(new UploadFeature(0, wkt.Length == 0 ? null : Wkt.Read(wkt), Props(props)), report);
        return (report, check);
    }

    private static UploadProblem Error(string wkt, string props = ParcelProps, CollectionDef? collection = null) =>
        Assert.Single(Run(wkt, props, collection).Report.Problems);

    private static void Valid(string wkt, string props = ParcelProps, CollectionDef? collection = null)
    {
        var (report, check) = Run(wkt, props, collection);
        Assert.Empty(report.Problems);
        Assert.True(check.Valid);
        Assert.Equal((1, 1, 0), (report.Counts.Read, report.Counts.Valid, report.Counts.Invalid));
    }

    [Fact]
    public void A_valid_parcel_passes_and_is_promoted_to_multipolygon()
    {
        Valid(Square);
        var (report, check) = Run(Square);
        Assert.IsType<MultiPolygon>(check.Geometry);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Self_intersection_is_named_with_its_coordinate()
    {
        var p = Error("POLYGON ((120.81 27.84, 120.811 27.841, 120.811 27.84, 120.81 27.841, 120.81 27.84))");
        Assert.Equal(UploadProblemKind.SelfIntersection, p.Kind);
        Assert.Equal(0, p.FeatureIndex);
        Assert.Equal("P-1", p.Code);
        Assert.Equal("geometry", p.Field);
        Assert.Equal(120.8105, p.Coordinate![0], 1e-9);
        Assert.Equal(27.8405, p.Coordinate[1], 1e-9);
        Assert.Contains("自相交", p.MessageZh);
        var (report, _) = Run("POLYGON ((120.81 27.84, 120.811 27.841, 120.811 27.84, 120.81 27.841, 120.81 27.84))");
        Assert.Equal((1, 0, 1), (report.Counts.Read, report.Counts.Valid, report.Counts.Invalid));
    }

    [Fact]
    public void Ring_self_intersection() => Assert.Equal(UploadProblemKind.RingSelfIntersection,
        Error("POLYGON ((120.81 27.84, 120.812 27.84, 120.812 27.842, 120.811 27.84, 120.81 27.842, 120.81 27.84))").Kind);

    [Fact]
    public void Hole_outside_shell() => Assert.Equal(UploadProblemKind.HoleOutsideShell,
        Error("POLYGON ((120.81 27.84, 120.811 27.84, 120.811 27.841, 120.81 27.841, 120.81 27.84), (120.82 27.85, 120.82 27.851, 120.821 27.851, 120.82 27.85))").Kind);

    [Fact]
    public void A_hole_inside_the_shell_is_valid() =>
        Valid("POLYGON ((120.81 27.84, 120.812 27.84, 120.812 27.842, 120.81 27.842, 120.81 27.84), (120.8105 27.8405, 120.8105 27.841, 120.811 27.841, 120.811 27.8405, 120.8105 27.8405))");

    [Fact]
    public void Nested_holes() => Assert.Equal(UploadProblemKind.NestedHoles,
        Error("POLYGON ((120.81 27.84, 120.82 27.84, 120.82 27.85, 120.81 27.85, 120.81 27.84), (120.811 27.841, 120.811 27.849, 120.819 27.849, 120.819 27.841, 120.811 27.841), (120.812 27.842, 120.812 27.848, 120.818 27.848, 120.818 27.842, 120.812 27.842))").Kind);

    [Fact]
    public void Disconnected_interiors() => Assert.Equal(UploadProblemKind.DisconnectedInteriors,
        // two holes touching each other and the shell at single points cut the interior in two
        Error("POLYGON ((120.81 27.84, 120.82 27.84, 120.82 27.85, 120.81 27.85, 120.81 27.84), (120.81 27.845, 120.813 27.844, 120.815 27.844, 120.815 27.846, 120.813 27.846, 120.81 27.845), (120.815 27.845, 120.818 27.844, 120.82 27.845, 120.818 27.846, 120.815 27.845))").Kind);

    [Fact]
    public void One_hole_touching_the_shell_at_a_point_is_valid() =>
        Valid("POLYGON ((120.81 27.84, 120.82 27.84, 120.82 27.85, 120.81 27.85, 120.81 27.84), (120.81 27.845, 120.813 27.844, 120.815 27.844, 120.815 27.846, 120.813 27.846, 120.81 27.845))");

    [Fact]
    public void Nested_shells() => Assert.Equal(UploadProblemKind.NestedShells,
        Error("MULTIPOLYGON (((120.81 27.84, 120.82 27.84, 120.82 27.85, 120.81 27.85, 120.81 27.84)), ((120.812 27.842, 120.818 27.842, 120.818 27.848, 120.812 27.848, 120.812 27.842)))").Kind);

    [Fact]
    public void Separate_shells_are_valid() =>
        Valid("MULTIPOLYGON (((120.81 27.84, 120.811 27.84, 120.811 27.841, 120.81 27.841, 120.81 27.84)), ((120.812 27.842, 120.813 27.842, 120.813 27.843, 120.812 27.843, 120.812 27.842)))");

    /// <summary>NTS 2.6's IsValidOp (the JTS 1.19 rewrite) no longer emits DuplicateRings: a repeated
    /// ring is a SelfIntersection, still named and located.</summary>
    [Fact]
    public void Duplicate_rings_are_reported_as_self_intersection() => Assert.Equal(UploadProblemKind.SelfIntersection,
        Error($"MULTIPOLYGON ((({Square[10..^2]})), (({Square[10..^2]})))").Kind);

    [Fact]
    public void Too_few_points_in_a_line() =>
        Assert.Equal(UploadProblemKind.TooFewPoints, Error("LINESTRING (120.81 27.84, 120.81 27.84)", """{"code":"R1","name":"滨海一道","grade":"arterial","stage":"open"}""", CollectionCatalog.Roads).Kind);

    [Fact]
    public void A_line_with_two_points_is_valid() =>
        Valid("LINESTRING (120.81 27.84, 120.82 27.84)", """{"code":"R1","name":"滨海一道","grade":"arterial","stage":"open"}""", CollectionCatalog.Roads);

    [Fact]
    public void Invalid_coordinate() => Assert.Equal(UploadProblemKind.InvalidCoordinate,
        Error("POLYGON ((120.81 27.84, NaN 27.84, 120.811 27.841, 120.81 27.841, 120.81 27.84))").Kind);

    [Fact]
    public void Unclosed_ring_refused_by_the_reader_is_named()
    {
        var e = Assert.ThrowsAny<Exception>(() => Wkt.Read("POLYGON ((120.81 27.84, 120.811 27.84, 120.811 27.841, 120.81 27.841))"));
        Assert.Equal(UploadProblemKind.RingNotClosed, FeatureValidator.Unreadable(3, "P-1", e).Kind);
    }

    [Fact]
    public void Geometry_type_mismatch()
    {
        Assert.Equal(UploadProblemKind.GeometryTypeMismatch, Error("POINT (120.81 27.84)").Kind);
        Valid("POINT (120.81 27.84)", """{"code":"X1","name_zh":"项目","park_code":"binhai","stage":"signed"}""", CollectionCatalog.Projects);
    }

    /// <summary>A ring collapsed onto a line in metres is a sliver of a few mm² once in lon/lat: not a parcel.</summary>
    [Fact]
    public void Sliver_of_a_collapsed_ring_is_too_small() =>
        Assert.Equal(UploadProblemKind.TooSmall, Error("POLYGON ((120.81 27.84, 120.8105 27.84, 120.811 27.84000000001, 120.81 27.84))").Kind);

    [Fact]
    public void Missing_geometry() => Assert.Equal(UploadProblemKind.MissingGeometry, Error("").Kind);

    [Fact]
    public void Too_many_vertices()
    {
        var ring = Enumerable.Range(0, 101).Select(i => new Coordinate(120.81 + 0.001 * Math.Cos(i * Math.PI / 50), 27.84 + 0.001 * Math.Sin(i * Math.PI / 50))).ToArray();
        ring[^1] = ring[0];
        var report = new UploadReport();
        var v = new FeatureValidator(CollectionCatalog.Parcels, LandUse, new FeatureValidatorOptions { MaxVertices = 100 });
        v.Validate(new UploadFeature(0, new GeometryFactory().CreatePolygon(ring), Props(ParcelProps)), report);
        Assert.Equal(UploadProblemKind.TooManyVertices, Assert.Single(report.Problems).Kind);
        var ok = new FeatureValidator(CollectionCatalog.Parcels, LandUse, new FeatureValidatorOptions { MaxVertices = 101 });
        Assert.True(ok.Validate(new UploadFeature(0, new GeometryFactory().CreatePolygon(ring), Props(ParcelProps)), new UploadReport()).Valid);
    }

    [Fact]
    public void A_parcel_over_100_km2_is_too_large()
    {
        // 0.11 degrees square: about 12 km x 11 km
        Assert.Equal(UploadProblemKind.TooLarge, Error("POLYGON ((120.8 27.8, 120.91 27.8, 120.91 27.91, 120.8 27.91, 120.8 27.8))").Kind);
        Valid("POLYGON ((120.8 27.8, 120.89 27.8, 120.89 27.89, 120.8 27.89, 120.8 27.8))");
    }

    [Fact]
    public void A_feature_outside_the_zone() =>
        Assert.Equal(UploadProblemKind.OutsideZone, Error("POLYGON ((116.4 39.9, 116.401 39.9, 116.401 39.901, 116.4 39.901, 116.4 39.9))").Kind);

    [Fact]
    public void Clockwise_exterior_is_reoriented_with_a_warning()
    {
        var (report, check) = Run("POLYGON ((120.81 27.84, 120.81 27.841, 120.811 27.841, 120.811 27.84, 120.81 27.84))");
        Assert.True(check.Valid);
        Assert.Empty(report.Problems);
        Assert.Equal(UploadProblemKind.RingReoriented, Assert.Single(report.Warnings).Kind);
        Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(((Polygon)check.Geometry!.GetGeometryN(0)).Shell.CoordinateSequence));
    }

    [Fact]
    public void All_problems_are_collected()
    {
        var (report, _) = Run("POINT (120.81 27.84)", """{"code":"P-1","land_use":"601","status":"Idle","supplied_on":"2014-02-30","green_ratio":1.5}""");
        var kinds = report.Problems.Select(p => p.Kind).Order().ToArray();
        Assert.Equal(new[] { UploadProblemKind.GeometryTypeMismatch, UploadProblemKind.RequiredProperty, UploadProblemKind.InvalidEnum,
            UploadProblemKind.InvalidLandUseCode, UploadProblemKind.InvalidDate, UploadProblemKind.OutOfRange }.Order(), kinds);
    }

    [Theory]
    [InlineData("""{"park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle"}""", "code")]
    [InlineData("""{"code":"P-1","park_code":"","land_use":"0601","land_use_edition":"2017","status":"idle"}""", "park_code")]
    [InlineData("""{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":null}""", "status")]
    public void Required_property(string props, string field)
    {
        var p = Error(Square, props);
        Assert.Equal((UploadProblemKind.RequiredProperty, field), (p.Kind, p.Field));
    }

    [Fact]
    public void Enum_is_exact_and_hints_the_near_value()
    {
        var p = Error(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"Idle"}""");
        Assert.Equal((UploadProblemKind.InvalidEnum, "status"), (p.Kind, p.Field));
        Assert.Contains("did you mean \"idle\"", p.MessageEn);
        Assert.Equal(UploadProblemKind.InvalidEnum, Error(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","supply_method":"出让"}""").Kind);
        Valid(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","supply_method":"sale"}""");
    }

    [Theory]
    [InlineData("roads", """{"code":"R1","name":"n","grade":"highway","stage":"open"}""", "grade")]
    [InlineData("rivers", """{"code":"V1","name":"n","rectification":"dirty"}""", "rectification")]
    [InlineData("reservoirs", """{"code":"S1","name":"n","kind":"lake","stage":"completed"}""", "kind")]
    [InlineData("projects", """{"code":"X1","name_zh":"n","park_code":"binhai","stage":"started"}""", "stage")]
    [InlineData("parks", """{"code":"K1","name_zh":"n","name_en":"n","kind":"main"}""", "kind")]
    public void Enums_of_every_collection(string collection, string props, string field)
    {
        var c = CollectionCatalog.Find(collection)!;
        var wkt = c.GeometryType switch { "Point" => "POINT (120.81 27.84)", "MultiLineString" => "LINESTRING (120.81 27.84, 120.82 27.84)", _ => Square };
        var p = Error(wkt, props, c);
        Assert.Equal((UploadProblemKind.InvalidEnum, field), (p.Kind, p.Field));
    }

    [Fact]
    public void Land_use_code_must_be_in_the_list_and_a_string()
    {
        Assert.Equal(UploadProblemKind.InvalidLandUseCode, Error(Square, """{"code":"P-1","park_code":"binhai","land_use":"9999","status":"idle"}""").Kind);
        var p = Error(Square, """{"code":"P-1","park_code":"binhai","land_use":601,"status":"idle"}""");
        Assert.Equal((UploadProblemKind.InvalidType, "land_use"), (p.Kind, p.Field));
        Valid(Square, """{"code":"P-1","park_code":"binhai","land_use":"0508","status":"idle"}""");
    }

    [Theory]
    [InlineData("\"2014-02-30\"")]
    [InlineData("\"2014/03/01\"")]
    [InlineData("\"2014-3-1\"")]
    [InlineData("20140301")]
    public void Invalid_dates(string date) =>
        Assert.Equal(UploadProblemKind.InvalidDate, Error(Square, $$"""{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","supplied_on":{{date}}}""").Kind);

    [Theory]
    [InlineData("\"2014-13-01\"", "not a calendar date")]
    [InlineData("\"2015-02-29\"", "not a calendar date")]
    [InlineData("\"1899-12-31\"", "not a calendar date")]
    // Full-width digits (a Chinese input method's) and a trailing newline are not the YYYY-MM-DD shape:
    // the surveyor is told the format, not that the day does not exist.
    [InlineData("\"２０１４-03-01\"", "not a YYYY-MM-DD date")]
    [InlineData("\"2014-03-01\\n\"", "not a YYYY-MM-DD date")]
    [InlineData("\" 2014-03-01\"", "not a YYYY-MM-DD date")]
    public void A_date_is_told_apart_from_a_day_the_calendar_lacks(string date, string told)
    {
        var p = Error(Square, $$"""{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","supplied_on":{{date}}}""");
        Assert.Equal((UploadProblemKind.InvalidDate, "supplied_on"), (p.Kind, p.Field));
        Assert.Contains(told, p.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2016-02-29", true)]
    [InlineData("2000-02-29", true)]
    [InlineData("1900-02-29", false)]
    [InlineData("2014-04-31", false)]
    [InlineData("2014-00-10", false)]
    [InlineData("2014-01-00", false)]
    [InlineData("0000-01-01", false)]
    [InlineData("2014-1-01", false)]
    [InlineData("2014/01/01", false)]
    [InlineData("", false)]
    public void IsoDate_reads_calendar_days_only(string text, bool valid)
    {
        Assert.Equal(valid, IsoDate.TryParse(text, out var d));
        if (valid) Assert.Equal(DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d);
    }

    [Fact]
    public void A_real_date_passes() =>
        Valid(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","supplied_on":"2016-02-29"}""");

    [Theory]
    [InlineData("green_ratio", "1.2")]
    [InlineData("building_density", "-0.1")]
    [InlineData("investment_agreed_wan", "-5")]
    public void Out_of_range_numbers(string field, string value)
    {
        var p = Error(Square, $$"""{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","{{field}}":{{value}}}""");
        Assert.Equal((UploadProblemKind.OutOfRange, field), (p.Kind, p.Field));
    }

    [Fact]
    public void Numbers_in_range_pass_and_strings_are_not_numbers()
    {
        Valid(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","green_ratio":0.2,"investment_agreed_wan":0,"plot_ratio_min":1,"plot_ratio_max":2.5}""");
        Assert.Equal(UploadProblemKind.InvalidType, Error(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","green_ratio":"0.2"}""").Kind);
        Assert.Equal(UploadProblemKind.OutOfRange, Error(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","plot_ratio_min":3,"plot_ratio_max":2}""").Kind);
    }

    [Fact]
    public void Duplicate_codes_within_the_file()
    {
        var report = new UploadReport();
        var v = new FeatureValidator(CollectionCatalog.Parcels, LandUse);
        Assert.True(v.Validate(new UploadFeature(0, Wkt.Read(Square), Props(ParcelProps)), report).Valid);
        Assert.True(v.Validate(new UploadFeature(1, Wkt.Read(Square), Props(ParcelProps.Replace("P-1", "P-2"))), report).Valid);
        Assert.False(v.Validate(new UploadFeature(2, Wkt.Read(Square), Props(ParcelProps)), report).Valid);
        var p = Assert.Single(report.Problems);
        Assert.Equal((UploadProblemKind.DuplicateCode, 2, "P-1"), (p.Kind, p.FeatureIndex, p.Code));
        Assert.Contains("feature 0", p.MessageEn);
    }

    [Fact]
    public void Unknown_and_computed_properties_are_warnings()
    {
        var (report, check) = Run(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","colour":"red","area_mu":12}""");
        Assert.True(check.Valid);
        Assert.Empty(report.Problems);
        Assert.Equal(new[] { UploadProblemKind.UnknownProperty, UploadProblemKind.ReadOnlyProperty }, report.Warnings.Select(w => w.Kind));
        // The parcels' computed state is read-only too: the file's value is ignored with a warning.
        var (withState, stateCheck) = Run(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","state":"in_use"}""");
        Assert.True(stateCheck.Valid);
        Assert.Equal((UploadProblemKind.ReadOnlyProperty, "state"), (withState.Warnings.Single().Kind, withState.Warnings.Single().Field));
    }

    [Fact]
    public void The_built_area_ratio_is_computed_from_the_areas_so_a_files_ratio_is_a_warning()
    {
        // The idle rule compares developed_area_m2 with the area to develop; a typed ratio is ignored.
        var (report, check) = Run(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","built_area_ratio":0.3333}""");
        Assert.True(check.Valid);
        Assert.Equal((UploadProblemKind.ReadOnlyProperty, "built_area_ratio"), (report.Warnings.Single().Kind, report.Warnings.Single().Field));
        Valid(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","developed_area_m2":3333.33,"development_area_m2":10000}""");
    }

    [Theory]
    [InlineData("\"developed_area_m2\":5000.01,\"development_area_m2\":5000", "developed_area_m2")]
    [InlineData("\"development_area_m2\":0", "development_area_m2")]
    [InlineData("\"developed_area_m2\":-1", "developed_area_m2")]
    public void Developed_areas_are_bounded(string extra, string field)
    {
        var p = Error(Square, $$"""{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle",{{extra}}}""");
        Assert.Equal((UploadProblemKind.OutOfRange, field), (p.Kind, p.Field));
    }

    [Fact]
    public void Start_evidence_is_a_vocabulary_code()
    {
        Valid(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","start_evidence":"foundation_pit_dug"}""");
        var p = Error(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"idle","start_evidence":"基坑"}""");
        Assert.Equal((UploadProblemKind.InvalidEnum, "start_evidence"), (p.Kind, p.Field));
    }

    [Fact]
    public void Report_serialises_kinds_by_name()
    {
        var (report, _) = Run(Square, """{"code":"P-1","park_code":"binhai","land_use":"0601","land_use_edition":"2017","status":"Idle"}""");
        var json = JsonSerializer.Serialize(report.Problems[0] with { Geometry = null });
        Assert.Contains("\"Kind\":\"InvalidEnum\"", json);
    }
}
