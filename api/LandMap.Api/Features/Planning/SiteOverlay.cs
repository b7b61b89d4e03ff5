using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Features.Planning;

/// <summary>What a site overlies, read in one round trip (<see cref="SiteCheckSql"/>): its area, the part
/// the plan in force covers, the rows of each layer, and the proposed use as the code tables read it.</summary>
public sealed class SiteOverlay
{
    private readonly List<(string Edition, string? Code, string? PlanClass, string? NameZh, string? NameEn)> useRows = [];

    public double AreaM2 { get; private set; }
    public double CoveredM2 { get; private set; }
    public List<ZoneUnderSite> Zones { get; } = [];
    public List<SiteConstraint> ControlLines { get; } = [];
    public List<SiteConstraint> ProtectedAreas { get; } = [];
    public List<SiteParcel> Parcels { get; } = [];

    /// <summary>Lays <paramref name="site"/> (EPSG:4490) over the plan in force on <paramref name="date"/>; a site
    /// larger than <paramref name="maxM2"/> is measured only. <paramref name="self"/>: a checked parcel, left
    /// out of the parcels it overlaps.</summary>
    public static async Task<SiteOverlay> ReadAsync(NpgsqlConnection conn, Geometry site, DateOnly date, double maxM2, string? self,
        SiteProposal proposal, IdleRules rules, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn);
        var siteCmd = new NpgsqlBatchCommand(SiteCheckSql.Site);
        Bind(siteCmd.Parameters, site, date, maxM2);
        batch.BatchCommands.Add(siteCmd);
        if (proposal.Use is { } use)
        {
            var useCmd = new NpgsqlBatchCommand(SiteCheckSql.ProposedUse);
            useCmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = use });
            useCmd.Parameters.Add(new NpgsqlParameter { Value = (object?)proposal.UseEdition ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(useCmd);
        }
        // The parcels' state is written by ParcelStateSql over numbered parameters: built on a scratch
        // command after the overlay's own six, then moved over.
        using var scratch = new NpgsqlCommand();
        Bind(scratch.Parameters, site, date, maxM2);
        scratch.Parameters.Add(new NpgsqlParameter { Value = (object?)self ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        scratch.Parameters.Add(new NpgsqlParameter { Value = (object?)proposal.Use ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        scratch.Parameters.Add(new NpgsqlParameter { Value = (object?)proposal.UseEdition ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var state = ParcelStateSql.Column(new SqlParameters(scratch), rules, date, "p");
        var overlayCmd = new NpgsqlBatchCommand(SiteCheckSql.Overlay(state));
        foreach (NpgsqlParameter p in scratch.Parameters) overlayCmd.Parameters.Add(p.Clone());
        batch.BatchCommands.Add(overlayCmd);

        var found = new SiteOverlay();
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        found.AreaM2 = r.GetDouble(0);
        found.CoveredM2 = r.IsDBNull(1) ? 0 : r.GetDouble(1);
        await r.NextResultAsync(ct);
        if (proposal.Use is not null)
        {
            while (await r.ReadAsync(ct))
                found.useRows.Add((r.GetString(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)));
            await r.NextResultAsync(ct);
        }
        while (await r.ReadAsync(ct)) found.Add(r);
        return found;
    }

    private static void Bind(NpgsqlParameterCollection p, Geometry site, DateOnly date, double maxM2)
    {
        p.Add(new NpgsqlParameter { Value = site, NpgsqlDbType = NpgsqlDbType.Geometry });
        p.Add(new NpgsqlParameter<DateOnly> { TypedValue = date });
        p.Add(new NpgsqlParameter<double> { TypedValue = maxM2 });
    }

    private void Add(NpgsqlDataReader r)
    {
        var (layer, code, name, kind) = (r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3));
        var (m2, share) = (Math.Round(r.GetDouble(4), 2), r.IsDBNull(5) ? 0 : Math.Round(r.GetDouble(5), 4));
        decimal? N(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        switch (layer)
        {
            case "plan_zones":
                Zones.Add(new(new SitePlanZone(code, name ?? "", r.GetString(7), r.GetString(8), Text(r, 9), Text(r, 10), Text(r, 11),
                    m2, share, N(12), N(13), N(14), N(15), N(16)), r.IsDBNull(20) ? null : r.GetBoolean(20)));
                break;
            case "control_lines":
                ControlLines.Add(new(code, name ?? "", kind ?? "", Text(r, 17), Text(r, 18), m2, share));
                break;
            case "protected_areas":
                ProtectedAreas.Add(new(code, name ?? "", kind ?? "", Text(r, 17), Text(r, 18), m2, share));
                break;
            default:
                Parcels.Add(new(code, name, Text(r, 19), m2, share));
                break;
        }
    }

    /// <summary>The proposed use as the code tables read it: a 400 naming proposedUseEdition for an edition
    /// that does not exist, proposedUse for a code it (or any edition) lacks or that editions class
    /// differently. A stored parcel's own use that cannot be read leaves the use unchecked instead.</summary>
    public SiteUse? Use(SiteProposal proposal, bool fromParcel)
    {
        var edition = useRows.FirstOrDefault(u => u.Code is null).Edition;
        var codes = useRows.Where(u => u.Code is not null).ToList();
        string? fault = null, field = "proposedUse";
        if (proposal.UseEdition is not null && edition is null)
            (fault, field) = ($"proposedUseEdition '{proposal.UseEdition}' is not a land-use edition (e.g. gb50137, 2017, 2023)", "proposedUseEdition");
        else if (codes.Count == 0)
            fault = $"proposedUse '{proposal.Use}' is no land-use code{(edition is null ? "" : $" of {edition}")} (e.g. M2 with proposedUseEdition gb50137)";
        else if (codes.Select(c => c.PlanClass).Distinct().Count() > 1)
            fault = $"proposedUse '{proposal.Use}' means different uses in {string.Join(", ", codes.Select(c => $"{c.Edition} ({c.NameZh})"))}; " +
                    "say which with proposedUseEdition";
        if (fault is not null) return fromParcel ? null : throw new InvalidParameterException(field, fault);
        var chosen = codes.FirstOrDefault(c => c.Edition == edition);
        if (chosen.Code is null) chosen = codes[0];
        return new SiteUse(chosen.Code!, chosen.Edition, chosen.PlanClass, chosen.NameZh, chosen.NameEn);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
