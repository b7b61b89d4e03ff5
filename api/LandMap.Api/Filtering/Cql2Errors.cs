using LandMap.Api.Problems;

namespace LandMap.Api.Filtering;

/// <summary>
/// The errors of the filtering module. Every one is an <see cref="InvalidParameterException"/>
/// naming the request parameter, so the route's problem handler turns it into a 400.
/// </summary>
public static class Cql2Errors
{
    /// <summary>The query parameter that carries the filter.</summary>
    public const string Parameter = "filter";

    /// <summary>A filter that cannot be used, with the reason.</summary>
    public static InvalidParameterException Invalid(string message) => new(Parameter, message);

    /// <summary>An error at a character offset of the filter text, giving the 1-based position. A
    /// message saying what was "expected" is a syntax error and also says what was found there.</summary>
    public static InvalidParameterException Syntax(string text, int offset, string message)
    {
        // Parsers report the offset before any blanks they skipped; point at the text that is wrong.
        while (offset < text.Length && char.IsWhiteSpace(text[offset])) offset++;
        if (!message.StartsWith("expected", StringComparison.Ordinal))
            return Invalid($"invalid filter at position {offset + 1}: {message}");
        var found = offset >= text.Length ? "the end of the filter" : $"'{Snippet(text, offset)}'";
        return Invalid($"syntax error at position {offset + 1}: {message}; found {found}");
    }

    /// <summary>Up to 20 characters from the offset, cut at a line break.</summary>
    private static string Snippet(string text, int offset)
    {
        var s = text.AsSpan(offset, Math.Min(20, text.Length - offset));
        var newline = s.IndexOfAny('\r', '\n');
        if (newline >= 0) s = s[..newline];
        return s.Length < text.Length - offset ? s.ToString() + "..." : s.ToString();
    }

    /// <summary>A literal or property quoted for a message, shortened if long.</summary>
    public static string Quote(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..40]}...'";
}
