using Parlot.Fluent;
using static LandMap.Api.Filtering.Cql2TextTokens;
using static Parlot.Fluent.Parsers;

namespace LandMap.Api.Filtering;

/// <summary>
/// The values of cql2-text: literals, temporal and geometry literals, CASEI/ACCENTI, properties,
/// function calls, and arithmetic over them with the BNF's precedence (loosest first): + -, then
/// * / % div, then ^ (not chained), then a unary minus or a parenthesised expression.
/// </summary>
internal static class Cql2TextOperands
{
    /// <summary>Any value, arithmetic included.</summary>
    public static readonly Parser<Cql2Operand> Operand;

    /// <summary>Names that are predicates, not functions: "S_INTERSECTS(" starts a condition, and
    /// reading it as a function call would hide the predicate's own errors.</summary>
    private static readonly HashSet<string> PredicateNames = new(
        Cql2Operators.Spatial.Keys.Concat(Cql2Operators.Temporal.Keys).Append("S_DWITHIN"), StringComparer.OrdinalIgnoreCase);

    static Cql2TextOperands()
    {
        var operand = Deferred<Cql2Operand>();
        var stringLit = QuotedString.Then(Cql2Operand (s) => new StringLit(s));
        var numberLit = Number.Then(Cql2Operand (n) => new NumberLit(n));
        var booleanLit = OneOf(Keyword("TRUE").Then(true), Keyword("FALSE").Then(false)).Then(Cql2Operand (b) => new BooleanLit(b));

        var date = Call("DATE").SkipAnd(QuotedString.ElseError("expected a quoted date after DATE(")).AndSkip(Close("DATE"))
            .Then((_, start, _, s) => Guard<Cql2Operand>(start, () => new DateLit(Cql2Values.Date(s))));
        var timestamp = Call("TIMESTAMP").SkipAnd(QuotedString.ElseError("expected a quoted timestamp after TIMESTAMP(")).AndSkip(Close("TIMESTAMP"))
            .Then((_, start, _, s) => Guard<Cql2Operand>(start, () => new TimestampLit(Cql2Values.Timestamp(s))));

        // Any other name followed by '(' is a function call (the BNF's `function`); whether the
        // server has it is the SQL writer's question, so an unknown one is named in a 400.
        // Not a keyword: "NOT (a = 1)" inside a parenthesised attempt is NOT and a group, not a call of NOT.
        var function = Word.When((_, s) => !PredicateNames.Contains(s.ToString()) && !IsReserved(s.ToString())).AndSkip(Terms.Char('('))
            .And(ZeroOrOne(ListOf(operand, "an argument")))
            .AndSkip(Terms.Char(')').ElseError("expected ')' to close the function's arguments"))
            .Then(Cql2Operand (t) => new FunctionCall(t.Item1.ToString(), NodeList.Of(t.Item2.Count == 0 ? [] : t.Item2[0])));

        // An interval end is '..', a date or timestamp (quoted or as DATE()/TIMESTAMP()), a function or a property.
        var end = OneOf(
            QuotedString.Then((_, start, _, s) => Guard(start, () => Cql2Values.IntervalEnd(s))),
            date, timestamp, function, Property.Then(Cql2Operand (p) => p));
        var interval = Call("INTERVAL")
            .SkipAnd(end.ElseError("expected the start of the interval ('..', a date, a timestamp or a property)"))
            .AndSkip(Comma("INTERVAL"))
            .And(end.ElseError("expected the end of the interval ('..', a date, a timestamp or a property)"))
            .AndSkip(Close("INTERVAL"))
            .Then(Cql2Operand (t) => new IntervalLit(t.Item1, t.Item2));

        var casei = Call("CASEI").SkipAnd(operand.ElseError("expected a value after CASEI(")).AndSkip(Close("CASEI"))
            .Then(Cql2Operand (o) => new CaseInsensitive(o));
        var accenti = Call("ACCENTI").SkipAnd(operand.ElseError("expected a value after ACCENTI(")).AndSkip(Close("ACCENTI"))
            .Then(Cql2Operand (o) => new AccentInsensitive(o));

        var atom = OneOf(
            date, timestamp, interval, casei, accenti, Cql2WktGrammar.Geometry, function,
            booleanLit, Property.Then(Cql2Operand (p) => p), numberLit, stringLit);
        operand.Parser = Arithmetic(atom, operand);
        Operand = operand;
    }

    /// <summary>The BNF's arithmeticExpression over the atoms; without an operator the atom itself.
    /// A parenthesised expression has no error of its own: "(a = 1)" fails here and is read as a group.</summary>
    private static Parser<Cql2Operand> Arithmetic(Parser<Cql2Operand> atom, Parser<Cql2Operand> operand)
    {
        var parenthesised = Terms.Char('(').SkipAnd(operand).AndSkip(Terms.Char(')'));
        var negated = Terms.Char('-').SkipAnd(atom)
            .Then(Cql2Operand (x) => new ArithmeticExpr(ArithmeticOp.Multiply, new NumberLit(-1), x));
        var factor = OneOf(parenthesised, atom, negated);

        var power = factor.And(ZeroOrOne(Terms.Char('^').SkipAnd(factor.ElseError("expected a number after '^'"))))
            .Then(t => t.Item2.Count == 0 ? t.Item1 : new ArithmeticExpr(ArithmeticOp.Power, t.Item1, t.Item2[0]));
        var multiplicative = OneOf(
            Terms.Char('*').Then(ArithmeticOp.Multiply), Terms.Char('/').Then(ArithmeticOp.Divide),
            Terms.Char('%').Then(ArithmeticOp.Modulo), Keyword("div").Then(ArithmeticOp.IntegerDivide));
        var term = Chain(power, multiplicative);
        var additive = OneOf(Terms.Char('+').Then(ArithmeticOp.Add), Terms.Char('-').Then(ArithmeticOp.Subtract));
        return Chain(term, additive);
    }

    /// <summary>first (op next)*, left-associative: a - b - c is (a - b) - c.</summary>
    private static Parser<Cql2Operand> Chain(Parser<Cql2Operand> item, Parser<ArithmeticOp> op) =>
        item.And(ZeroOrMany(op.And(item.ElseError("expected a number, a property or '(' after the arithmetic operator"))))
            .Then(t => t.Item2.Aggregate(t.Item1, (left, next) => new ArithmeticExpr(next.Item1, left, next.Item2)));
}
