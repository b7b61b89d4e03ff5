using Npgsql;

namespace LandMap.Tests.Analytics;

/// <summary>
/// A hand-made zone small enough to work out by hand. Every shape is a rectangle of whole units
/// (1 unit = 100 m x 100 m in EPSG:4549, 15 mu on the plane; on the ellipsoid 15 / k^2 with the
/// Gauss-Kruger scale k^2 ~ 1.00016 here, so areas are units x 15 mu within 0.02 %, and ratios of
/// areas are ratios of units). Park T1 is 10 x 10 units, park T2 5 x 5.
/// The reference day is <see cref="D"/> = 2020-06-30. The idle clocks run in calendar years, the
/// start day not counted: from a start on 2019-06-29 the year ends on 2020-06-29 and the parcel is
/// idle from D; from 2019-06-30 the year ends on D and it is idle from 2020-07-01.
/// Developed areas are m2 of the area to develop, which defaults to the plane area of the units
/// (whole square metres, so a third is decided by the numbers, not by rounding).
/// </summary>
public static class HandMadeLand
{
    public static readonly DateOnly D = new(2020, 6, 30);

    /// <summary>Mu of one unit on the plane.</summary>
    public const double UnitMu = 15.0;

    public sealed record Parcel(
        string Code, string Park, int Col, int Row, int W, int H, string LandUse, string Status,
        string? Supply = null, string? Approved = null, string? Supplied = null, string? AgreedStart = null,
        string? Start = null, string? Completed = null, decimal? PlotMin = null, decimal? Plot = null,
        decimal? InvAgreed = null, decimal? InvActual = null, decimal? Built = null, string? Halted = null,
        (string Kind, string On)[]? Events = null, decimal? Developed = null, decimal? ToDevelop = null)
    {
        public int Units => W * H;

        /// <summary>The area to develop as recorded: the given one, else the units' plane area.</summary>
        public decimal ToDevelopM2 => ToDevelop ?? Units * 10_000m;

        /// <summary>The developed area as recorded: the given one, else the built share of the area to develop.</summary>
        public decimal? DevelopedM2 => Developed ?? (Built is { } b ? Math.Round(b * ToDevelopM2, 2) : null);
    }

    public static readonly (string Code, string NameZh, double E, double N, int Size)[] Parks =
    [
        ("P-T1", "测试一园", 580000, 3080000, 10),
        ("P-T2", "测试二园", 582000, 3080000, 5),
    ];

    public static readonly Parcel[] Parcels =
    [
        // Built and in use: sold 2019, started, completed 2020-05-01 at full intensity.
        new("T1-A", "P-T1", 0, 0, 2, 1, "0601", "in_use", "sale", "2018-10-01", "2019-03-01", "2019-06-01", "2019-08-01", "2020-05-01",
            1.2m, 2.0m, 1000m, 1200m, 1.0m, Events: [("sold", "2019-03-01")]),
        // Not started, agreed start 2019-06-30: the year ends on D (not idle), idle from 2020-07-01.
        new("T1-B", "P-T1", 2, 0, 1, 1, "0601", "supplied_unused", "sale", "2019-01-01", "2019-05-10", "2019-06-30",
            Events: [("sold", "2019-05-10")]),
        // Not started, agreed start 2019-06-29: the year ends 2020-06-29, idle from D (and logistics
        // land, class 05: not in "industrial sold").
        new("T1-C", "P-T1", 3, 0, 1, 1, "0508", "idle", "sale", "2018-12-01", "2019-01-15", "2019-06-29", Events: [("sold", "2019-01-15")]),
        // Halted 2019-06-29 (a full year on D) with 9998.99 of 30000 m2 developed (a cent under a third): idle on D.
        new("T1-D", "P-T1", 4, 0, 3, 1, "0601", "in_use", "sale", "2014-10-01", "2015-01-01", "2015-06-01", "2015-07-01",
            InvAgreed: 1000m, InvActual: 500m, Halted: "2019-06-29", Events: [("sold", "2015-01-01")], Developed: 9999.99m),
        // Halted a full year but exactly a third developed (3333 of 9999 m2 to develop) and invested exactly 25 %: not idle.
        new("T1-E", "P-T1", 7, 0, 1, 1, "0601", "in_use", "sale", "2014-10-01", "2015-01-01", "2015-06-01", "2015-07-01",
            InvAgreed: 1000m, InvActual: 250m, Halted: "2019-06-29", Events: [("sold", "2015-01-01")], Developed: 3333m, ToDevelop: 9999m),
        // Halted 2019-06-30: the year ends on D, idle from 2020-07-01.
        new("T1-F", "P-T1", 8, 0, 1, 1, "0601", "in_use", "sale", "2014-10-01", "2015-01-01", "2015-06-01", "2015-07-01",
            InvAgreed: 1000m, InvActual: 100m, Built: 0.1m, Halted: "2019-06-30", Events: [("sold", "2015-01-01")]),
        // Halted a full year, half built but only 20 % invested: idle by the investment rule.
        new("T1-G", "P-T1", 9, 0, 1, 1, "0601", "in_use", "sale", "2014-10-01", "2015-01-01", "2015-06-01", "2015-07-01",
            InvAgreed: 1000m, InvActual: 200m, Built: 0.5m, Halted: "2019-06-29", Events: [("sold", "2015-01-01")]),
        // Approved 2019-02-01, never supplied, cleared 2019-09-01.
        new("T1-H", "P-T1", 0, 1, 2, 1, "0701", "approved_unsupplied", Approved: "2019-02-01", Events: [("cleared", "2019-09-01")]),
        // Old plant under its plot ratio (under_used), redevelopment started 2019-04-01 (low_efficiency from then).
        new("T1-I", "P-T1", 2, 1, 1, 1, "0601", "under_used", "sale", "1999-06-01", "2000-01-01", "2000-05-01", "2000-06-01", "2001-06-01",
            1.0m, 0.6m, 300m, 300m, 1.0m, Events: [("sold", "2000-01-01"), ("redevelopment_started", "2019-04-01")]),
        // Sold 2005, never started (idle), revitalised 2019-10-01 (the clock restarts), started 2020-01-15.
        new("T1-J", "P-T1", 3, 1, 1, 1, "0601", "in_use", "sale", "2004-06-01", "2005-01-01", "2005-06-01", "2020-01-15",
            Built: 0.4m, Events: [("sold", "2005-01-01"), ("revitalised", "2019-10-01")]),
        // Tidal flat reported for approval 2019-11-01.
        new("T1-K", "P-T1", 4, 1, 2, 2, "1105", "unused_tidal_flat", Events: [("reported_for_approval", "2019-11-01")]),
        // Tidal flat reported 2018-05-01, reclaimed 2019-12-01.
        new("T1-L", "P-T1", 6, 1, 2, 1, "1201", "reclaimed", Events: [("reported_for_approval", "2018-05-01"), ("reclaimed", "2019-12-01")]),
        // Completed 2012 under its plot ratio: under_used.
        new("T1-M", "P-T1", 8, 1, 1, 1, "0601", "under_used", "sale", "2009-06-01", "2010-01-01", "2010-06-01", "2010-07-01", "2012-01-01",
            1.0m, 0.8m, 400m, 400m, 0.95m, Events: [("sold", "2010-01-01")]),
        // Not started, agreed start 2019-08-14: idle from 2020-08-15, 46 days after D.
        new("T1-Q", "P-T1", 9, 1, 1, 1, "0601", "supplied_unused", "sale", "2019-01-01", "2019-03-01", "2019-08-14", Events: [("sold", "2019-03-01")]),
        // Not started, agreed start 2016-06-01: idle since 2017-06-02, investigated and determined (认定) in 2017.
        new("T1-R", "P-T1", 0, 2, 1, 1, "0601", "idle", "sale", "2015-10-01", "2016-01-01", "2016-06-01",
            Events: [("sold", "2016-01-01"), ("idle_investigation", "2017-07-03"), ("idle_determined", "2017-09-01")]),
        // Park T2: industrial land sold 2019 and started; public utility land allocated 2019.
        new("T2-N", "P-T2", 0, 0, 2, 1, "0601", "in_use", "sale", "2019-01-01", "2019-04-01", "2019-09-01", "2019-10-01",
            Built: 0.6m, Events: [("sold", "2019-04-01")]),
        new("T2-O", "P-T2", 2, 0, 1, 1, "0809", "supplied_unused", "allocation", "2019-06-01", "2019-08-01", "2020-03-01",
            Events: [("allocated", "2019-08-01")]),
    ];

    public static Parcel Get(string code) => Parcels.Single(p => p.Code == code);

    /// <summary>Total units of the parcels given by code.</summary>
    public static int Units(params string[] codes) => codes.Sum(c => Get(c).Units);

    public static async Task InsertAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        foreach (var (code, zh, e, n, size) in Parks)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into parks (code, name_zh, name_en, kind, geom)
                values ($1, $2, $1, 'radiating', st_multi(st_transform(st_makeenvelope($3, $4, $5, $6, 4549), 4490)))
                """, conn);
            foreach (var v in new object[] { code, zh, e, n, e + size * 100, n + size * 100 }) cmd.Parameters.Add(new() { Value = v });
            await cmd.ExecuteNonQueryAsync();
        }
        foreach (var p in Parcels)
        {
            var (e, n) = Parks.Where(k => k.Code == p.Park).Select(k => (k.E, k.N)).Single();
            await using var cmd = new NpgsqlCommand("""
                insert into parcels (code, park_code, land_use, status, supply_method, approved_on, supplied_on, agreed_start_on,
                    actual_start_on, actual_completion_on, plot_ratio_min, plot_ratio, investment_agreed_wan, investment_actual_wan,
                    developed_area_m2, development_area_m2, halted_on, source, geom)
                values ($1, $2, $3, $4, $5, $6::date, $7::date, $8::date, $9::date, $10::date, $11, $12, $13, $14, $15, $21, $16::date,
                    'hand-made', st_multi(st_transform(st_makeenvelope($17, $18, $19, $20, 4549), 4490)))
                """, conn);
            object?[] values =
            [
                p.Code, p.Park, p.LandUse, p.Status, p.Supply, p.Approved, p.Supplied, p.AgreedStart, p.Start, p.Completed,
                p.PlotMin, p.Plot, p.InvAgreed, p.InvActual, p.DevelopedM2, p.Halted,
                e + p.Col * 100.0, n + p.Row * 100.0, e + (p.Col + p.W) * 100.0, n + (p.Row + p.H) * 100.0, p.ToDevelopM2,
            ];
            foreach (var v in values)
                cmd.Parameters.Add(v is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown } : new NpgsqlParameter { Value = v });
            await cmd.ExecuteNonQueryAsync();
            foreach (var (kind, on) in p.Events ?? [])
            {
                await using var ev = new NpgsqlCommand(
                    "insert into parcel_events (parcel_id, kind, occurred_on) select id, $2, $3::date from parcels where code = $1", conn);
                ev.Parameters.Add(new() { Value = p.Code });
                ev.Parameters.Add(new() { Value = kind });
                ev.Parameters.Add(new() { Value = on });
                await ev.ExecuteNonQueryAsync();
            }
        }
    }
}
