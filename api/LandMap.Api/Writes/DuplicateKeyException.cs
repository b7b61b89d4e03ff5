namespace LandMap.Api.Writes;

/// <summary>A JSON member named twice in one object of a feature; the feature is refused as
/// <see cref="UploadProblemKind.DuplicateKey"/>.</summary>
public sealed class DuplicateKeyException(string key) : FormatException($"the member \"{key}\" appears twice in one object")
{
    /// <summary>The repeated member's name.</summary>
    public string Key { get; } = key;
}
