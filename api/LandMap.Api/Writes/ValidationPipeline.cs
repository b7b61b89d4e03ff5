using System.Threading.Channels;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Writes;

/// <summary>
/// Reads, reprojects and checks an upload's features on every core while the valid ones stream on
/// to the staging COPY: one reader keeps file order (and tracks repeated codes, which needs order),
/// workers each check batches with a validator and report of their own, merged at the end. The
/// channels are bounded, so memory holds a few batches whatever the file's size; a failure anywhere
/// cancels the rest.
/// </summary>
public sealed class ValidationPipeline
{
    private const int BatchSize = 256;
    private static readonly int Workers = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private readonly record struct Item(RawFeature Feature, int? DuplicateOf);

    private readonly Channel<Item[]> batches = Channel.CreateBounded<Item[]>(new BoundedChannelOptions(Workers * 4) { SingleWriter = true });
    private readonly Channel<StagedFeature[]> staged = Channel.CreateBounded<StagedFeature[]>(new BoundedChannelOptions(16) { SingleReader = true });
    private readonly List<UploadReport> parts = [];
    private readonly List<Task> tasks = [];
    private readonly CancellationTokenSource cancel;
    private readonly int maxFeatures;

    /// <summary>Starts reading <paramref name="features"/> and checking them; the valid ones come out of <see cref="Output"/>.</summary>
    public ValidationPipeline(IEnumerable<RawFeature> features, CollectionDef collection, VocabularyCodes vocabulary,
        SourceCrsDef crs, UploadReport report, Action countProcessed, CancellationToken ct, RequestLimits? limits = null,
        LandUseEdition? landUseEdition = null)
    {
        limits ??= RequestLimits.Default;
        maxFeatures = limits.MaxFeaturesPerUpload;
        cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cancel.Token;
        tasks.Add(Task.Run(() => ReadAsync(features, report, countProcessed, token), token));
        var workers = new List<Task>();
        for (var i = 0; i < Workers; i++)
        {
            var part = new UploadReport(report.MaxListed);
            parts.Add(part);
            var validator = new FeatureValidator(collection, vocabulary, new FeatureValidatorOptions
            {
                TrackDuplicateCodes = false, MaxVertices = limits.MaxVerticesPerGeometry, LandUseEdition = landUseEdition,
            });
            workers.Add(Task.Run(() => CheckAsync(validator, crs, part, token), token));
        }
        tasks.AddRange(workers);
        tasks.Add(Task.WhenAll(workers).ContinueWith(t => staged.Writer.TryComplete(t.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default));
    }

    /// <summary>Batches of valid features in storage CRS, for the staging COPY.</summary>
    public ChannelReader<StagedFeature[]> Output => staged.Reader;

    /// <summary>Waits for every stage; merges what the workers found into <paramref name="report"/>.
    /// After a failure elsewhere (e.g. the COPY), call with <paramref name="failed"/> to stop the stages first.</summary>
    public async Task CompleteAsync(UploadReport report, bool failed = false)
    {
        if (failed) await cancel.CancelAsync();
        try
        {
            await Task.WhenAll(tasks);
        }
        finally
        {
            cancel.Dispose();
        }
        report.Merge(parts);
    }

    private async Task ReadAsync(IEnumerable<RawFeature> features, UploadReport report, Action countProcessed, CancellationToken ct)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<Item>(BatchSize);
        try
        {
            foreach (var f in features)
            {
                // Counted as read: a file past the bound is refused before its rest is parsed.
                if (f.Index >= maxFeatures) throw TooMany();
                countProcessed();
                int? duplicateOf = null;
                if (f.Code is { } code && !string.IsNullOrWhiteSpace(code) && !firstIndex.TryAdd(code, f.Index))
                    duplicateOf = firstIndex[code];
                batch.Add(new Item(f, duplicateOf));
                if (batch.Count == BatchSize)
                {
                    await batches.Writer.WriteAsync([.. batch], ct);
                    batch.Clear();
                }
            }
            if (batch.Count > 0) await batches.Writer.WriteAsync([.. batch], ct);
            batches.Writer.Complete();
        }
        catch (Exception e)
        {
            batches.Writer.TryComplete(e);
            throw;
        }
    }

    private LimitExceededException TooMany()
    {
        var setting = RequestLimits.Name(nameof(RequestLimits.MaxFeaturesPerUpload));
        return new LimitExceededException("body", setting, maxFeatures,
            $"the file has more than {maxFeatures} features ({setting}); split it into several uploads. Nothing was written",
            StatusCodes.Status413PayloadTooLarge);
    }

    private async Task CheckAsync(FeatureValidator validator, SourceCrsDef crs, UploadReport report, CancellationToken ct)
    {
        var columns = UploadColumns.Of(validator.Collection);
        var ewkb = StagedFeature.EwkbWriter();
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            var valid = new List<StagedFeature>(batch.Length);
            foreach (var (f, duplicateOf) in batch)
            {
                if (f.ReadError is not null)
                {
                    report.Add(FeatureValidator.Unreadable(f.Index, f.Code, f.ReadError));
                    if (duplicateOf is { } first) report.Add(FeatureValidator.Duplicate(f.Index, f.Code!, first));
                    report.Counts.Read++;
                    report.Counts.Invalid++;
                    continue;
                }
                var geometry = f.Geometry is null ? null : SourceCrs.ToStorageInPlace(crs, f.Geometry);
                var check = validator.Validate(new UploadFeature(f.Index, geometry, f.Properties, duplicateOf), report);
                if (check is { Valid: true, Geometry: not null, Code: not null })
                    valid.Add(new StagedFeature(f.Index, check.Code, check.Geometry, columns.Values(check.Properties)) { Ewkb = ewkb.Write(check.Geometry) });
            }
            if (valid.Count > 0) await staged.Writer.WriteAsync([.. valid], ct);
        }
    }
}
