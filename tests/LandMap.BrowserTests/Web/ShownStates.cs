using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// What the map shows a parcel as with no year chosen: its computed state today (the items'
/// <c>state</c>), its recorded status where it has none; the tests' expected legend and filter
/// totals, summed here from the OGC items.
/// </summary>
internal static class ShownStates
{
    /// <summary>Every parcel state code in the vocabulary's order (the legend's and the layer tree's), as the API gives them.</summary>
    public static async Task<string[]> CodesAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync("api/vocabulary"))["parcelStates"]!.AsArray()
            .OrderBy(s => (int)s!["order"]!).Select(s => (string)s!["code"]!)];

    /// <summary>Count and mu of the parcels matching <paramref name="filter"/> (CQL2 text; null: all), by shown state.</summary>
    public static async Task<Dictionary<string, (int Parcels, double Mu)>> TotalsAsync(HttpClient client, string? filter = null)
    {
        var url = "ogc/collections/parcels/items?limit=1000&properties=state,status,area_m2"
                  + (filter is null ? "" : "&filter=" + Uri.EscapeDataString(filter));
        var features = await client.AllFeaturesAsync(url);
        return features.GroupBy(f => (string?)f["properties"]!["state"] ?? (string)f["properties"]!["status"]!)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(f => (double)f["properties"]!["area_m2"]!) / (10000.0 / 15)));
    }
}
