namespace LandMap.Api.Filtering;

/// <summary>
/// Temporal predicates by their CQL2 definitions (Allen's relations on the begin and end of each
/// argument; an instant begins and ends at once; an interval includes both ends). Open ends
/// ('..') are minus/plus infinity and are compared here rather than in SQL, so no sentinel dates
/// reach the database. T_AFTER, T_BEFORE, T_DISJOINT, T_EQUALS and T_INTERSECTS take instants and
/// intervals; the others only intervals, as the standard's second table of definitions says.
/// </summary>
internal static class Cql2TemporalSql
{
    /// <summary>A begin or end: a SQL expression, or an infinity (-1 before all time, +1 after).</summary>
    private readonly record struct Point(string? Sql, int Infinity);

    /// <summary>A temporal argument: begin, end and the kind of both (date or timestamp, never mixed).</summary>
    private sealed record Span(Point Begin, Point End, Cql2Type Type, string Description, bool IsInterval);

    public static string Predicate(Cql2SqlOperands operands, TemporalExpr t)
    {
        var name = Cql2Operators.Name(t.Op);
        var a = Argument(operands, t.Left, name);
        var b = Argument(operands, t.Right, name);
        if (Cql2Operators.IntervalOnly.Contains(t.Op) && (!a.IsInterval || !b.IsInterval))
            throw Cql2Errors.Invalid(
                $"{name} is defined between two intervals (OGC 21-065r2, 7.7: \"using these functions with instants will result in a client error\"); " +
                $"{(a.IsInterval ? b : a).Description} is an instant: use T_BEFORE, T_AFTER, T_EQUALS, T_INTERSECTS or T_DISJOINT, " +
                "or make it an interval, e.g. INTERVAL(supplied_on, supplied_on)");
        (a, b) = (AsTimestamps(a, b.Type), AsTimestamps(b, a.Type));

        // Allen's relations (OWL-Time) on begin and end; instants begin and end at once.
        List<string?>[] alternatives = t.Op switch
        {
            TemporalOp.After => [[Cmp(a.Begin, ">", b.End)]],
            TemporalOp.Before => [[Cmp(a.End, "<", b.Begin)]],
            TemporalOp.Disjoint => [[Cmp(a.End, "<", b.Begin)], [Cmp(a.Begin, ">", b.End)]],
            TemporalOp.Contains => [[Cmp(a.Begin, "<", b.Begin), Cmp(a.End, ">", b.End)]],
            TemporalOp.During => [[Cmp(a.Begin, ">", b.Begin), Cmp(a.End, "<", b.End)]],
            TemporalOp.Equals => [[Cmp(a.Begin, "=", b.Begin), Cmp(a.End, "=", b.End)]],
            TemporalOp.FinishedBy => [[Cmp(a.Begin, "<", b.Begin), Cmp(a.End, "=", b.End)]],
            TemporalOp.Finishes => [[Cmp(a.Begin, ">", b.Begin), Cmp(a.End, "=", b.End)]],
            TemporalOp.Intersects => [[Cmp(a.Begin, "<=", b.End), Cmp(a.End, ">=", b.Begin)]],
            TemporalOp.Meets => [[Cmp(a.End, "=", b.Begin)]],
            TemporalOp.MetBy => [[Cmp(a.Begin, "=", b.End)]],
            TemporalOp.OverlappedBy => [[Cmp(a.Begin, ">", b.Begin), Cmp(a.Begin, "<", b.End), Cmp(a.End, ">", b.End)]],
            TemporalOp.Overlaps => [[Cmp(a.Begin, "<", b.Begin), Cmp(a.End, ">", b.Begin), Cmp(a.End, "<", b.End)]],
            TemporalOp.StartedBy => [[Cmp(a.Begin, "=", b.Begin), Cmp(a.End, ">", b.End)]],
            TemporalOp.Starts => [[Cmp(a.Begin, "=", b.Begin), Cmp(a.End, "<", b.End)]],
            _ => throw Cql2Errors.Invalid($"{name} is not supported"),
        };
        var any = alternatives.Select(All).Where(x => x != False).Distinct().ToList();
        if (any.Contains(True)) return "true";
        return any.Count switch { 0 => "false", 1 => any[0], _ => "(" + string.Join(" or ", any) + ")" };
    }

    /// <summary>All parts hold: <see cref="True"/>, <see cref="False"/> or the SQL of the parts left.</summary>
    private static string All(List<string?> parts)
    {
        if (parts.Contains(False)) return False;
        var sql = parts.OfType<string>().Where(s => s != True).Distinct().ToList();
        return sql.Count == 0 ? True : sql.Count == 1 ? $"({sql[0]})" : "(" + string.Join(" and ", sql) + ")";
    }

    /// <summary>
    /// A date argument compared with a timestamp one becomes timestamps: each date is its day's
    /// start in UTC, the cast the standard gives as an example (7.7, "Type casts").
    /// </summary>
    private static Span AsTimestamps(Span span, Cql2Type other) =>
        span.Type == Cql2Type.Date && other == Cql2Type.Timestamp
            ? span with { Begin = ToTimestamp(span.Begin), End = ToTimestamp(span.End), Type = Cql2Type.Timestamp }
            : span;

    private static Point ToTimestamp(Point p) => p.Sql is null ? p : p with { Sql = $"({p.Sql}::timestamp at time zone 'UTC')" };

    /// <summary>A property, a DATE/TIMESTAMP literal (an instant), or an INTERVAL.</summary>
    private static Span Argument(Cql2SqlOperands operands, Cql2Operand node, string name)
    {
        if (node is IntervalLit interval)
        {
            var (begin, bt) = End(operands, interval.Start, -1, name);
            var (end, et) = End(operands, interval.End, +1, name);
            if (interval is { Start: DateLit ds, End: DateLit de } && ds.Value > de.Value ||
                interval is { Start: TimestampLit ts, End: TimestampLit te } && ts.Value > te.Value)
                throw Cql2Errors.Invalid("INTERVAL starts after it ends");
            // One end a date and the other a timestamp: both timestamps (the date at its day's start, UTC).
            if (bt is not null && et is not null && bt != et)
                (begin, end, bt) = (bt == Cql2Type.Date ? ToTimestamp(begin) : begin, et == Cql2Type.Date ? ToTimestamp(end) : end, Cql2Type.Timestamp);
            return new Span(begin, end, bt ?? et ?? Cql2Type.Date, "an INTERVAL", IsInterval: true);
        }
        var instant = Instant(operands, node, name);
        return new Span(new(instant.Sql, 0), new(instant.Sql, 0), instant.Type, instant.Description, IsInterval: false);
    }

    private static (Point, Cql2Type?) End(Cql2SqlOperands operands, Cql2Operand node, int openInfinity, string name)
    {
        if (node is OpenEnd) return (new Point(null, openInfinity), null);
        var value = Instant(operands, node, name);
        return (new Point(value.Sql, 0), value.Type);
    }

    private static SqlOperand Instant(Cql2SqlOperands operands, Cql2Operand node, string name)
    {
        var value = operands.Render(node);
        return value.Type is Cql2Type.Date or Cql2Type.Timestamp
            ? value
            : throw Cql2Errors.Invalid($"{name} needs dates, timestamps or intervals; {value.Description} is {value.Type.Name()}");
    }

    private const string True = "\u0001true", False = "\u0001false";

    /// <summary>One comparison of two points. With an infinity involved the answer is known now; when it
    /// is "true" against a finite side, that side must still not be null (SQL's unknown stays unknown).</summary>
    private static string Cmp(Point x, string op, Point y)
    {
        if (x.Infinity == 0 && y.Infinity == 0) return $"{x.Sql} {op} {y.Sql}";
        var order = x.Infinity.CompareTo(y.Infinity);
        var holds = op switch
        {
            "<" => order < 0, "<=" => order <= 0, ">" => order > 0, ">=" => order >= 0, _ => order == 0,
        };
        if (!holds) return False;
        var finite = x.Infinity == 0 ? x.Sql : y.Infinity == 0 ? y.Sql : null;
        return finite is null ? True : $"{finite} is not null";
    }
}
