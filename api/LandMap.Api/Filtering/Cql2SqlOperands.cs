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
        CaseInsensitive c => Folded(c, c.Arg, "CASEI", "lower"),
        AccentInsensitive a => Folded(a, a.Arg, "ACCENTI", "unaccent"),
        ArithmeticExpr a => Cql2ArithmeticSql.Render(this, a),
        FunctionCall f => Function(f),
        IntervalLit => throw Cql2Errors.Invalid("an INTERVAL can only be an argument of a T_ predicate (e.g. T_DURING)"),
        OpenEnd => throw Cql2Errors.Invalid("'..' can only be an end of an INTERVAL"),
        _ => throw Cql2Errors.Invalid($"unsupported value {Cql2Text.Of(node)}"),
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

    /// <summary>CASEI as lower(), ACCENTI as unaccent() (the contrib extension, migration 0032: it strips
    /// accents and folds diacritics, e.g. 'débárquér' to 'debarquer'); both give NULL for NULL.</summary>
    private SqlOperand Folded(Cql2Operand node, Cql2Operand argument, string name, string sqlFunction)
    {
        var arg = Render(argument, Cql2Type.Text, $"the argument of {name}");
        return new($"{sqlFunction}({arg.Sql})", Cql2Type.Text, $"{name}({arg.Description})", node);
    }

    /// <summary>A function of <see cref="Cql2Functions"/>, its arguments checked by kind.</summary>
    private SqlOperand Function(FunctionCall f)
    {
        var def = Cql2Functions.Find(f.Name)
            ?? throw Cql2Errors.Invalid($"unknown function {Cql2Errors.Quote(f.Name)}: this server has the functions {Cql2Functions.Names} (see /ogc/functions)");
        if (f.Args.Count != def.Args.Count)
            throw Cql2Errors.Invalid($"function {def.Name} takes {def.Args.Count} argument(s) ({string.Join(", ", def.Args.Select(a => a.Title))}); got {f.Args.Count}");
        var args = f.Args.Select((a, i) => Render(a, def.Args[i].Type, $"argument {i + 1} ({def.Args[i].Title}) of {def.Name}")).ToList();
        return new(def.Sql(args, p), def.Returns, Cql2Text.Of(f), f);
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
