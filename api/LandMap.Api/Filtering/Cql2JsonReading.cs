using System.Text.Json;
using LandMap.Api.Problems;

namespace LandMap.Api.Filtering;

/// <summary>
/// Strict access to cql2-json elements: objects without duplicate or unexpected members, finite
/// numbers, and errors that say where in the document (a JSON path such as <c>$.args[1]</c>).
/// </summary>
internal static class Cql2JsonReading
{
    /// <summary>The error for the element at a path.</summary>
    public static InvalidParameterException At(string path, string message) => Cql2Errors.Invalid($"{message} (at {path})");

    /// <summary>An object's members by name. A duplicate name is an error: which of the two a
    /// parser would take differs between parsers, so the filter would mean different things.</summary>
    public static Dictionary<string, JsonElement> Members(JsonElement element, string path, params string[] allowed)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var m in element.EnumerateObject())
        {
            if (!members.TryAdd(m.Name, m.Value))
                throw At(path, $"member \"{m.Name}\" appears twice");
            if (allowed.Length > 0 && !allowed.Contains(m.Name))
                throw At(path, $"unexpected member \"{m.Name}\" (expected {string.Join(", ", allowed.Select(a => $"\"{a}\""))})");
        }
        return members;
    }

    /// <summary>A JSON number that is finite as a double (1e400 is valid JSON but no usable value).</summary>
    public static double Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
            throw At(path, $"expected a number, got {Describe(element)}");
        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
            throw At(path, $"number {element.GetRawText()} is out of range");
        return value;
    }

    /// <summary>A JSON string.</summary>
    public static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw At(path, $"expected a string, got {Describe(element)}");

    /// <summary>A JSON array's items.</summary>
    public static List<JsonElement> Array(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : throw At(path, $"expected an array, got {Describe(element)}");

    /// <summary>Runs a value check; its <see cref="FormatException"/> becomes an error at the path.</summary>
    public static T Guard<T>(string path, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (FormatException e)
        {
            throw At(path, e.Message);
        }
    }

    /// <summary>What kind of JSON value an element is, for messages.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
