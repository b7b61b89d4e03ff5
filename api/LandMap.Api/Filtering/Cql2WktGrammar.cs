using NetTopologySuite.Geometries;
using Parlot.Fluent;
using static LandMap.Api.Filtering.Cql2TextTokens;
using static Parlot.Fluent.Parsers;

namespace LandMap.Api.Filtering;

/// <summary>
/// Geometry literals of cql2-text: WKT (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING,
/// MULTIPOLYGON, GEOMETRYCOLLECTION, each 2D or 3D: "POINT Z (1 2 3)", and "POINT (1 2 3)" too) and
/// BBOX with 4 or 6 numbers. Z values are read and dropped (<see cref="Cql2Geometries.Position"/>).
/// </summary>
internal static class Cql2WktGrammar
{
    private static readonly Parser<Coordinate> Position = Number
        .And(Number.ElseError("expected the second number of a position (x y)"))
        .And(ZeroOrOne(Number))
        .Then((_, start, _, xyz) => Guard(start, () => Cql2Geometries.Position(xyz.Item1, xyz.Item2, xyz.Item3.Count == 0 ? null : xyz.Item3[0])));

    private static readonly Parser<IReadOnlyList<Coordinate>> Positions =
        ListOf(Position, "a position (two numbers: x y)");

    /// <summary>( x y, x y, ... ): a line string or a ring.</summary>
    private static readonly Parser<IReadOnlyList<Coordinate>> Path =
        Terms.Char('(').SkipAnd(Positions.ElseError("expected a position (two numbers: x y)")).AndSkip(Close("the list of positions"));

    /// <summary>( ring, ring, ... ): a polygon's rings.</summary>
    private static readonly Parser<IReadOnlyList<IReadOnlyList<Coordinate>>> Rings =
        Terms.Char('(').SkipAnd(ListOf(Path, "a ring '(x y, ...)'").ElseError("expected a ring '(x y, ...)'")).AndSkip(Close("the rings of a polygon"));

    /// <summary>A MULTIPOINT member: WKT allows both "(1 2)" and "1 2".</summary>
    private static readonly Parser<Coordinate> MultiPointMember = OneOf(
        Terms.Char('(').SkipAnd(Position).AndSkip(Close("a point")),
        Position);

    /// <summary>Any geometry literal (GEOMETRYCOLLECTION makes this recursive).</summary>
    public static readonly Deferred<Cql2Operand> Geometry = Deferred<Cql2Operand>();

    static Cql2WktGrammar()
    {
        var point = Shape("POINT", Position, Cql2Geometries.Point, "a position (two numbers: x y)");
        var line = Shape("LINESTRING", Positions, Cql2Geometries.LineString, "a position (two numbers: x y)");
        var polygon = Shape("POLYGON", ListOf(Path, "a ring '(x y, ...)'"), Cql2Geometries.Polygon, "a ring '(x y, ...)'");
        var multiPoint = Shape("MULTIPOINT", ListOf(MultiPointMember, "a point"), Cql2Geometries.MultiPoint, "a point");
        var multiLine = Shape("MULTILINESTRING", ListOf(Path, "a line string '(x y, ...)'"), Cql2Geometries.MultiLineString, "a line string '(x y, ...)'");
        var multiPolygon = Shape("MULTIPOLYGON", ListOf(Rings, "a polygon '((x y, ...))'"), Cql2Geometries.MultiPolygon, "a polygon '((x y, ...))'");
        var collection = Tagged("GEOMETRYCOLLECTION")
            .SkipAnd(ListOf(Geometry, "a geometry").ElseError("expected a geometry"))
            .AndSkip(Close("GEOMETRYCOLLECTION"))
            .Then((_, start, _, members) => Guard<Geometry>(start, () =>
                Cql2Geometries.Collection(members.Select(m => m is GeometryLit g ? g.Value : throw new FormatException("BBOX cannot be part of a GEOMETRYCOLLECTION")).ToList())));
        var shapes = OneOf(point, line, polygon, multiPoint, multiLine, multiPolygon, collection)
            .Then(Cql2Operand (g) => new GeometryLit(g));

        var bbox = Call("BBOX")
            .SkipAnd(ListOf(Number, "a number").ElseError("expected the numbers of the box (minx, miny, maxx, maxy)"))
            .AndSkip(Close("BBOX"))
            .Then((_, start, _, numbers) => Guard<Cql2Operand>(start, () => Cql2Geometries.Bbox(numbers)));

        Geometry.Parser = OneOf(shapes, bbox);
    }

    /// <summary>NAME ( content ): the content parsed, then built; building errors point at the name.</summary>
    private static Parser<Geometry> Shape<T>(string name, Parser<T> content, Func<T, Geometry> build, string expected) =>
        Tagged(name)
            .SkipAnd(content.ElseError($"expected {expected} after {name}("))
            .AndSkip(Close(name))
            .Then((_, start, _, value) => Guard(start, () => build(value)));

    /// <summary>NAME, an optional Z, and the opening parenthesis.</summary>
    private static Parser<Parlot.TextSpan> Tagged(string name) =>
        Keyword(name).AndSkip(ZeroOrOne(Keyword("Z"))).AndSkip(Terms.Char('('));
}
