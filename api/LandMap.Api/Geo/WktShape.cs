namespace LandMap.Api.Geo;

/// <summary>
/// A cheap look at CRS WKT from a file (.prj, a GeoPackage's SRS table) before ProjNet parses it.
/// ProjNet's tokenizer does not stop at the end of text inside an open bracket or quote: a .prj of
/// <c>GEOGCS["broken</c> kept an upload busy past a minute. Text that is not one closed, bracketed
/// whole of bounded size is no CRS we could use, so it is never handed over.
/// </summary>
public static class WktShape
{
    /// <summary>Far more than any real CRS's WKT (EPSG:4549's is about 700 characters).</summary>
    public const int MaxLength = 16_384;

    /// <summary>Whether <paramref name="wkt"/> is at most <see cref="MaxLength"/> characters of one
    /// keyword and a bracketed body whose brackets and quotes all close, with nothing after it.</summary>
    public static bool IsWellFormed(string wkt)
    {
        wkt = wkt.Trim();
        if (wkt.Length is 0 or > MaxLength || !char.IsAsciiLetter(wkt[0]) || wkt[^1] is not (']' or ')')) return false;
        var depth = 0;
        var inQuote = false;
        for (var i = 0; i < wkt.Length; i++)
        {
            var c = wkt[i];
            if (inQuote) { inQuote = c != '"'; continue; } // "" inside a quote closes and reopens: same balance
            switch (c)
            {
                case '"': inQuote = true; break;
                case '[' or '(': depth++; break;
                case ']' or ')':
                    if (--depth < 0) return false;
                    if (depth == 0 && i != wkt.Length - 1) return false; // text after the closed whole
                    break;
                case '\0': return false;
            }
        }
        return depth == 0 && !inQuote;
    }
}
