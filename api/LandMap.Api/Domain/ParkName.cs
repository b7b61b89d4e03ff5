namespace LandMap.Api.Domain;

/// <summary>A park's code and names, and its area on the ellipsoid.</summary>
public sealed record ParkName(string Code, string NameZh, string NameEn, double AreaM2);
