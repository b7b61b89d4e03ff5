using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Supervision;

/// <summary>The body of POST /api/parcels/{code}/events: one step, its document and its figures.</summary>
public sealed record ProcedureStepBody(string? Kind, string? OccurredOn, string? DocumentNo, string? Cause,
    string? NewAgreedStartOn, string? NewAgreedCompletionOn, decimal? AmountWan, string? Note);

/// <summary>A step checked and ready to store.</summary>
public sealed record ProcedureStep(string Kind, DateOnly OccurredOn, string? DocumentNo, string? Cause,
    DateOnly? NewAgreedStartOn, DateOnly? NewAgreedCompletionOn, decimal? AmountWan, string? Note);

/// <summary>
/// A parcel as the procedure sees it on the step's date (<see cref="ProcedureSql.Facts"/>): its state
/// by the rule, the current idle spell (first day, determination and its cause, the two-year mark),
/// the fee levied and paid since the determination, the supply price, and the last step's date.
/// </summary>
public sealed record ParcelFacts(string? State, DateOnly? IdleOn, DateOnly? DeterminedOn, string? Cause, bool GovernmentCause,
    DateOnly? RecoverableOn, DateOnly? InvestigatedOn, decimal? LeviedWan, decimal? PaidWan, decimal? SupplyPriceWan, DateOnly? LastStepOn);

/// <summary>
/// The order of the idle-land procedure (《闲置土地处置办法》, docs/domain-facts.md): investigation
/// (Article 9) and determination (Article 11) of land the rule finds idle; then, for the Article 8
/// causes (acts of government, force majeure), an Article 12 disposal, whose new agreed start is at
/// most a year on (two for temporary use); otherwise the Article 14 fee (20 % of the price, from one
/// year) and recovery without compensation (from two full years). A step out of order is a 409
/// naming the field and the rule; a malformed one a 400 naming the field.
/// </summary>
public static class ProcedureRules
{
    /// <summary>The steps that change the supply contract's start: the idle clock restarts from their new date.</summary>
    public static readonly string[] NewStartKinds = ["supplementary_agreement", "extension_agreed", "use_adjusted", "temporary_use"];

    /// <summary>Article 12's disposals, open only after a determination with a government cause.</summary>
    private static readonly string[] Article12 = ["extension_agreed", "use_adjusted", "temporary_use", "land_swapped", "recovered_with_compensation"];

    /// <summary>The lifecycle's own events (0010), recorded without a document or procedure check.</summary>
    private static readonly string[] Lifecycle = ["sold", "allocated", "cleared", "redevelopment_started", "revitalised", "reported_for_approval", "reclaimed"];

    /// <summary>The idle-land fee: 20 % of the 出让/划拨 price (Article 14(1)).</summary>
    public const decimal FeeShare = 0.2m;

    /// <summary>The step <paramref name="body"/> asks for, checked for shape: kind and cause against
    /// the vocabulary, dates bounded and not after <paramref name="today"/>, which fields a kind needs.</summary>
    public static ProcedureStep Parse(ProcedureStepBody body, ISet<string> kinds, ISet<string> causes, DateOnly today)
    {
        var kind = body.Kind ?? throw new InvalidParameterException("kind", "kind is required: the step's event kind (see /api/lifecycle)");
        if (!kinds.Contains(kind))
            throw new InvalidParameterException("kind", $"kind '{Shown(kind)}' is not an event kind; see /api/lifecycle");
        var on = DateParameters.Date("occurredOn", body.OccurredOn ?? throw new InvalidParameterException("occurredOn", "occurredOn is required (YYYY-MM-DD)"))!.Value;
        if (on > today)
            throw new InvalidParameterException("occurredOn", $"occurredOn {on:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, the zone's date): record a step once it has happened");
        var procedure = !Lifecycle.Contains(kind);
        if (procedure && string.IsNullOrWhiteSpace(body.DocumentNo))
            throw new InvalidParameterException("documentNo", $"documentNo (文号) is required for {kind}");
        if (body.DocumentNo is { } doc && (doc.Length > 500 || doc.Contains('\0')))
            throw new InvalidParameterException("documentNo", "documentNo must be at most 500 characters of text");
        if (body.Note is { } note && (note.Length > 2000 || note.Contains('\0')))
            throw new InvalidParameterException("note", "note must be at most 2000 characters of text");
        if (kind == "idle_determined")
        {
            var cause = body.Cause ?? throw new InvalidParameterException("cause", "cause is required for a determination (see idleCauses in /api/vocabulary)");
            if (!causes.Contains(cause)) throw new InvalidParameterException("cause", $"cause '{Shown(cause)}' is not a cause; see idleCauses in /api/vocabulary");
        }
        else if (body.Cause is not null)
            throw new InvalidParameterException("cause", "cause belongs to idle_determined only");
        var start = DateParameters.Date("newAgreedStartOn", body.NewAgreedStartOn);
        var completion = DateParameters.Date("newAgreedCompletionOn", body.NewAgreedCompletionOn);
        if (NewStartKinds.Contains(kind))
        {
            if (start is null && (kind != "supplementary_agreement" || completion is null))
                throw new InvalidParameterException("newAgreedStartOn", $"newAgreedStartOn is required for {kind}");
            if (start < on) throw new InvalidParameterException("newAgreedStartOn", "newAgreedStartOn is before the agreement itself (occurredOn)");
            if (completion < (start ?? on)) throw new InvalidParameterException("newAgreedCompletionOn", "newAgreedCompletionOn is before the new start");
        }
        else if (start is not null || completion is not null)
            throw new InvalidParameterException(start is not null ? "newAgreedStartOn" : "newAgreedCompletionOn",
                $"new agreed dates belong to {string.Join(", ", NewStartKinds)}");
        if (body.AmountWan is { } amount && (kind is not ("idle_fee_levied" or "idle_fee_paid") || amount < 0 || amount > 1e12m || decimal.Round(amount, 2) != amount))
            throw new InvalidParameterException("amountWan", "amountWan (万元, two decimals at most) belongs to idle_fee_levied and idle_fee_paid");
        return new(kind, on, body.DocumentNo, body.Cause, start, completion, body.AmountWan, body.Note);
    }

    /// <summary>The step checked against the parcel on its date; the fee's amount filled in when not given.</summary>
    public static ProcedureStep Check(ProcedureStep step, ParcelFacts f)
    {
        if (f.LastStepOn is { } last && step.OccurredOn < last && !Lifecycle.Contains(step.Kind))
            throw new ConflictException("occurredOn", $"steps are recorded in order: the parcel's last step was on {last:yyyy-MM-dd}");
        if (f.State == "recovered" && !Lifecycle.Contains(step.Kind))
            throw new ConflictException("kind", "the land has been recovered by the government: the procedure is over");
        var idle = f.State is "suspected_idle" or "idle";
        switch (step.Kind)
        {
            case "supplementary_agreement" when f.State is null or "approved_unsupplied" or "unused_tidal_flat" or "reclaimed":
                throw new ConflictException("kind", $"the parcel is not supplied on {step.OccurredOn:yyyy-MM-dd}: there is no contract to amend");
            case "idle_investigation" or "idle_determined" when !idle:
                throw new ConflictException("kind", $"the parcel is not idle by the rule on {step.OccurredOn:yyyy-MM-dd} (state: {f.State ?? "none"}){IdleFrom(f)}");
            case "idle_determined" when f.DeterminedOn is { } d:
                throw new ConflictException("kind", $"this idle spell was determined on {d:yyyy-MM-dd} already");
            case var k when Article12.Contains(k) || k is "idle_fee_levied" or "idle_fee_paid" or "recovered_without_compensation":
                return CheckDisposal(step, f);
        }
        return step;
    }

    private static ProcedureStep CheckDisposal(ProcedureStep step, ParcelFacts f)
    {
        if (f.DeterminedOn is null)
            throw new ConflictException("kind", $"{step.Kind} follows a determination (idle_determined) of the current idle spell; none is recorded{IdleFrom(f)}");
        if (Article12.Contains(step.Kind))
        {
            if (!f.GovernmentCause)
                throw new ConflictException("kind", $"Article 12 disposals are for the causes of Article 8; this land was determined idle for '{f.Cause}' (Article 14 applies)");
            var most = step.OccurredOn.AddYears(step.Kind == "temporary_use" ? 2 : 1);
            if (step.NewAgreedStartOn > most)
                throw new ConflictException("newAgreedStartOn", $"{step.Kind} sets a new start at most {(step.Kind == "temporary_use" ? "two years" : "a year")} on ({most:yyyy-MM-dd})");
            return step;
        }
        if (f.GovernmentCause)
            throw new ConflictException("kind", $"Article 14 does not apply to land idle for '{f.Cause}' (a cause of Article 8): dispose of it under Article 12");
        switch (step.Kind)
        {
            case "idle_fee_levied":
                if (f.LeviedWan is not null) throw new ConflictException("kind", "the idle-land fee of this spell has been levied already");
                var fee = f.SupplyPriceWan is { } price ? decimal.Round(price * FeeShare, 2) : (decimal?)null;
                if (fee is null && step.AmountWan is null)
                    throw new ConflictException("amountWan", "the parcel records no supply price (supply_price_wan): give amountWan, 20 % of the price");
                if (fee is { } due && step.AmountWan is { } given && given != due)
                    throw new ConflictException("amountWan", $"the fee is 20 % of the price {f.SupplyPriceWan} 万元: {due} 万元, not {given}");
                return step with { AmountWan = step.AmountWan ?? fee };
            case "idle_fee_paid":
                if (f.LeviedWan is not { } levied) throw new ConflictException("kind", "no idle-land fee has been levied for this spell");
                if (f.PaidWan is not null) throw new ConflictException("kind", "the fee of this spell has been paid already");
                if (step.AmountWan is { } paid && paid != levied) throw new ConflictException("amountWan", $"the fee levied is {levied} 万元, not {paid}");
                return step with { AmountWan = levied };
            default: // recovered_without_compensation
                if (f.RecoverableOn is { } from && step.OccurredOn < from)
                    throw new ConflictException("occurredOn", $"recovery without compensation may be decided from {from:yyyy-MM-dd} (two full years, Article 14(2))");
                return step;
        }
    }

    private static string IdleFrom(ParcelFacts f) => f.IdleOn is { } on ? $"; the idle spell starts {on:yyyy-MM-dd}" : "";

    private static string Shown(string value) => value.Length > 64 ? value[..64] + "..." : value;
}
