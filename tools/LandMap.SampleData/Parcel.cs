using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>What story a parcel tells; decides its state, dates and events (see ParcelStories).</summary>
public enum Role
{
    None,
    // The five 2014 indicator sets (each parcel has at most one of these events in 2014).
    Sold2014Industrial, Cleared2014, Redevelop2014, Revitalised2014, Reported2014,
    // Everything else.
    InUseBuilt, InUseBuilding, UnderUsed, Idle, SuppliedUnused, ApprovedUnsupplied,
    LowEfficiency, Revitalised, TidalFlat, Reclaimed,
}

/// <summary>
/// A parcel: geometry as a (possibly chamfered) rectangle in its park's grid frame, or a fixed
/// polygon when it was clipped by the park edge or has a hole; plus the table's columns.
/// Property names map 1:1 to columns of the parcels table when written.
/// </summary>
public sealed class Parcel
{
    public required ParkLayout Layout { get; init; }
    public double U0 { get; init; }
    public double V0 { get; init; }
    public double U1 { get; set; }
    public double V1 { get; set; }
    public int ChamferCorner { get; init; } = -1;   // a corner cut where two roads meet
    public double ChamferSize { get; init; }
    public Polygon? Fixed { get; init; }
    public bool Coastal { get; init; }               // on the tidal side of 滨海 or in 瓯飞

    public Polygon Plane => Fixed ?? BuildRect();
    public bool Resizable => Fixed is null;
    public double AreaMu => Projection.EllipsoidalArea(Plane) * 15.0 / 10000.0;

    public Role Role { get; set; }
    /// <summary>For project parcels: "building" (started, not finished) or "done" (completed).</summary>
    public string? ProjectProgress { get; set; }

    public string Code { get; set; } = "";
    public string? Name { get; set; }
    public string ParkCode => Layout.Park.Code;
    public string LandUse { get; set; } = ""; // empty until a project, an indicator set or the park profile decides
    public string Status { get; set; } = "";
    public string? SupplyMethod { get; set; }
    public string? LandUser { get; set; }
    public string? ContractNo { get; set; }
    public string? ProjectCode { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public DateOnly? SuppliedOn { get; set; }
    public DateOnly? AgreedStartOn { get; set; }
    public DateOnly? ActualStartOn { get; set; }
    public DateOnly? AgreedCompletionOn { get; set; }
    public DateOnly? ActualCompletionOn { get; set; }
    public decimal? PlotRatioMin { get; set; }
    public decimal? PlotRatioMax { get; set; }
    public decimal? PlotRatio { get; set; }
    public decimal? BuildingDensity { get; set; }
    public decimal? GreenRatio { get; set; }
    public decimal? InvestmentAgreedWan { get; set; }
    public decimal? InvestmentActualWan { get; set; }
    public decimal? BuiltAreaRatio { get; set; }
    /// <summary>中止开发建设日期: the day a started project halted (only the halted kind of idle land has one).</summary>
    public DateOnly? HaltedOn { get; set; }
    public List<Event> Events { get; } = [];
    /// <summary>出让/划拨价款 (万元), 出让年限 and 交地日期 of the supply contract.</summary>
    public decimal? SupplyPriceWan { get; set; }
    public int? TermYears { get; set; }
    public DateOnly? HandoverOn { get; set; }

    public Coordinate Centre => Plane.InteriorPoint.Coordinate;

    private Polygon BuildRect()
    {
        var f = Layout.Frame;
        (double U, double V)[] corners = [(U0, V0), (U1, V0), (U1, V1), (U0, V1)];
        var pts = new List<Coordinate>();
        for (var k = 0; k < 4; k++)
        {
            if (k != ChamferCorner)
            {
                pts.Add(f.ToPlane(corners[k].U, corners[k].V));
                continue;
            }
            // Replace the corner by two points on its edges, ChamferSize from the corner.
            var prev = corners[(k + 3) % 4];
            var next = corners[(k + 1) % 4];
            pts.Add(f.ToPlane(Toward(corners[k].U, prev.U), Toward(corners[k].V, prev.V)));
            pts.Add(f.ToPlane(Toward(corners[k].U, next.U), Toward(corners[k].V, next.V)));
        }
        pts.Add(pts[0].Copy());
        return Projection.Plane.CreatePolygon(pts.ToArray());
    }

    private double Toward(double from, double to) =>
        from == to ? from : from + Math.Sign(to - from) * ChamferSize;

    /// <summary>
    /// Shrinks the parcel (moving its far v edge, so it stays inside its old footprint and cannot
    /// start overlapping anything) until its ellipsoidal area is the given mu.
    /// </summary>
    public void ShrinkToMu(double mu)
    {
        if (!Resizable)
            throw new InvalidOperationException($"{Code}: only rectangles can be resized");
        double lo = V0 + ChamferSize + 1, hi = V1;
        for (var i = 0; i < 80; i++)
        {
            V1 = (lo + hi) / 2;
            if (AreaMu > mu) hi = V1; else lo = V1;
        }
        V1 = (lo + hi) / 2;
    }
}

/// <summary>A lifecycle or procedure event; the details are those of the idle-land procedure's steps.</summary>
public sealed record Event(string Kind, DateOnly On, string? DocumentNo = null, string? Cause = null,
    DateOnly? NewAgreedStartOn = null, decimal? AmountWan = null)
{
    public static implicit operator Event((string Kind, DateOnly On) e) => new(e.Kind, e.On);
}
