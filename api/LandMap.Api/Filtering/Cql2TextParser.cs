using LandMap.Api.Hosting;
using Parlot;
using Parlot.Fluent;

namespace LandMap.Api.Filtering;

/// <summary>Reads cql2-text (OGC 21-065r2) into the CQL2 tree.</summary>
public static class Cql2TextParser
{
    /// <summary>
    /// Parses a cql2-text filter and checks it against the limits. Keywords are case-insensitive;
    /// property names are words or double-quoted; strings are single-quoted with '' for a quote.
    /// Throws the "filter" <see cref="LandMap.Api.Problems.InvalidParameterException"/> naming
    /// the position and what was expected there, or the bound that was exceeded.
    /// </summary>
    public static Cql2Condition Parse(string text, Cql2Limits? limits = null)
    {
        limits ??= Cql2Limits.Default;
        Cql2Bounds.CheckLength(text, limits);
        if (string.IsNullOrWhiteSpace(text)) throw Cql2Errors.Invalid("filter is empty");

        // Parlot recurses once per nesting level; its own bound keeps a hostile "((((..." from
        // exhausting the stack. Several parser levels make one tree level, hence the factor.
        var context = new ParseContext(new Scanner(text), maxRecursionDepth: 4 * limits.MaxDepth + 20);
        if (!Cql2TextGrammar.Filter.TryParse(context, out var filter, out var error))
        {
            var offset = error?.Position.Offset ?? 0;
            var message = error?.Message ?? "expected a condition";
            // Parlot reports its recursion bound only in words ("The maximum parser recursion depth
            // of N was exceeded"); a test with 4000 parentheses keeps this check honest.
            if (message.Contains("recursion depth", StringComparison.OrdinalIgnoreCase))
                throw Cql2Errors.Invalid($"filter is nested too deeply; the limit is {limits.MaxDepth} levels");
            throw Cql2Errors.Syntax(text, offset, message);
        }

        var end = context.Scanner.Cursor.Position.Offset;
        if (text.AsSpan(end).Trim().Length > 0)
            throw Cql2Errors.Syntax(text, end, "expected AND, OR or the end of the filter");

        Cql2Bounds.Check(filter, limits);
        return filter;
    }
}
