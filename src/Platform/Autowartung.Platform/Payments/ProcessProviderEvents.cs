using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Works through the webhook events that arrived: each is leased by one worker (<c>SKIP LOCKED</c>, so
/// several app instances share the queue without doing an event twice), its payment or refund is synced
/// from the provider in its own city, and it is marked done. A failed attempt is tried again later,
/// backing off. Events that are not about our payments are marked done and left alone.
/// </summary>
public sealed partial class ProcessProviderEvents(
    PlatformDbContext db, SyncPayment syncPayment, SettleRefund settleRefund, MultiTenantContextAccessor<CityTenantInfo> tenancy,
    TimeProvider clock, ILogger<ProcessProviderEvents> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    private sealed record Claimed(string Id, string Type, Guid? CityId, Guid? PaymentId, Guid? RefundId, int Attempts);

    /// <summary>Handles what is due now; returns how many events were handled.</summary>
    public async Task<int> RunAsync(int batchSize = 20, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + Lease;
        var claimed = await db.Database.SqlQuery<Claimed>(
            $"""
             UPDATE provider_events SET next_attempt_at = {leaseUntil}, attempts = attempts + 1
             WHERE id IN (SELECT id FROM provider_events WHERE processed_at IS NULL AND next_attempt_at <= {now}
                          ORDER BY received_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED)
             RETURNING id AS "Id", type AS "Type", city_id AS "CityId", payment_id AS "PaymentId", refund_id AS "RefundId", attempts AS "Attempts"
             """).ToListAsync(cancellationToken);

        foreach (var item in claimed)
        {
            try
            {
                await HandleAsync(item, cancellationToken);
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE provider_events SET processed_at = {clock.GetUtcNow()}, last_error = NULL WHERE id = {item.Id}", cancellationToken);
            }
            catch (Exception exception) when (exception is PaymentGatewayException or DbUpdateException or TimeoutException)
            {
                var retryAt = clock.GetUtcNow() + Backoff(item.Attempts);
                LogRetry(logger, item.Id, item.Type, exception.GetType().Name);
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE provider_events SET next_attempt_at = {retryAt}, last_error = {exception.GetType().Name} WHERE id = {item.Id}", cancellationToken);
            }
        }
        return claimed.Count;
    }

    private async Task HandleAsync(Claimed item, CancellationToken cancellationToken)
    {
        if (item.CityId is not { } cityId) return;
        var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cityId, cancellationToken);
        if (city is null) return;
        using var scope = tenancy.BeginScope(city.ToTenantInfo());
        if (item.Type.StartsWith("refund.", StringComparison.Ordinal) || item.Type == "charge.refunded")
        {
            if (item.RefundId is { } refundId) await settleRefund.RunAsync(refundId, cancellationToken);
        }
        else if (item.PaymentId is { } paymentId)
        {
            await syncPayment.RunAsync(paymentId, cancellationToken);
        }
    }

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider event {EventId} ({Type}) not handled now, will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, string eventId, string type, string error);
}
