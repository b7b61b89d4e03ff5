using Parlot;
using Parlot.Fluent;
using static Parlot.Fluent.Parsers;

namespace LandMap.Api.Filtering;

/// <summary>
/// The tokens of cql2-text as Parlot parsers: words, case-insensitive keywords, quoted strings
/// and identifiers, numbers, and the helpers that turn a failure into a positioned message.
/// </summary>
internal static class Cql2TextTokens
{
    /// <summary>Words the grammar gives a meaning; as property names they must be double-quoted.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE",
    };

    /// <summary>True for a word the grammar gives a meaning (AND, NOT, IN...): never a property or function name.</summary>
    public static bool IsReserved(string word) => Reserved.Contains(word);

    /// <summary>An identifier-like word: letters, digits, '_', '.', ':' (CQL2's identifier characters), not starting with a digit.</summary>
    public static readonly Parser<TextSpan> Word = Terms.Identifier(
        c => char.IsLetter(c) || c == '_',
        c => char.IsLetterOrDigit(c) || c is '_' or '.' or ':');

    /// <summary>A keyword, any case. Matching whole words (not a prefix) keeps <c>not_x</c> a name, not NOT.</summary>
    public static Parser<TextSpan> Keyword(string word) =>
        Word.When((_, s) => s.Span.Equals(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>A function name and its opening parenthesis, e.g. <c>DATE(</c>.</summary>
    public static Parser<TextSpan> Call(string name) => Keyword(name).AndSkip(Terms.Char('('));

    /// <summary>A closing parenthesis, or the error saying it is missing.</summary>
    public static Parser<char> Close(string what) => Terms.Char(')').ElseError($"expected ')' to close {what}");

    /// <summary>A comma between arguments, or the error saying it is missing.</summary>
    public static Parser<char> Comma(string what) => Terms.Char(',').ElseError($"expected ',' between the arguments of {what}");

    /// <summary>A quoted text with the quote doubled inside: 'it''s' and "a ""b""" (SQL style, as CQL2 has it).</summary>
    public static Parser<string> Quoted(char quote) => Quoted(quote, escapes: false);

    /// <summary>The backslash escapes of a character literal (/req/cql2-text/escaping): \' for a quote,
    /// \\ for a backslash and \a \b \t \n \v \f \r for control characters. Any other backslash is kept
    /// as it is, so LIKE patterns keep theirs ('100\%' matches "100%").</summary>
    private static readonly Parser<string> Escape = OneOf(
        new[] { ("\\'", "'"), ("\\\\", "\\"), ("\\a", "\a"), ("\\b", "\b"), ("\\t", "\t"), ("\\n", "\n"), ("\\v", "\v"), ("\\f", "\f"), ("\\r", "\r") }
            .Select(e => Literals.Text(e.Item1).Then(_ => e.Item2)).ToArray());

    private static Parser<string> Quoted(char quote, bool escapes)
    {
        var q = quote.ToString();
        var piece = escapes
            ? OneOf(Literals.Text(q + q).Then(_ => q), Escape, Literals.NoneOf(q + "\\").Then(s => s.ToString()), Literals.Char('\\').Then(_ => "\\"))
            : OneOf(Literals.Text(q + q).Then(_ => q), Literals.NoneOf(q).Then(s => s.ToString()));
        return Terms.Char(quote)
            .SkipAnd(ZeroOrMany(piece))
            .AndSkip(Literals.Char(quote).ElseError($"expected the closing {q} (the text is not terminated; write {q}{q} for a {q} inside it)"))
            .Then(pieces => string.Concat(pieces));
    }

    /// <summary>A single-quoted string literal.</summary>
    public static readonly Parser<string> QuotedString = Quoted('\'', escapes: true);

    /// <summary>A number (sign, decimals, exponent); out-of-range values are errors, not infinities.</summary>
    public static readonly Parser<double> Number = Terms.Number<double>(NumberOptions.Float)
        .Then((context, start, end, value) => Guard(start, () => Cql2Values.Finite(value, context.Scanner.Buffer[start..end])));

    /// <summary>A property name: a double-quoted identifier (anything goes) or a word that is not reserved.</summary>
    public static readonly Parser<PropertyRef> Property = OneOf(
        Quoted('"').Then(name => new PropertyRef(name)),
        Word.When((_, s) => !Reserved.Contains(s.ToString())).Then(s => new PropertyRef(s.ToString())));

    /// <summary>One or more items separated by commas; after a comma an item is required.</summary>
    public static Parser<IReadOnlyList<T>> ListOf<T>(Parser<T> item, string what) =>
        item.And(ZeroOrMany(Terms.Char(',').SkipAnd(item.ElseError($"expected {what} after ','"))))
            .Then(IReadOnlyList<T> (t) => [t.Item1, .. t.Item2]);

    /// <summary>Runs a value check; its <see cref="FormatException"/> becomes a parse error at the given offset.</summary>
    public static T Guard<T>(int offset, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (FormatException e)
        {
            throw new ParseException(e.Message, new TextPosition(offset, 0, 0));
        }
    }
}
