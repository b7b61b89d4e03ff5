using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Tests.Upload;

/// <summary>
/// <see cref="SimpleShell"/> may only ever say "valid" where IsValidOp says so: one WKT case per
/// test row (NTS IsValidOp's own vocabulary of errors), then random shells against IsValidOp.
/// </summary>
public sealed class SimpleShellTests
{
    private static readonly WKTReader Wkt = new();

    [Theory]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")]
    [InlineData("MULTIPOLYGON (((120.8 27.84, 120.801 27.84, 120.801 27.841, 120.8 27.841, 120.8 27.84)))")]
    [InlineData("POLYGON ((0 0, 10 0, 5 1, 10 10, 0 10, 0 0))")] // concave
    [InlineData("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))")] // clockwise
    public void Proves_simple_shells_valid(string wkt)
    {
        var g = Wkt.Read(wkt);
        Assert.True(new IsValidOp(g).IsValid);
        Assert.True(SimpleShell.ProvesValid(g));
    }

    [Theory]
    [InlineData("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")] // SelfIntersection (bow tie)
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))")] // RingSelfIntersection: a vertex on an edge
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 10 10, 0 10, 0 0))")] // a repeated point (valid: IsValidOp decides)
    [InlineData("POLYGON ((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))")] // a straight vertex (valid: IsValidOp decides)
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 10 20, 10 10, 0 10, 0 0))")] // a spike folding back
    [InlineData("POLYGON ((0 0, 10 0, 0 0, 0 0))")] // collapsed
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))")] // a hole: not proved here
    [InlineData("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")] // two parts: not proved here
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 5 5, 0 10, 5 5, 0 0))")] // self-touching at a vertex
    public void Leaves_everything_else_to_IsValidOp(string wkt) => Assert.False(SimpleShell.ProvesValid(Wkt.Read(wkt)));

    [Fact]
    public void Never_proves_a_shell_IsValidOp_refuses()
    {
        var random = new Random(18);
        var factory = new GeometryFactory();
        var proved = 0;
        for (var k = 0; k < 20_000; k++)
        {
            // Few vertices on a small integer grid: touches, crossings and collinear runs are common.
            var n = random.Next(3, 9);
            var pts = Enumerable.Range(0, n).Select(_ => new Coordinate(random.Next(0, 6), random.Next(0, 6))).ToList();
            pts.Add(pts[0].Copy());
            var polygon = factory.CreatePolygon(pts.ToArray());
            if (!SimpleShell.ProvesValid(polygon)) continue;
            proved++;
            Assert.True(new IsValidOp(polygon).IsValid, polygon.AsText());
        }
        Assert.True(proved > 1000, $"only {proved} shells proved: the test no longer exercises the proof");
    }
}
