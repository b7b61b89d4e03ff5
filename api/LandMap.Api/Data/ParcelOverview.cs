using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LandMap.Api.Domain;

namespace LandMap.Api.Data;

/// <summary>The parcels' overview (grid of state shares: overview tiles and the legend's totals), settings under <c>LandMap:Overview</c>.</summary>
public sealed class OverviewOptions
{
    public const string Section = "LandMap:Overview";

    /// <summary>False: no overview is built and every tile draws single parcels.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A tile holding more parcels than this (on average under 4 x 4 pixels each in a
    /// 256-pixel tile: no longer legible one by one) is drawn as the overview grid.</summary>
    [Range(0, 1_000_000)] public int TileParcels { get; set; } = 4096;

    /// <summary>The first year whose end the overview is held for (the map's year slider starts there).</summary>
    [Range(1900, 2100)] public int FirstYear { get; set; } = 1994;

    /// <summary>How often the refresher looks for writes to fold in (milliseconds).</summary>
    [Range(50, 60_000)] public int RefreshMilliseconds { get; set; } = 500;
}

/// <summary>
/// What the features reading the parcels' overview (migration 0045: the tiles; 0047: the legend's
/// totals) agree on: under which idle rules a date was built, and the one selection besides none
/// that the grid answers exactly (the map's year selection: approved by the date, or never).
/// </summary>
public static class ParcelOverview
{
    /// <summary>The idle rules as text: a date's overview is only reused under the same rules.
    /// The database reads it back as parcel_state_at()'s arguments (parcel_overview_rule()).</summary>
    public static string RulesKey(IdleRules r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.NotStartedYears},{r.BuiltArea.Numerator}/{r.BuiltArea.Denominator},{r.Investment.Numerator}/{r.Investment.Denominator},{r.HaltedYears},{r.RecoveryYears}");

    /// <summary>The map's year selection as it writes it (web/js/parcelFilter.js approvedBy).</summary>
    public static string YearSelection(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"approved_on <= DATE('{date:yyyy-MM-dd}') OR approved_on IS NULL");

    /// <summary>True when <paramref name="filter"/> (cql2-text, or <paramref name="lang"/> null) is
    /// the year selection of <paramref name="date"/>: the grid's <c>approved</c> flag answers it.</summary>
    public static bool IsYearSelection(string filter, string? lang, DateOnly date) =>
        (lang is null || lang == "cql2-text") && string.Equals(filter.Trim(), YearSelection(date), StringComparison.Ordinal);
}
