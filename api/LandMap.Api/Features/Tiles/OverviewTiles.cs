using System.Globalization;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using Npgsql;

namespace LandMap.Api.Features.Tiles;

/// <summary>What an overview tile shows: the parcels' shown states on <paramref name="Date"/>, all of
/// them or (<paramref name="ApprovedOnly"/>) those approved by then (the map's year selection).</summary>
internal sealed record OverviewRequest(DateOnly Date, bool ApprovedOnly);

/// <summary>
/// The switch between single parcels and the overview grid (<see cref="OverviewSql"/>): a parcels
/// tile of zoom 14 or less is drawn as the grid when it holds more than
/// <see cref="OverviewOptions.TileParcels"/> parcels (too many to tell apart) and the overview is
/// built for its date; otherwise single parcels, as always. Only the selections the grid can answer
/// exactly take it: none (a date at most), or the map's year selection (approved by the date, or
/// never approved); any other filter draws single parcels (exact, slower).
/// </summary>
internal static class OverviewTiles
{
    /// <summary>The overview a tile may be drawn from, or null when it must draw single parcels.</summary>
    public static OverviewRequest? Of(TileLayer layer, TileCoordinate tile, TileSelection? selection, OverviewOptions options)
    {
        if (!options.Enabled || layer.Collection.Id != CollectionCatalog.Parcels.Id || tile.Z > OverviewSql.LastGrid) return null;
        if (selection is null) return new(ZoneClock.Today, false);
        var date = selection.Query.StateDate;
        if (selection.Filter is null) return new(date, false);
        return ParcelOverview.IsYearSelection(selection.Filter, selection.FilterLang, date) ? new(date, true) : null;
    }

    /// <summary>The overview tile's bytes, or null when the tile should draw single parcels (few
    /// enough parcels, or no overview built for the date yet).</summary>
    public static async Task<byte[]?> RenderAsync(NpgsqlConnection conn, TileCoordinate tile, OverviewRequest request,
        IdleRules rules, OverviewOptions options, CancellationToken ct)
    {
        var grid = OverviewSql.GridOf(tile.Z);
        var shift = grid + OverviewSql.CellZoomOffset - tile.Z;
        await using (var count = new NpgsqlCommand($"""
            select case when exists (select 1 from parcel_overview_dates where on_date = $1 and rules = $7)
                        then ({OverviewSql.TileParcels}) end
            """, conn))
        {
            Add(count, request, grid, tile, shift);
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ParcelOverview.RulesKey(rules) });
            if (await count.ExecuteScalarAsync(ct) is not long parcels || parcels <= options.TileParcels) return null;
        }
        await using var cmd = new NpgsqlCommand(OverviewSql.Tile, conn);
        Add(cmd, request, grid, tile, shift);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Z });
        return (byte[])(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static void Add(NpgsqlCommand cmd, OverviewRequest request, int grid, TileCoordinate tile, int shift)
    {
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = request.Date });
        cmd.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)grid });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.X });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tile.Y });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = shift });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = request.ApprovedOnly });
    }
}

/// <summary>The overview's description in the tileset metadata and TileJSON.</summary>
internal static class OverviewMetadata
{
    /// <summary>The grid's feature fields (TileJSON types) beyond <c>mu_&lt;state&gt;</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["overview"] = "Number", ["state"] = "String", ["parcels"] = "Number", ["area_mu"] = "Number", ["mu_<state>"] = "Number",
    };

    /// <summary>The description of the parcels' overview as the database holds it now; null for other layers.</summary>
    public static async Task<OverviewDescription?> DescribeAsync(NpgsqlConnection conn, TileLayer layer, OverviewOptions options,
        IdleRules rules, CancellationToken ct)
    {
        if (!options.Enabled || layer.Collection.Id != CollectionCatalog.Parcels.Id) return null;
        var today = ZoneClock.Today;
        var zooms = new List<int>();
        bool built;
        await using (var exists = new NpgsqlCommand("select exists (select 1 from parcel_overview_dates where on_date = $1 and rules = $2)", conn))
        {
            exists.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = today });
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ParcelOverview.RulesKey(rules) });
            built = (bool)(await exists.ExecuteScalarAsync(ct))!;
        }
        if (built)
        {
            await using var cmd = new NpgsqlCommand(OverviewSql.MaxTileParcels, conn);
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = today });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                if (r.GetInt64(1) > options.TileParcels) zooms.Add(r.GetInt32(0));
        }
        // Only integers are formatted here (no culture-dependent separators).
        var text = $"Overview: up to zoom {OverviewSql.LastGrid}, a tile holding more than {options.TileParcels} parcels (under 4 x 4 pixels each: " +
            $"not legible one by one) carries a grid of state shares instead (16 x 16 cells a tile; each parcel counted whole in the cell " +
            $"of its bounding box centre, so the cells' sums are the parcels'): one square a cell, overview = 1, state = the shown state holding the " +
            $"most area, parcels, area_mu, and mu_<state> per shown state, on the tile's date (today, or the date parameter; with the " +
            $"year selection of the map only parcels approved by then). " +
            (built ? $"Zooms drawn as overview today: {(zooms.Count == 0 ? "none" : string.Join(", ", zooms))}." : "Not built yet: single parcels everywhere.");
        return new OverviewDescription(text, [.. zooms], options.TileParcels, OverviewSql.LastGrid, built ? today : null, Fields);
    }
}
