using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>A park's rotated local grid frame (u along the grid, v across it), in GK metres.</summary>
public sealed class Frame(Coordinate origin, double angleDeg)
{
    private readonly double _cos = Math.Cos(angleDeg * Math.PI / 180);
    private readonly double _sin = Math.Sin(angleDeg * Math.PI / 180);

    public Coordinate ToPlane(double u, double v) =>
        new(origin.X + u * _cos - v * _sin, origin.Y + u * _sin + v * _cos);

    public (double U, double V) ToLocal(Coordinate c)
    {
        double dx = c.X - origin.X, dy = c.Y - origin.Y;
        return (dx * _cos + dy * _sin, -dx * _sin + dy * _cos);
    }

    public Polygon Rect(double u0, double v0, double u1, double v1) =>
        Projection.Plane.CreatePolygon([ToPlane(u0, v0), ToPlane(u1, v0), ToPlane(u1, v1), ToPlane(u0, v1), ToPlane(u0, v0)]);
}

/// <summary>A block between road corridors; parcels are cut out of it.</summary>
public sealed class Block(ParkSpec park, int i, int j, double u0, double v0, double u1, double v1)
{
    public ParkSpec Park { get; } = park;
    public int I { get; } = i;
    public int J { get; } = j;
    public double U0 { get; } = u0;
    public double V0 { get; } = v0;
    public double U1 { get; } = u1;
    public double V1 { get; } = v1;
    public bool FullyInside { get; set; }
    /// <summary>Why the block holds no ordinary parcels: "skip", "lake", "reservoir" or null.</summary>
    public string? Reserved { get; set; }
}

/// <summary>
/// The layout of one park: frame, blocks and corridor positions. Corridors are where roads
/// and rivers go, which keeps them out of parcels by construction.
/// </summary>
public sealed class ParkLayout
{
    public ParkSpec Park { get; }
    public Frame Frame { get; }
    public List<Block> Blocks { get; } = [];
    /// <summary>Centre lines of corridors across u (running along v, "roads 路") and across v ("streets 道").</summary>
    public List<double> UCorridors { get; } = [];
    public List<double> VCorridors { get; } = [];
    /// <summary>Polygons roads must not cross (the lake park).</summary>
    public List<Geometry> RoadBlockers { get; } = [];
    public Geometry Inner { get; }
    private readonly double _vMin, _vMax, _uMin, _uMax;

    public ParkLayout(ParkSpec park)
    {
        Park = park;
        Frame = new Frame(park.Plane.Centroid.Coordinate, park.Grid.AngleDeg);
        // 12 m inside the park line so parcels never touch the boundary, even after rounding.
        Inner = park.Plane.Buffer(-12);
        var local = park.Plane.ExteriorRing.Coordinates.Select(Frame.ToLocal).ToList();
        (_uMin, _uMax) = (local.Min(c => c.U), local.Max(c => c.U));
        (_vMin, _vMax) = (local.Min(c => c.V), local.Max(c => c.V));
        var g = park.Grid;
        var rng = new Random(park.Seed);
        var nu = (int)Math.Ceiling((_uMax - _uMin) / (g.BlockW + g.Corridor));
        var nv = (int)Math.Ceiling((_vMax - _vMin) / (g.BlockH + g.Corridor));
        for (var i = 0; i < nu; i++)
            UCorridors.Add(_uMin + (i + 1) * (g.BlockW + g.Corridor) - g.Corridor / 2);
        for (var j = 0; j < nv; j++)
            VCorridors.Add(_vMin + (j + 1) * (g.BlockH + g.Corridor) - g.Corridor / 2);
        for (var j = 0; j < nv; j++)
        {
            for (var i = 0; i < nu; i++)
            {
                var u0 = _uMin + g.Corridor / 2 + i * (g.BlockW + g.Corridor);
                var v0 = _vMin + g.Corridor / 2 + j * (g.BlockH + g.Corridor);
                var block = new Block(park, i, j, u0, v0, u0 + g.BlockW, v0 + g.BlockH);
                var rect = Frame.Rect(block.U0, block.V0, block.U1, block.V1);
                if (!Inner.Intersects(rect))
                    continue;
                block.FullyInside = Inner.Contains(rect);
                // Drawn for every block so the random sequence does not depend on later choices.
                if (rng.NextDouble() < g.SkipShare && block.FullyInside)
                    block.Reserved = "skip";
                Blocks.Add(block);
            }
        }
    }

    public Block? BlockAt(int i, int j) => Blocks.FirstOrDefault(b => b.I == i && b.J == j);

    /// <summary>The fully-inside, unreserved block whose centre is nearest a GK point.</summary>
    public Block NearestFreeBlock(Coordinate target) => Blocks
        .Where(b => b.FullyInside && b.Reserved is null or "skip")
        .OrderBy(b => Frame.ToPlane((b.U0 + b.U1) / 2, (b.V0 + b.V1) / 2).Distance(target))
        .First();

    public Coordinate BlockCentre(Block b) => Frame.ToPlane((b.U0 + b.U1) / 2, (b.V0 + b.V1) / 2);

    /// <summary>Centre line of a corridor (offset lets a river share a corridor with a road), clipped to the park.</summary>
    public Geometry Corridor(bool alongV, int index, double offset = 0)
    {
        var line = alongV
            ? Projection.Plane.CreateLineString([Frame.ToPlane(UCorridors[index] + offset, _vMin - 50), Frame.ToPlane(UCorridors[index] + offset, _vMax + 50)])
            : Projection.Plane.CreateLineString([Frame.ToPlane(_uMin - 50, VCorridors[index] + offset), Frame.ToPlane(_uMax + 50, VCorridors[index] + offset)]);
        Geometry clipped = line.Intersection(Park.Plane);
        foreach (var blocker in RoadBlockers)
            clipped = clipped.Difference(blocker);
        return clipped;
    }
}
