using LandMap.Api.Data;
using LandMap.Api.Domain;

namespace LandMap.Api.Filtering;

/// <summary>
/// Turns a CQL2 tree into a PostgreSQL/PostGIS boolean expression over one collection's table.
/// Every value becomes a parameter of <see cref="SqlParameters"/>; every property must be a
/// queryable of the collection and is written as the catalog's column name; values are compared
/// only with values of the same kind (text, number, date, timestamp, geometry).
/// </summary>
public sealed class Cql2SqlWriter
{
    private readonly Cql2SqlOperands _operands;
    private readonly SqlParameters _p;

    /// <param name="collection">Whose queryables the filter may use.</param>
    /// <param name="parameters">Where the values go; the SQL refers to them as $n.</param>
    /// <param name="filterSrid">EPSG code of the geometry literals; null means CRS84.</param>
    /// <param name="swapAxes">True when the filter CRS's first axis is latitude or northing.</param>
    public Cql2SqlWriter(CollectionDef collection, SqlParameters parameters, int? filterSrid = null, bool swapAxes = false)
    {
        _p = parameters;
        _operands = new Cql2SqlOperands(collection, parameters, filterSrid, swapAxes);
    }

    /// <summary>The SQL boolean expression for a condition, ready to go after <c>where</c>.</summary>
    public string Write(Cql2Condition condition) => condition switch
    {
        AndExpr a => "(" + string.Join(" and ", a.Args.Select(Write)) + ")",
        OrExpr o => "(" + string.Join(" or ", o.Args.Select(Write)) + ")",
        NotExpr n => $"(not {Write(n.Arg)})",
        ComparisonExpr c => Comparison(c),
        LikeExpr l => Like(l),
        BetweenExpr b => Between(b),
        InExpr i => In(i),
        IsNullExpr n => $"({_operands.Render(n.Value).Sql} is null)",
        SpatialExpr s => Cql2SpatialSql.Predicate(_operands, s),
        DWithinExpr d => Cql2SpatialSql.DWithin(_operands, d),
        TemporalExpr t => Cql2TemporalSql.Predicate(_operands, t),
        _ => throw Cql2Errors.Invalid($"unsupported condition {condition.GetType().Name}"),
    };

    private string Comparison(ComparisonExpr c)
    {
        var symbol = Cql2Operators.Symbol(c.Op);
        var (a, b) = (_operands.Render(c.Left), _operands.Render(c.Right));
        if (a.Type == Cql2Type.Geometry || b.Type == Cql2Type.Geometry)
            throw Cql2Errors.Invalid($"geometries are compared with S_EQUALS and the other S_ predicates, not '{symbol}'");
        SameType(a, b, $"'{symbol}'");
        return $"{a.Sql} {symbol} {b.Sql}";
    }

    private string Like(LikeExpr l)
    {
        var value = _operands.Render(l.Value, Cql2Type.Text, "the value before LIKE");
        var pattern = _operands.Render(l.Pattern, Cql2Type.Text, "the pattern of LIKE");
        // A pattern ending in a lone backslash escapes nothing; PostgreSQL would fail the query.
        var text = l.Pattern switch { StringLit s => s.Value, CaseInsensitive { Arg: StringLit s } => s.Value, _ => null };
        if (text is not null && (text.Length - text.TrimEnd('\\').Length) % 2 == 1)
            throw Cql2Errors.Invalid($"LIKE pattern {Cql2Errors.Quote(text)} ends with an escape character (\\)");
        return $"{value.Sql} like {pattern.Sql}";
    }

    private string Between(BetweenExpr b)
    {
        var (value, low, high) = (_operands.Render(b.Value), _operands.Render(b.Low), _operands.Render(b.High));
        if (value.Type is not (Cql2Type.Text or Cql2Type.Number or Cql2Type.Date or Cql2Type.Timestamp))
            throw Cql2Errors.Invalid($"BETWEEN needs text, numbers, dates or timestamps; {value.Description} is {value.Type.Name()}");
        SameType(value, low, "BETWEEN");
        SameType(value, high, "BETWEEN");
        return $"({value.Sql} between {low.Sql} and {high.Sql})";
    }

    /// <summary>IN as one typed array parameter: <c>x = any($n)</c>, whatever the list's length.</summary>
    private string In(InExpr i)
    {
        var value = _operands.Render(i.Value);
        var items = i.List;
        T[] Items<T>(Func<Cql2Operand, T?> pick) => items.Select(item => pick(item) ?? throw Cql2Errors.Invalid(
            $"IN list items must be literals of the same kind as {value.Description} ({value.Type.Name()}); got {item}")).ToArray();
        var array = value.Type switch
        {
            Cql2Type.Text => _p.Add(Items(n => (n as StringLit)?.Value)),
            Cql2Type.Number => _p.Add(Items(n => (n as NumberLit)?.Value)),
            Cql2Type.Date => _p.Add(Items(n => (n as DateLit)?.Value)),
            Cql2Type.Timestamp => _p.Add(Items(n => (n as TimestampLit)?.Value.ToUniversalTime())),
            Cql2Type.Boolean => _p.Add(Items(n => (n as BooleanLit)?.Value)),
            _ => throw Cql2Errors.Invalid($"IN needs text, numbers, dates or timestamps; {value.Description} is {value.Type.Name()}"),
        };
        return $"{value.Sql} = any({array})";
    }

    private static void SameType(SqlOperand a, SqlOperand b, string what)
    {
        if (a.Type == b.Type) return;
        var hint = (a.Type, b.Node) switch
        {
            (Cql2Type.Date, StringLit s) => $"; write DATE('{s.Value}')",
            (Cql2Type.Timestamp, StringLit s) => $"; write TIMESTAMP('{s.Value}')",
            (Cql2Type.Number, StringLit s) when double.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out _) => $"; write the number {s.Value} without quotes",
            _ => "",
        };
        throw Cql2Errors.Invalid($"{what} compares {a.Description} ({a.Type.Name()}) with {b.Description} ({b.Type.Name()}){hint}");
    }
}
