using System.Threading.RateLimiting;

namespace LandMap.Api.Limits;

/// <summary>
/// Bounds how long a request may wait in another limiter's queue: past <see cref="MaxWait"/> it is
/// refused (a lease that is not acquired) instead of waiting on. A count bound alone is not enough:
/// when requests are slow (a z13 tile over a million parcels takes a second or more) even a short
/// queue means waits of many seconds, and a client that times out has been served by nobody.
/// </summary>
public sealed class QueueDeadlineLimiter(PartitionedRateLimiter<HttpContext> inner, TimeSpan maxWait)
    : PartitionedRateLimiter<HttpContext>
{
    /// <summary>The metadata a timed-out lease carries (how long it waited); its own name, since the
    /// inner limiter's refusals carry a <see cref="MetadataName.ReasonPhrase"/> of their own.</summary>
    public static readonly MetadataName<string> Reason = MetadataName.Create<string>("LandMap.QueueDeadline");

    /// <summary>The longest a request waits for a slot.</summary>
    public TimeSpan MaxWait { get; } = maxWait;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        inner.AttemptAcquire(resource, permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount,
        CancellationToken cancellationToken)
    {
        // Most requests find a slot free: no timer for them.
        var now = inner.AttemptAcquire(resource, permitCount);
        if (now.IsAcquired) return now;
        now.Dispose();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(MaxWait);
        try
        {
            return await inner.AcquireAsync(resource, permitCount, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The limiter took the request out of its queue when the deadline fired.
            return new TimedOutLease($"waited {MaxWait.TotalMilliseconds:0} ms for a free slot");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private sealed class TimedOutLease(string reason) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [Reason.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == Reason.Name ? reason : null;
            return metadata is not null;
        }
    }
}
