using System.Globalization;
using System.Text.Json;
using LandMap.Api.Domain;
using LandMap.Api.Writes;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// Maps a file's column names to the collection's property names and its values to JSON. A name
/// matches a property exactly (case-insensitive); a 10-character name, the DBF limit, also matches
/// the one property it is the start of (<c>agreed_sta</c> is agreed_start_on). A truncated name that
/// starts several properties is dropped with one warning naming them; other unknown names are kept
/// as they are, so the validator reports them.
/// </summary>
public sealed class FieldMapping
{
    /// <summary>The longest field name a dBASE file can hold.</summary>
    public const int DbfNameLength = 10;

    private readonly string?[] targets;
    private readonly PropertyDef?[] defs;

    /// <summary>File-level warnings: ambiguous truncated names.</summary>
    public IReadOnlyList<UploadProblem> Warnings { get; }

    /// <summary>Builds the mapping for <paramref name="columns"/> in file order.</summary>
    public FieldMapping(IReadOnlyList<string> columns, CollectionDef collection)
    {
        targets = new string?[columns.Count];
        defs = new PropertyDef?[columns.Count];
        var warnings = new List<UploadProblem>();
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i];
            var exact = collection.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (exact is not null)
            {
                (targets[i], defs[i]) = (exact.Name, exact);
                continue;
            }
            var candidates = name.Length == DbfNameLength
                ? collection.Properties.Where(p => p.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList()
                : [];
            switch (candidates.Count)
            {
                case 1:
                    (targets[i], defs[i]) = (candidates[0].Name, candidates[0]);
                    break;
                case > 1:
                    var names = string.Join(", ", candidates.Select(c => c.Name));
                    warnings.Add(new UploadProblem(null, null, name, UploadProblemKind.UnknownProperty,
                        $"字段 {name} 可能是 {names} 中的任一个（DBF 字段名最多 10 个字符），已忽略；请改名后重新上传。",
                        $"The field {name} could be any of {names} (DBF field names are cut at 10 characters); ignored. Rename it and upload again."));
                    break; // targets[i] stays null: not imported
                default:
                    targets[i] = name; // unknown: the validator warns per feature
                    break;
            }
        }
        Warnings = warnings;
    }

    /// <summary>The property name column <paramref name="i"/> maps to (null: dropped).</summary>
    public string? Target(int i) => targets[i];

    /// <summary>Adds column <paramref name="i"/>'s <paramref name="value"/> to <paramref name="properties"/>
    /// (nothing for null, blank or dropped).</summary>
    public void Add(Dictionary<string, JsonElement> properties, int i, object? value)
    {
        if (targets[i] is not { } name || ToJson(value, defs[i]) is not { } json) return;
        properties[name] = json;
    }

    /// <summary>
    /// Strings trimmed, numbers as numbers, dates as yyyy-MM-dd, booleans as booleans; null for null
    /// or blank. Where the property's type says so a lossless conversion is made (a number into a text
    /// property, a numeric string into a number property); anything else is left for the validator.
    /// </summary>
    public static JsonElement? ToJson(object? value, PropertyDef? def)
    {
        object? v = value switch
        {
            null or DBNull => null,
            string s => s.Trim() is { Length: > 0 } t ? t : null,
            DateTime d when def?.Type == PropertyType.DateTime => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b,
            byte[] => null, // BLOBs carry nothing a property can hold
            decimal or double => value,
            float f => (double)f,
            sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        if (v is null) return null;
        if (def?.Type == PropertyType.Text && v is long or decimal or double)
            v = Convert.ToString(v, CultureInfo.InvariantCulture);
        else if (def?.Type is PropertyType.Number or PropertyType.Integer && v is string str
                 && double.TryParse(str, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            v = parsed;
        if (v is double dbl && !double.IsFinite(dbl)) return null;
        return JsonSerializer.SerializeToElement(v);
    }
}
