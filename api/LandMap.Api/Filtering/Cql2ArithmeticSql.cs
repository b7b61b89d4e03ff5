namespace LandMap.Api.Filtering;

/// <summary>
/// Arithmetic (+ - * / % div ^) in PostgreSQL numeric. Numeric, not double precision, because a
/// filter must never become a 500: double precision raises "value out of range" on overflow,
/// while numeric holds far more than the nesting bound (Cql2Limits.MaxDepth) can build from finite
/// literals. Division, % and div by zero give NULL (no row matches) rather than an error, and so
/// does a power PostgreSQL cannot compute (0 ^ -1, -8 ^ 0.5) or whose result would be too large.
/// A NULL operand (a property without a value) makes the whole NULL, as /req/arithmetic/arithmetic B asks.
/// </summary>
internal static class Cql2ArithmeticSql
{
    /// <summary>Exponents (as b * ln|a|) past this give NULL (too large) or 0 (too small): e^300 is about 1e130.</summary>
    private const int MaxLogMagnitude = 300;

    public static SqlOperand Render(Cql2SqlOperands operands, ArithmeticExpr e)
    {
        var symbol = Cql2Operators.Symbol(e.Op);
        var a = Numeric(operands.Render(e.Left, Cql2Type.Number, $"the left side of '{symbol}'"));
        var b = Numeric(operands.Render(e.Right, Cql2Type.Number, $"the right side of '{symbol}'"));
        var sql = e.Op switch
        {
            ArithmeticOp.Add => $"({a} + {b})",
            ArithmeticOp.Subtract => $"({a} - {b})",
            ArithmeticOp.Multiply => $"({a} * {b})",
            ArithmeticOp.Divide => $"({a} / nullif({b}, 0))",
            ArithmeticOp.Modulo => $"mod({a}, nullif({b}, 0))",
            ArithmeticOp.IntegerDivide => $"div({a}, nullif({b}, 0))",
            _ => Power(a, b),
        };
        return new SqlOperand(sql, Cql2Type.Number, Cql2Text.Of(e), e);
    }

    /// <summary>A number operand as numeric (a cast PostgreSQL does exactly for any finite value).</summary>
    public static string Numeric(SqlOperand operand) => $"{operand.Sql}::numeric";

    private static string Power(string a, string b) =>
        $"(case when {a} = 0 and {b} < 0 then null" +
        $" when {a} < 0 and {b} <> trunc({b}) then null" +
        $" when {a} <> 0 and {b} * ln(abs({a})) > {MaxLogMagnitude} then null" +
        $" when {a} <> 0 and {b} * ln(abs({a})) < -{MaxLogMagnitude} then 0" +
        $" else power({a}, {b}) end)";
}
