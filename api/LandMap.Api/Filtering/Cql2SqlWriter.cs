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
        BooleanCondition b => Boolean(b),
        _ => throw Cql2Errors.Invalid($"unsupported condition {Cql2Text.Of(condition)}"),
    };

    /// <summary>TRUE, FALSE, or a function returning a boolean, as a condition.</summary>
    private string Boolean(BooleanCondition b)
    {
        if (b.Value is BooleanLit literal) return literal.Value ? "true" : "false";
        var value = _operands.Render(b.Value, Cql2Type.Boolean, "a value used as a condition");
        return $"({value.Sql})";
    }

    /// <summary>Arithmetic is numeric (<see cref="Cql2ArithmeticSql"/>); the other side of a comparison
    /// with it is made numeric too, so PostgreSQL never casts a large result down to double precision.</summary>
    private static (string, string) Numbers(SqlOperand a, SqlOperand b) =>
        a.Type == Cql2Type.Number && (a.Node is ArithmeticExpr || b.Node is ArithmeticExpr)
            ? (Cql2ArithmeticSql.Numeric(a), Cql2ArithmeticSql.Numeric(b))
            : (a.Sql, b.Sql);

    private string Comparison(ComparisonExpr c)
    {
        var symbol = Cql2Operators.Symbol(c.Op);
        var (a, b) = (_operands.Render(c.Left), _operands.Render(c.Right));
        if (a.Type == Cql2Type.Geometry || b.Type == Cql2Type.Geometry)
            throw Cql2Errors.Invalid($"geometries are compared with S_EQUALS and the other S_ predicates, not '{symbol}'");
        SameType(a, b, $"'{symbol}'");
        var (x, y) = Numbers(a, b);
        return $"{x} {symbol} {y}";
    }

    private string Like(LikeExpr l)
    {
        var value = _operands.Render(l.Value, Cql2Type.Text, "the value before LIKE");
        var pattern = _operands.Render(l.Pattern, Cql2Type.Text, "the pattern of LIKE");
        // A pattern ending in a lone backslash escapes nothing; PostgreSQL would fail the query.
        var text = PatternText(l.Pattern);
        if (text is not null && (text.Length - text.TrimEnd('\\').Length) % 2 == 1)
            throw Cql2Errors.Invalid($"LIKE pattern {Cql2Errors.Quote(text)} ends with an escape character (\\)");
        return $"{value.Sql} like {pattern.Sql}";
    }

    /// <summary>The pattern's literal text through CASEI/ACCENTI, or null when it is not a literal.</summary>
    private static string? PatternText(Cql2Operand pattern) => pattern switch
    {
        StringLit s => s.Value,
        CaseInsensitive c => PatternText(c.Arg),
        AccentInsensitive a => PatternText(a.Arg),
        _ => null,
    };

    private string Between(BetweenExpr b)
    {
        var (value, low, high) = (_operands.Render(b.Value), _operands.Render(b.Low), _operands.Render(b.High));
        if (value.Type is not (Cql2Type.Text or Cql2Type.Number or Cql2Type.Date or Cql2Type.Timestamp))
            throw Cql2Errors.Invalid($"BETWEEN needs text, numbers, dates or timestamps; {value.Description} is {value.Type.Name()}");
        SameType(value, low, "BETWEEN");
        SameType(value, high, "BETWEEN");
        var arithmetic = value.Node is ArithmeticExpr || low.Node is ArithmeticExpr || high.Node is ArithmeticExpr;
        string Sql(SqlOperand o) => arithmetic ? Cql2ArithmeticSql.Numeric(o) : o.Sql;
        return $"({Sql(value)} between {Sql(low)} and {Sql(high)})";
    }

    /// <summary>IN with literals of the value's kind as one typed array parameter, <c>x = any($n)</c>
    /// whatever the list's length; any other list (CASEI('IDLE'), properties, arithmetic) item by item,
    /// <c>x in (a, b)</c>, each item checked to be of the value's kind.</summary>
    private string In(InExpr i)
    {
        var value = _operands.Render(i.Value);
        if (value.Type is not (Cql2Type.Text or Cql2Type.Number or Cql2Type.Date or Cql2Type.Timestamp or Cql2Type.Boolean))
            throw Cql2Errors.Invalid($"IN needs text, numbers, booleans, dates or timestamps; {value.Description} is {value.Type.Name()}");
        var array = value.Node is ArithmeticExpr ? null : LiteralArray(value.Type, i.List);
        if (array is not null) return $"{value.Sql} = any({array})";
        var items = i.List.Select(item =>
        {
            var rendered = _operands.Render(item);
            SameType(value, rendered, "IN");
            return rendered;
        }).ToList();
        var arithmetic = value.Node is ArithmeticExpr || items.Any(x => x.Node is ArithmeticExpr);
        string Sql(SqlOperand o) => arithmetic ? Cql2ArithmeticSql.Numeric(o) : o.Sql;
        return $"{Sql(value)} in ({string.Join(", ", items.Select(Sql))})";
    }

    /// <summary>The list as one array parameter when every item is a plain literal of the kind, else null.</summary>
    private string? LiteralArray(Cql2Type type, NodeList<Cql2Operand> list)
    {
        string? Add<T>(Func<Cql2Operand, (bool Ok, T Value)> pick)
        {
            var picked = list.Select(pick).ToArray();
            return picked.All(x => x.Ok) ? _p.Add(picked.Select(x => x.Value).ToArray()) : null;
        }
        return type switch
        {
            Cql2Type.Text => Add(n => n is StringLit x ? (true, x.Value) : (false, "")),
            Cql2Type.Number => Add(n => n is NumberLit x ? (true, x.Value) : (false, 0.0)),
            Cql2Type.Date => Add(n => n is DateLit x ? (true, x.Value) : (false, default(DateOnly))),
            Cql2Type.Timestamp => Add(n => n is TimestampLit x ? (true, x.Value.ToUniversalTime()) : (false, default(DateTimeOffset))),
            _ => Add(n => n is BooleanLit x ? (true, x.Value) : (false, false)),
        };
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
