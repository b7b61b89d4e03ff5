using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;

namespace LandMap.Api.Features.Tiles;

/// <summary>
/// What a tile request selects beyond its box: a CQL2 <c>filter</c> (with <c>filter-lang</c> and
/// <c>filter-crs</c>) and, for parcels, the <c>date</c> their computed state is taken on. Parsed
/// by <see cref="ItemsQuery"/>, so the queryables, bounds and problems are the items' own, and the
/// map draws what the server selected instead of filtering tiles itself.
/// </summary>
public sealed record TileSelection(ItemsQuery Query, string Variant, string? Filter, string? FilterLang)
{
    /// <summary>The selection of the raw parameters; null when none is given (the whole layer, today).</summary>
    public static TileSelection? Parse(CollectionDef collection, string? filter, string? filterLang, string? filterCrs, string? date,
        RequestLimits limits, IdleRules rules)
    {
        if (filter is null && date is null) return null;
        var query = ItemsQuery.Parse(collection,
            new ItemsParameters(Filter: filter, FilterLang: filterLang, FilterCrs: filterCrs, Date: date), limits, rules);
        // What the ETag adds to the bytes: a filtered tile is never taken for the unfiltered one.
        return new TileSelection(query, $"{filterLang}|{filterCrs}|{date}|{filter}", filter, filterLang);
    }
}
