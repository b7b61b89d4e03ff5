using System.Text.Json;
using LandMap.Api.Domain.Vocabulary;

namespace LandMap.Api.Writes;

/// <summary>The land-use checks of <see cref="FeatureValidator"/>: each code read with its edition.</summary>
public sealed partial class FeatureValidator
{
    /// <summary>
    /// Reads every land-use code of the feature (land_use, land_use_planned, land_use_approved) with the
    /// edition stated for it — its <c>*_edition</c> property, else the file's <see cref="FeatureValidatorOptions.LandUseEdition"/> —
    /// and adds a problem where the code is not one of that edition, is no code at all, or, with no
    /// edition stated, means different things in different editions. Returns the properties to store:
    /// each code's edition by its stored name.
    /// </summary>
    private IReadOnlyDictionary<string, JsonElement> CheckLandUse(UploadFeature f, string? code, List<UploadProblem> found)
    {
        Dictionary<string, JsonElement>? resolved = null;
        foreach (var def in Collection.Properties)
        {
            if (def.EditionProperty is not { } editionName) continue;
            // A type, length or pattern problem of either property is reported already.
            if (found.Any(p => p.Field == def.Name || p.Field == editionName)) continue;
            var text = String(f, def.Name);
            var stated = String(f, editionName);
            LandUseEdition? edition = options.LandUseEdition;
            var source = "landUseEdition";
            if (stated is not null)
            {
                edition = vocabulary.LandUse.Edition(stated);
                source = editionName;
                if (edition is null)
                {
                    found.Add(new(f.Index, code, editionName, UploadProblemKind.InvalidEnum,
                        $"属性 {editionName} 的值 \"{stated}\" 不是用地分类版本；可选：{vocabulary.LandUse.EditionList}。",
                        $"The property {editionName} is \"{stated}\", not a land-use edition; allowed: {vocabulary.LandUse.EditionList}."));
                    continue;
                }
            }
            if (text is null)
            {
                if (stated is not null)
                    found.Add(new(f.Index, code, def.Name, UploadProblemKind.RequiredProperty,
                        $"给出了 {editionName}，但缺少 {def.Name}。", $"{editionName} is given without {def.Name}."));
                continue;
            }
            switch (vocabulary.LandUse.Resolve(text, edition))
            {
                case LandUseResolution.Found(var entry):
                    (resolved ??= new(f.Properties))[editionName] = EditionElements.GetOrAdd(entry.Edition, e => JsonSerializer.SerializeToElement(e));
                    break;
                case LandUseResolution.NotInEdition(var e):
                    found.Add(new(f.Index, code, def.Name, UploadProblemKind.InvalidLandUseCode,
                        $"{def.Name} \"{text}\" 不是 {e.Name} 的编码（版本由 {source} 指定）。",
                        $"{def.Name} \"{text}\" is not a code of {e.Name} (the edition {source} states)."));
                    break;
                case LandUseResolution.Ambiguous(var meanings):
                    found.Add(new(f.Index, code, def.Name, UploadProblemKind.AmbiguousLandUseCode,
                        $"{def.Name} \"{text}\" 在不同分类中含义不同：{string.Join("；", meanings.Select(m => $"{m.Edition} 中为 {m.NameZh}"))}。" +
                        $"请用 {editionName} 或上传参数 landUseEdition 指明版本。",
                        $"{def.Name} \"{text}\" means different things: {string.Join("; ", meanings.Select(m => $"{m.NameEn} ({m.NameZh}) in {m.Edition}"))}. " +
                        $"State the edition with {editionName} or the upload's landUseEdition."));
                    break;
                default:
                    found.Add(new(f.Index, code, def.Name, UploadProblemKind.InvalidLandUseCode,
                        $"{def.Name} \"{text}\" 不是任何用地分类的编码（如 GB/T 21010-2017 的 0601 工业用地；版本：{vocabulary.LandUse.EditionList}）。",
                        $"{def.Name} \"{text}\" is a code of no land-use edition (e.g. 0601 industrial in GB/T 21010-2017; editions: {vocabulary.LandUse.EditionList})."));
                    break;
            }
        }
        return resolved ?? f.Properties;
    }

    /// <summary>Each edition's name as a JSON value, made once (every feature of an upload names one).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement> EditionElements = new(StringComparer.Ordinal);

    private static string? String(UploadFeature f, string name) =>
        f.Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString() : null;
}
