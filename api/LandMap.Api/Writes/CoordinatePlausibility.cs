using LandMap.Api.Geo;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Writes;

/// <summary>A file-level finding about its coordinates and CRS. <paramref name="SuggestedSrid"/> and
/// <paramref name="SwapAxes"/> are the likely fix; nothing is ever applied silently.</summary>
public sealed record PlausibilityDiagnosis(
    UploadProblemKind Kind, string MessageZh, string MessageEn, int? SuggestedSrid, bool SwapAxes = false)
{
    public bool IsWarning => UploadKinds.IsWarning(Kind);

    public UploadProblem ToProblem(double[]? coordinate = null) =>
        new(null, null, "crs", Kind, MessageZh, MessageEn, coordinate);
}

/// <summary>
/// Are a file's coordinates plausible for the zone in the declared CRS? Answers with diagnoses by
/// name (metres with no CRS, lat/lon swapped, northing/easting swapped, a wrong zone prefix, ...)
/// and the likely fix; an empty list means plausible.
/// </summary>
public static class CoordinatePlausibility
{
    /// <summary>The zone with margin, lon/lat EPSG:4490.</summary>
    public static readonly Envelope Zone = new(120.5, 121.2, 27.6, 28.2);

    /// <summary>Where to look for the right CRS, most likely first.</summary>
    private static readonly int[] Candidates = [4549, 4528, 4510, 4499, 2385, 2364, 2437, 2416, 3857];

    /// <param name="extent">The file's envelope (or a sample's) in the file's own x/y.</param>
    /// <param name="declaredSrid">The CRS the file or request states; null when none (GeoJSON's
    /// default lon/lat applies when the values are degrees).</param>
    public static IReadOnlyList<PlausibilityDiagnosis> Check(Envelope extent, int? declaredSrid)
    {
        if (extent.IsNull) return [];
        var fileCrs = declaredSrid is null ? "无 none" : $"EPSG:{declaredSrid}";
        var sample = $"({F(extent.MinX)}, {F(extent.MinY)})";
        var degrees = Math.Abs(extent.MinX) <= 180 && Math.Abs(extent.MaxX) <= 180 && Math.Abs(extent.MinY) <= 90 && Math.Abs(extent.MaxY) <= 90;

        if (declaredSrid is null)
        {
            // Within ±180 on both axes: degrees (RFC 7946 lon/lat), possibly latitude first.
            var anyDegrees = Math.Max(Math.Max(Math.Abs(extent.MinX), Math.Abs(extent.MaxX)), Math.Max(Math.Abs(extent.MinY), Math.Abs(extent.MaxY))) <= 180;
            if (anyDegrees) return CheckIn(SourceCrs.Find(4326)!, extent, sample, declared: false);
            var (srid, swap) = FindCrs(extent);
            return [srid is { } s
                ? new(UploadProblemKind.MetresWithoutCrs,
                    $"坐标是米制数值 {sample}，但文件未声明坐标系；看起来是 EPSG:{s}{(swap ? "（且北坐标在前，需交换为东、北）" : "")}，请声明 crs=EPSG:{s}。",
                    $"Coordinates are metres {sample} but no CRS is stated; they look like EPSG:{s}{(swap ? " with northing first (swap them to easting, northing)" : "")}: say crs=EPSG:{s}.",
                    s, swap)
                : new(UploadProblemKind.MetresWithoutCrs,
                    $"坐标是米制数值 {sample}，但文件未声明坐标系，且不符合任何支持的坐标系下的开发区范围；请声明坐标系。",
                    $"Coordinates are metres {sample} but no CRS is stated, and they fit the zone in none of the supported CRSs: state the CRS.",
                    null)];
        }

        var def = SourceCrs.Find(declaredSrid.Value);
        if (def is null)
        {
            var hint = declaredSrid == 4527
                ? " EPSG:4527 是 3度带第39带（中央经线117°E），不是120°E；本区应为 EPSG:4528（带号40）或 EPSG:4549（中央经线120°E，无带号）。"
                : "";
            var hintEn = declaredSrid == 4527
                ? " EPSG:4527 is 3-degree zone 39 (CM 117E), not CM 120E; the zone is in EPSG:4528 (zone 40) or EPSG:4549 (CM 120E, no prefix)."
                : "";
            var (s, swap) = degrees ? (4490, false) : FindCrs(extent);
            return [new(UploadProblemKind.UnsupportedCrs,
                $"不支持坐标系 EPSG:{declaredSrid}。{hint}支持：{Supported}。",
                $"EPSG:{declaredSrid} is not supported.{hintEn} Supported: {Supported}.", s, swap)];
        }
        return CheckIn(def, extent, sample, declared: true);
    }

    private static string Supported => string.Join(", ", SourceCrs.All.Select(c => c.Srid));

    private static IReadOnlyList<PlausibilityDiagnosis> CheckIn(SourceCrsDef def, Envelope e, string sample, bool declared)
    {
        var name = declared ? def.EpsgName : "GeoJSON 默认经纬度 default lon/lat (EPSG:4326)";
        if (Fits(def, e, swap: false))
        {
            return def.LegacyDatum
                ? [new(UploadProblemKind.LegacyDatum,
                    $"{def.EpsgName}（{def.Name}）按无七参数转换为 CGCS2000，会有数十米的基准差；精确转换需要当地转换参数。",
                    $"{def.EpsgName} ({def.Name}) is converted to CGCS2000 with no datum shift: tens of metres of datum difference remain; an exact conversion needs the local transformation parameters.",
                    null)]
                : [];
        }
        if (Fits(def, e, swap: true))
        {
            return def.Geographic
                ? [new(UploadProblemKind.LatLonSwapped,
                    $"坐标 {sample} 是纬度在前；{name} 的坐标应为经度、纬度（x=经度）。请交换坐标顺序。",
                    $"Coordinates {sample} are latitude first; in {name} they must be longitude, latitude (x = longitude): swap them.",
                    def.Srid, true)]
                : [new(UploadProblemKind.NorthingEastingSwapped,
                    $"坐标 {sample} 是北坐标在前；文件中应为东坐标、北坐标（x=东）。请交换坐标顺序（仍为 {def.EpsgName}）。",
                    $"Coordinates {sample} are northing first; files keep easting, northing (x = easting): swap them (still {def.EpsgName}).",
                    def.Srid, true)];
        }
        var degrees = Math.Abs(e.MinX) <= 180 && Math.Abs(e.MaxX) <= 180 && Math.Abs(e.MinY) <= 90 && Math.Abs(e.MaxY) <= 90;
        if (!def.Geographic && degrees && (Fits(SourceCrs.Find(4490)!, e, false) || Fits(SourceCrs.Find(4490)!, e, true)))
        {
            return [new(UploadProblemKind.DegreesWithProjectedCrs,
                $"坐标 {sample} 是经纬度，但声明的坐标系 {def.EpsgName} 是米制投影；请声明 crs=EPSG:4490。",
                $"Coordinates {sample} are degrees but the declared {def.EpsgName} is projected (metres): say crs=EPSG:4490.",
                4490, !Fits(SourceCrs.Find(4490)!, e, false))];
        }
        var (other, swap) = FindCrs(e, def);
        if (other is { } s)
        {
            var o = SourceCrs.Find(s)!;
            var swapZh = swap ? "，且需交换为东、北坐标顺序" : "";
            var swapEn = swap ? ", with the coordinates swapped to easting, northing" : "";
            if (def.Geographic)
                return [new(UploadProblemKind.MetresWithGeographicCrs,
                    $"坐标 {sample} 是米制数值，但声明的坐标系 {name} 是经纬度；看起来是 EPSG:{s}{swapZh}，请声明 crs=EPSG:{s}。",
                    $"Coordinates {sample} are metres but the declared {name} is lon/lat; they look like EPSG:{s}{swapEn}: say crs=EPSG:{s}.",
                    s, swap)];
            if (o.CentralMeridian == def.CentralMeridian && o.ZoneWidth == def.ZoneWidth && o.HasZonePrefix != def.HasZonePrefix)
                return [new(UploadProblemKind.WrongZonePrefix,
                    o.HasZonePrefix
                        ? $"东坐标 {F(e.MinX)} 带有带号前缀，但 {def.EpsgName} 的东坐标不带带号；请使用 EPSG:{s}（{o.Name}）{swapZh}。"
                        : $"东坐标 {F(e.MinX)} 没有带号前缀，但 {def.EpsgName} 的东坐标应带带号；请使用 EPSG:{s}（{o.Name}）{swapZh}。",
                    o.HasZonePrefix
                        ? $"Eastings like {F(e.MinX)} carry a zone prefix but {def.EpsgName} has none: use EPSG:{s} ({o.Name}){swapEn}."
                        : $"Eastings like {F(e.MinX)} have no zone prefix but {def.EpsgName} expects one: use EPSG:{s} ({o.Name}){swapEn}.",
                    s, swap)];
            if (o.ZoneWidth is not null && def.ZoneWidth is not null && o.ZoneWidth != def.ZoneWidth)
                return [new(UploadProblemKind.Wrong6DegreeZone,
                    $"坐标 {sample} 不符合 {def.EpsgName}（{def.ZoneWidth}度带，中央经线{def.CentralMeridian}°E），而符合 EPSG:{s}（{o.Name}）{swapZh}；请检查分带。",
                    $"Coordinates {sample} do not fit {def.EpsgName} ({def.ZoneWidth}-degree zone, CM {def.CentralMeridian}E) but fit EPSG:{s} ({o.Name}){swapEn}: check the zone.",
                    s, swap)];
        }
        var (lon, lat) = SourceCrs.ToStorage(def, e.Centre.X, e.Centre.Y);
        var at = double.IsFinite(lon) && double.IsFinite(lat) ? $"{lon:0.###}E, {lat:0.###}N" : "无法换算 no position";
        return [new(UploadProblemKind.OutsideZone,
            $"按 {name}，坐标 {sample} 位于 {at}，不在开发区范围（经度 {Zone.MinX}-{Zone.MaxX}，纬度 {Zone.MinY}-{Zone.MaxY}）内；请检查坐标系与数据。",
            $"In {name}, coordinates {sample} lie at {at}, outside the zone (lon {Zone.MinX}-{Zone.MaxX}, lat {Zone.MinY}-{Zone.MaxY}): check the CRS and the data.",
            null)];
    }

    /// <summary>The first candidate CRS (not <paramref name="except"/>) the extent fits, as is or swapped.</summary>
    private static (int? Srid, bool Swap) FindCrs(Envelope e, SourceCrsDef? except = null)
    {
        foreach (var swap in new[] { false, true })
        {
            foreach (var srid in Candidates)
            {
                if (srid == except?.Srid) continue;
                var def = SourceCrs.Find(srid)!;
                // With the declared datum's family first: a Xian 1980 file stays Xian 1980.
                if (except is { Geographic: false } && def.Datum != except.Datum && Candidates.Any(c =>
                        c != except.Srid && SourceCrs.Find(c)!.Datum == except.Datum && Fits(SourceCrs.Find(c)!, e, swap)))
                    continue;
                if (Fits(def, e, swap)) return (srid, swap);
            }
        }
        return (null, false);
    }

    /// <summary>True when every corner of the extent lies in the zone once taken in <paramref name="def"/>.</summary>
    public static bool Fits(SourceCrsDef def, Envelope e, bool swap)
    {
        foreach (var (x, y) in new[] { (e.MinX, e.MinY), (e.MinX, e.MaxY), (e.MaxX, e.MinY), (e.MaxX, e.MaxY) })
        {
            var (lon, lat) = swap ? SourceCrs.ToStorage(def, y, x) : SourceCrs.ToStorage(def, x, y);
            if (!double.IsFinite(lon) || !double.IsFinite(lat) || !Zone.Contains(lon, lat)) return false;
        }
        return true;
    }

    private static string F(double v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
