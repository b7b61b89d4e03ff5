namespace LandMap.Api.Filtering;

/// <summary>
/// Spatial predicates as PostGIS calls with the column first and the literal second, the shape
/// PostGIS's index support functions turn into a GiST index condition.
/// </summary>
internal static class Cql2SpatialSql
{
    public static string Predicate(Cql2SqlOperands operands, SpatialExpr s)
    {
        var name = Cql2Operators.Name(s.Op);
        var (a, b) = Pair(operands, s.Left, s.Right, name);
        var op = s.Op;
        if (b.IsProperty && !a.IsProperty)
        {
            // Column first: within(a, b) = contains(b, a); the other predicates are symmetric.
            (a, b) = (b, a);
            op = op switch { SpatialOp.Within => SpatialOp.Contains, SpatialOp.Contains => SpatialOp.Within, _ => op };
        }
        return op switch
        {
            // st_disjoint cannot use an index; "not st_intersects" is the same test and can be prepared.
            SpatialOp.Disjoint => $"not st_intersects({a.Sql}, {b.Sql})",
            _ => $"st_{op.ToString().ToLowerInvariant()}({a.Sql}, {b.Sql})",
        };
    }

    /// <summary>
    /// Within a distance in metres on the ellipsoid (geography). The geography test alone cannot use
    /// the GiST index on the geometry column, so a planar st_dwithin in degrees comes first: a
    /// distance in degrees that is never smaller than the metres, at the literal's highest latitude
    /// plus the distance itself (a degree of latitude is at least 110.5 km, of longitude 111.3 km
    /// times the cosine; 109 km keeps a margin for the ellipsoid).
    /// </summary>
    public static string DWithin(Cql2SqlOperands operands, DWithinExpr d)
    {
        var (a, b) = Pair(operands, d.Left, d.Right, "S_DWITHIN");
        if (b.IsProperty && !a.IsProperty) (a, b) = (b, a);
        var m = operands.Parameters.Add(d.Metres);
        var degrees = $"{m} / (109000.0 * cos(radians(least(89.0, greatest(abs(st_ymin({b.Sql})), abs(st_ymax({b.Sql}))) + {m} / 109000.0))))";
        return $"(st_dwithin({a.Sql}, {b.Sql}, {degrees}) and st_dwithin({a.Sql}::geography, {b.Sql}::geography, {m}))";
    }

    private static (SqlOperand, SqlOperand) Pair(Cql2SqlOperands operands, Cql2Operand left, Cql2Operand right, string name) =>
        (operands.Render(left, Cql2Type.Geometry, $"the first argument of {name}"),
         operands.Render(right, Cql2Type.Geometry, $"the second argument of {name}"));
}
