using System.Globalization;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Api.Filtering;

/// <summary>
/// Renders operands to SQL: property names checked against the collection's queryables and
/// replaced by the catalog's own column names, every literal a parameter, geometry literals
/// brought from the filter CRS into the storage CRS (EPSG:4490).
/// </summary>
internal sealed class Cql2SqlOperands(CollectionDef collection, SqlParameters p, int? filterSrid, bool swapAxes)
{
    /// <summary>The queryable name of the geometry, and its column.</summary>
    public const string GeometryQueryable = "geometry";
    private const string GeometryColumn = "geom";
    private const int StorageSrid = 4490;

    public SqlParameters Parameters => p;

    public SqlOperand Render(Cql2Operand node) => node switch
    {
        PropertyRef r => Property(r),
        StringLit s => new(p.Add(s.Value), Cql2Type.Text, Cql2Errors.Quote(s.Value), node),
        NumberLit n => new(p.Add(n.Value), Cql2Type.Number, n.Value.ToString(CultureInfo.InvariantCulture), node),
        BooleanLit b => new(p.Add(b.Value), Cql2Type.Boolean, b.Value ? "TRUE" : "FALSE", node),
        DateLit d => new(p.Add(d.Value), Cql2Type.Date, $"DATE('{d.Value:yyyy-MM-dd}')", node),
        TimestampLit t => new(p.Add(t.Value.ToUniversalTime()), Cql2Type.Timestamp, $"TIMESTAMP('{t.Value:O}')", node),
        GeometryLit g => new(Geometry(g.Value), Cql2Type.Geometry, $"a {g.Value.GeometryType} literal", node),
        BboxLit b => new(Geometry(Cql2Geometries.ToPolygon(b)), Cql2Type.Geometry, "a BBOX literal", node),
        CaseInsensitive c => CaseI(c),
        AccentInsensitive => throw Cql2Errors.Invalid("ACCENTI is not supported by this server"),
        IntervalLit => throw Cql2Errors.Invalid("an INTERVAL can only be an argument of a T_ predicate (e.g. T_DURING)"),
        OpenEnd => throw Cql2Errors.Invalid("'..' can only be an end of an INTERVAL"),
        _ => throw Cql2Errors.Invalid($"unsupported value {node}"),
    };

    /// <summary>Renders and checks the kind: e.g. LIKE needs text on both sides.</summary>
    public SqlOperand Render(Cql2Operand node, Cql2Type expected, string role)
    {
        var value = Render(node);
        return value.Type == expected
            ? value
            : throw Cql2Errors.Invalid($"{role} must be {expected.Name()}; {value.Description} is {value.Type.Name()}");
    }

    /// <summary>A queryable by its exact name; the SQL gets the catalog's column name, never the request's text.</summary>
    private SqlOperand Property(PropertyRef r)
    {
        if (r.Name == GeometryQueryable)
            return new(GeometryColumn, Cql2Type.Geometry, $"property '{GeometryQueryable}'", r);
        var def = collection.Properties.FirstOrDefault(d => d.Name == r.Name)
            ?? throw Cql2Errors.Invalid(
                $"unknown property {Cql2Errors.Quote(r.Name)}: collection '{collection.Id}' has the queryables " +
                $"{string.Join(", ", collection.Properties.Select(d => d.Name).Append(GeometryQueryable))}");
        var type = def.Type switch
        {
            PropertyType.Text => Cql2Type.Text,
            PropertyType.Integer or PropertyType.Number => Cql2Type.Number,
            PropertyType.Date => Cql2Type.Date,
            _ => Cql2Type.Timestamp,
        };
        return new(def.Name, type, $"property '{def.Name}'", r);
    }

    private SqlOperand CaseI(CaseInsensitive c)
    {
        var arg = Render(c.Arg, Cql2Type.Text, "the argument of CASEI");
        return new($"lower({arg.Sql})", Cql2Type.Text, $"CASEI({arg.Description})", c);
    }

    /// <summary>
    /// A geometry literal in the storage CRS. WKT travels as a text parameter. CRS84, EPSG:4326
    /// and EPSG:4490 are used as EPSG:4490 directly (centimetres apart, as the README's CRS policy
    /// says); other CRSs are transformed by PostGIS. Axes are flipped first for lat/lon and
    /// northing/easting CRSs, since PostGIS reads WKT as x/y.
    /// </summary>
    private string Geometry(NetTopologySuite.Geometries.Geometry g)
    {
        var error = new IsValidOp(g).ValidationError;
        if (error is not null)
            throw Cql2Errors.Invalid($"geometry literal is not valid: {error.Message} near ({error.Coordinate?.X.ToString(CultureInfo.InvariantCulture)} {error.Coordinate?.Y.ToString(CultureInfo.InvariantCulture)})");
        // Outside the filter CRS's domain PostGIS cannot transform it (a 500): refuse it here.
        var domain = LandMap.Api.Geo.CrsDomain.Of(filterSrid ?? StorageSrid, filterSrid is null or 4326 or StorageSrid);
        foreach (var c in g.Coordinates)
        {
            var (x, y) = swapAxes ? (c.Y, c.X) : (c.X, c.Y);
            if (!domain.Contains(x, y))
                throw Cql2Errors.Invalid(string.Create(CultureInfo.InvariantCulture,
                    $"geometry literal has a coordinate ({c.X} {c.Y}) outside where its CRS (filter-crs) has places: {domain.Describe(swapAxes)}"));
        }
        var wkt = p.Add(new WKTWriter().Write(g));
        var sameAsStorage = filterSrid is null or 4326 or StorageSrid;
        var sql = sameAsStorage ? $"st_geomfromtext({wkt}, {StorageSrid})" : $"st_geomfromtext({wkt}, {p.Add(filterSrid!.Value)})";
        if (swapAxes) sql = $"st_flipcoordinates({sql})";
        return sameAsStorage ? sql : $"st_transform({sql}, {StorageSrid})";
    }
}
