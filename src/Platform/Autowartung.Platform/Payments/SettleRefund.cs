using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Sends a requested refund to the provider with its stored idempotency key, or asks the provider what
/// became of one it accepted. A refund the provider could not take now stays requested and is sent
/// again later (<see cref="RetryDueAsync"/>), with the same key, so it is paid out exactly once.
/// </summary>
public sealed partial class SettleRefund(
    PlatformDbContext db, IPaymentGateway gateway, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock, ILogger<SettleRefund> logger)
{
    /// <summary>Runs in the refund's city.</summary>
    public async Task<Refund?> RunAsync(Guid refundId, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var refund = await db.Refunds.SingleOrDefaultAsync(r => r.Id == refundId, cancellationToken);
        if (refund is null || refund.Status is RefundStatus.Succeeded or RefundStatus.Failed) return refund;
        var payment = await db.Payments.SingleAsync(p => p.Id == refund.PaymentId, cancellationToken);
        var now = clock.GetUtcNow();
        try
        {
            GatewayRefund answer;
            if (refund.ProviderRefundId is { } providerId)
            {
                answer = await gateway.GetRefundAsync(providerId, cancellationToken);
            }
            else
            {
                // A debit still on its way cannot be refunded yet; it is sent once the money is in.
                if (payment.Status != PaymentStatus.Succeeded || payment.PaymentIntentId is null) return refund;
                refund.Attempted(now);
                answer = await gateway.RefundAsync(payment.PaymentIntentId, refund.AmountCents, refund.Metadata(db.CurrentTenantId), refund.IdempotencyKey, cancellationToken);
            }
            if (refund.Observe(answer, now)) payment.RevertRefund(refund.AmountCents, now);
        }
        catch (PaymentGatewayException exception)
        {
            LogRefundDeferred(logger, refund.Id, exception.Message);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel run recorded the same answer (same key, same refund at the provider).
            db.ChangeTracker.Clear();
        }
        return refund;
    }

    /// <summary>Sends every refund still requested, and asks about pending ones, city by city. For the scheduled job.</summary>
    public async Task<int> RetryDueAsync(int batchSize = 100, CancellationToken cancellationToken = default)
    {
        var staleBefore = clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        // Across cities on purpose: the job serves them all; each refund is then settled in its own city.
        var due = await db.Refunds.AcrossTenants().AsNoTracking()
            .Where(r => (r.Status == RefundStatus.Requested || r.Status == RefundStatus.Pending) && r.UpdatedAt <= staleBefore)
            .OrderBy(r => r.UpdatedAt).Take(batchSize)
            .Select(r => new { r.Id, CityId = EF.Property<Guid>(r, MultiTenantModel.TenantIdProperty) })
            .ToListAsync(cancellationToken);
        foreach (var city in due.GroupBy(r => r.CityId))
        {
            var tenant = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == city.Key, cancellationToken);
            using var scope = tenancy.BeginScope(tenant.ToTenantInfo());
            foreach (var refund in city) await RunAsync(refund.Id, cancellationToken);
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundId} not settled now, will retry: {Reason}")]
    private static partial void LogRefundDeferred(ILogger logger, Guid refundId, string reason);
}
