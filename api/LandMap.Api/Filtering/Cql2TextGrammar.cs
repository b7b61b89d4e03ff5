using Parlot.Fluent;
using static LandMap.Api.Filtering.Cql2TextTokens;
using static Parlot.Fluent.Parsers;

namespace LandMap.Api.Filtering;

/// <summary>
/// The cql2-text grammar (OGC 21-065r2, the parts this server supports) as Parlot combinators.
/// Precedence, loosest first: OR, AND, NOT, then predicates; parentheses group. Values (and their
/// arithmetic) are <see cref="Cql2TextOperands"/>. Every point after
/// which only one thing can follow reports what it expected, so errors name the position.
/// </summary>
internal static class Cql2TextGrammar
{
    /// <summary>A whole filter: one condition (the caller checks that nothing follows it).</summary>
    public static readonly Parser<Cql2Condition> Filter;

    static Cql2TextGrammar()
    {
        var operand = Cql2TextOperands.Operand;
        var condition = Deferred<Cql2Condition>();

        var group = Terms.Char('(')
            .SkipAnd(condition.ElseError("expected a condition after '('"))
            .AndSkip(Close("the group"));

        // A predicate before a group: "(a + 1) > 2" starts like a group, and a parenthesised value
        // that is not followed by a comparison fails quietly, so "(a = 1)" still reads as a group.
        var primary = OneOf(Spatial(operand), DWithin(operand), Temporal(operand), Predicate(operand), group);

        var not = Recursive<Cql2Condition>(self => OneOf(
            Keyword("NOT").SkipAnd(self.ElseError("expected a condition after NOT")).Then(Cql2Condition (c) => new NotExpr(c)),
            primary));

        var and = not.And(ZeroOrMany(Keyword("AND").SkipAnd(not.ElseError("expected a condition after AND"))))
            .Then(t => t.Item2.Count == 0 ? t.Item1 : new AndExpr(NodeList.Of([t.Item1, .. t.Item2])));
        var or = and.And(ZeroOrMany(Keyword("OR").SkipAnd(and.ElseError("expected a condition after OR"))))
            .Then(t => t.Item2.Count == 0 ? t.Item1 : new OrExpr(NodeList.Of([t.Item1, .. t.Item2])));

        condition.Parser = or;
        Filter = condition.ElseError("expected a condition");
    }

    /// <summary>operand followed by a comparison, LIKE, BETWEEN, IN or IS [NOT] NULL.</summary>
    private static Parser<Cql2Condition> Predicate(Parser<Cql2Operand> operand)
    {
        var op = OneOf(Cql2Operators.Comparisons.Select(c => Terms.Text(c.Symbol).Then(c.Op)).ToArray());
        var comparison = op.And(operand.ElseError("expected a value after the comparison operator"))
            .Then(Func<Cql2Operand, Cql2Condition> (t) => left => new ComparisonExpr(t.Item1, left, t.Item2));
        var like = Keyword("LIKE").SkipAnd(operand.ElseError("expected a pattern after LIKE"))
            .Then(Func<Cql2Operand, Cql2Condition> (pattern) => left => new LikeExpr(left, pattern));
        var between = Keyword("BETWEEN").SkipAnd(operand.ElseError("expected the lower bound after BETWEEN"))
            .AndSkip(Keyword("AND").ElseError("expected AND between the bounds of BETWEEN"))
            .And(operand.ElseError("expected the upper bound of BETWEEN"))
            .Then(Func<Cql2Operand, Cql2Condition> (t) => left => new BetweenExpr(left, t.Item1, t.Item2));
        var inList = Keyword("IN").SkipAnd(Terms.Char('(').ElseError("expected '(' after IN"))
            .SkipAnd(ListOf(operand, "a value").ElseError("expected a value in the IN list"))
            .AndSkip(Close("the IN list"))
            .Then(Func<Cql2Operand, Cql2Condition> (items) => left => new InExpr(left, NodeList.Of(items)));
        var isNull = Keyword("IS").SkipAnd(Keyword("NOT").Then(true).Else(false))
            .AndSkip(Keyword("NULL").ElseError("expected NULL or NOT NULL after IS"))
            .Then(Func<Cql2Operand, Cql2Condition> (negated) => left => negated ? new NotExpr(new IsNullExpr(left)) : new IsNullExpr(left));
        var negated = Keyword("NOT").SkipAnd(OneOf(like, between, inList).ElseError("expected LIKE, BETWEEN or IN after NOT"))
            .Then(Func<Cql2Operand, Cql2Condition> (make) => left => new NotExpr(make(left)));

        var tail = OneOf(comparison, like, between, inList, isNull, negated);
        // Without a tail, a boolean literal or a function call is a condition by itself (the BNF's
        // booleanPrimary); any other value needs one.
        return operand.And(ZeroOrOne(tail)).Then((_, _, end, t) => t.Item2.Count > 0 ? t.Item2[0](t.Item1)
            : t.Item1 is BooleanLit or FunctionCall ? new BooleanCondition(t.Item1)
            : throw new Parlot.ParseException(
                "expected a comparison operator (=, <>, <, <=, >, >=), LIKE, BETWEEN, IN or IS NULL", new Parlot.TextPosition(end, 0, 0)));
    }

    /// <summary>S_INTERSECTS(a, b) and the other spatial predicates.</summary>
    private static Parser<Cql2Condition> Spatial(Parser<Cql2Operand> operand) =>
        Binary(operand, Cql2Operators.Spatial.Keys, (name, a, b) => new SpatialExpr(Cql2Operators.Spatial[name], a, b));

    /// <summary>T_BEFORE(a, b) and the other temporal predicates.</summary>
    private static Parser<Cql2Condition> Temporal(Parser<Cql2Operand> operand) =>
        Binary(operand, Cql2Operators.Temporal.Keys, (name, a, b) => new TemporalExpr(Cql2Operators.Temporal[name], a, b));

    /// <summary>S_DWITHIN(a, b, distance, units); units as a word (meters) or a string ('km').</summary>
    private static Parser<Cql2Condition> DWithin(Parser<Cql2Operand> operand)
    {
        var units = OneOf(Word.Then(w => w.ToString()), QuotedString).ElseError("expected the distance units (meters or kilometers)");
        return Call("S_DWITHIN")
            .SkipAnd(operand.ElseError("expected a geometry as first argument of S_DWITHIN"))
            .AndSkip(Comma("S_DWITHIN"))
            .And(operand.ElseError("expected a geometry as second argument of S_DWITHIN"))
            .AndSkip(Comma("S_DWITHIN"))
            .And(Number.ElseError("expected the distance (a number) as third argument of S_DWITHIN"))
            .AndSkip(Comma("S_DWITHIN"))
            .And(units)
            .AndSkip(Close("S_DWITHIN"))
            .Then((_, start, _, t) => Guard<Cql2Condition>(start, () => new DWithinExpr(t.Item1, t.Item2, Cql2Values.Metres(t.Item3, t.Item4))));
    }

    /// <summary>NAME(a, b) for a set of predicate names.</summary>
    private static Parser<Cql2Condition> Binary(Parser<Cql2Operand> operand, IEnumerable<string> names,
        Func<string, Cql2Operand, Cql2Operand, Cql2Condition> make)
    {
        var known = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        return Word.When((_, s) => known.Contains(s.ToString())).AndSkip(Terms.Char('('))
            .And(operand.ElseError("expected a value as first argument"))
            .AndSkip(Terms.Char(',').ElseError("expected ',' between the two arguments"))
            .And(operand.ElseError("expected a value as second argument"))
            .AndSkip(Close("the predicate's arguments"))
            .Then(t => make(t.Item1.ToString(), t.Item2, t.Item3));
    }
}
