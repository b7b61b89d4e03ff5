namespace LandMap.Tests.Upload.Hostile;

/// <summary>One hostile upload: what is sent, and whether it must be refused (a 4xx problem, nothing
/// written) or merely must not break the service (no 5xx).</summary>
public sealed record HostileUpload(string Name, byte[] Body, string ContentType, bool MustRefuse, string Query = "collection=parcels",
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"{Name} ({Body.Length} bytes, {ContentType}, {Query})";
}
