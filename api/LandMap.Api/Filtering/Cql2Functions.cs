using System.Text.Json.Nodes;

namespace LandMap.Api.Filtering;

/// <summary>One argument of a function: its name for the /functions document and its kind.</summary>
internal sealed record Cql2FunctionArg(string Title, Cql2Type Type);

/// <summary>
/// A function filters may call (CQL2 Functions). <c>Sql</c> gets the rendered arguments, checked
/// against <c>Args</c> already, and the parameters (for a value it must add).
/// </summary>
internal sealed record Cql2Function(string Name, string Description, IReadOnlyList<Cql2FunctionArg> Args, Cql2Type Returns,
    Func<IReadOnlyList<SqlOperand>, Data.SqlParameters, string> Sql);

/// <summary>
/// The functions of this server, listed at /ogc/functions (requirement /req/functions/get-functions-operation)
/// and the only ones the SQL writer accepts: names match in any case (the standard's own example
/// writes <c>Buffer(geometry,10,'m')</c>). Each is a PostgreSQL/PostGIS call that cannot fail on a
/// value a filter can hold, so a filter never turns into a 500.
/// </summary>
internal static class Cql2Functions
{
    private static readonly Cql2FunctionArg Text = new("value", Cql2Type.Text);
    private static readonly Cql2FunctionArg Number = new("value", Cql2Type.Number);
    private static readonly Cql2FunctionArg Geometry = new("geometry", Cql2Type.Geometry);

    public static readonly IReadOnlyList<Cql2Function> All =
    [
        new("lower", "The text in lower case (Unicode rules of the database).", [Text], Cql2Type.Text, (a, _) => $"lower({a[0].Sql})"),
        new("upper", "The text in upper case.", [Text], Cql2Type.Text, (a, _) => $"upper({a[0].Sql})"),
        new("abs", "The absolute value of a number.", [Number], Cql2Type.Number, (a, _) => $"abs({a[0].Sql})"),
        new("area", "The area of a geometry in square metres, on the CGCS2000 ellipsoid (0 for points and lines).",
            [Geometry], Cql2Type.Number, (a, _) => $"st_area({a[0].Sql}::geography)"),
        new("Buffer", "The geometry grown by a distance on the ellipsoid; units 'm' or 'km' (a string), as in the standard's example Buffer(geometry,10,'m'). A negative distance shrinks polygons.",
            [Geometry, new("distance", Cql2Type.Number), new("units", Cql2Type.Text)], Cql2Type.Geometry, Buffer),
    ];

    /// <summary>The function of that name, any case, or null.</summary>
    public static Cql2Function? Find(string name) => All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names, for "unknown function" messages.</summary>
    public static string Names => string.Join(", ", All.Select(f => f.Name));

    /// <summary>The /functions document (schema/functions.yml of OGC 21-065r2).</summary>
    public static JsonObject Document() => new()
    {
        ["functions"] = new JsonArray([.. All.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["description"] = f.Description,
            ["args"] = new JsonArray([.. f.Args.Select(a => (JsonNode)new JsonObject { ["title"] = a.Title, ["type"] = new JsonArray(TypeName(a.Type)) })]),
            ["returns"] = new JsonArray(TypeName(f.Returns)),
        })]),
    };

    private static string TypeName(Cql2Type type) => type switch
    {
        Cql2Type.Text => "string",
        Cql2Type.Number => "number",
        Cql2Type.Boolean => "boolean",
        Cql2Type.Geometry => "geometry",
        _ => "datetime",
    };

    /// <summary>Buffer on the geography (metres whatever the CRS); the units must be a literal so
    /// the distance is known in metres when the SQL is written.</summary>
    private static string Buffer(IReadOnlyList<SqlOperand> a, Data.SqlParameters p)
    {
        if (a[2].Node is not StringLit units)
            throw Cql2Errors.Invalid("the units of Buffer must be a string literal, 'm' or 'km'");
        double factor;
        try { factor = Cql2Values.Metres(1, units.Value); }
        catch (FormatException) { throw Cql2Errors.Invalid($"Buffer units {Cql2Errors.Quote(units.Value)} are not known; use 'm' or 'km'"); }
        // PostGIS's geography buffer comes back as SRID 4326; the coordinates are CGCS2000's still (the
        // README's CRS policy: centimetres apart), so it is labelled 4490 again to meet the column.
        return $"st_setsrid(st_buffer({a[0].Sql}::geography, {a[1].Sql} * {p.Add(factor)})::geometry, 4490)";
    }
}
