namespace LandMap.Api.Domain;

/// <summary>
/// The one temporal property of each collection: what OGC API - Features <c>datetime</c> selects on
/// and what the collection's <c>extent.temporal</c> spans. A date is the zone's calendar day (UTC+8).
/// Parcels: approved_on, the day a parcel enters the land lifecycle; roads: opened_on; rivers:
/// rectified_on; reservoirs: completed_on. Parks and projects record no date, so they have none.
/// Plan zones have an interval, not a day: each edition is in force from approved_on until
/// repealed_on (exclusive; null while in force), so their temporal geometry is
/// [approved_on, repealed_on) and <c>datetime</c> answers "as planned on date D".
/// </summary>
public static class TemporalProperties
{
    private static readonly Dictionary<string, string> Names = new()
    {
        [CollectionCatalog.Parcels.Id] = "approved_on",
        [CollectionCatalog.Roads.Id] = "opened_on",
        [CollectionCatalog.Rivers.Id] = "rectified_on",
        [CollectionCatalog.Reservoirs.Id] = "completed_on",
        [CollectionCatalog.PlanZones.Id] = "approved_on",
    };

    /// <summary>Collections whose features are in force over an interval: the property of its
    /// exclusive end (null: still in force).</summary>
    private static readonly Dictionary<string, string> EndNames = new()
    {
        [CollectionCatalog.PlanZones.Id] = "repealed_on",
    };

    /// <summary>The temporal property of <paramref name="c"/> (a catalog property, so its name is safe
    /// SQL), or null when the collection has none.</summary>
    public static PropertyDef? Of(CollectionDef c) =>
        Names.TryGetValue(c.Id, out var name) ? c.Properties.Single(p => p.Name == name) : null;

    /// <summary>The property that ends <paramref name="c"/>'s temporal interval (exclusive: the first day
    /// no longer in force; null in a row: open), or null when its features are instants (days).</summary>
    public static PropertyDef? EndOf(CollectionDef c) =>
        EndNames.TryGetValue(c.Id, out var name) ? c.Properties.Single(p => p.Name == name) : null;
}
