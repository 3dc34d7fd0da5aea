using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// Lets lapsed payment holds expire and gives their places back, city by city, each booking in its own
/// transaction. The checkout is closed at the provider first, so nobody pays for a lapsed booking; one
/// that was paid at the last second is synced and confirmed instead. When the provider cannot be
/// reached, the booking waits for the next run rather than lapse with a payment possibly under way.
/// The row version decides between this job and a payment arriving at the same moment. Runs outside
/// any request; opens a tenant scope per city.
/// </summary>
public sealed partial class ExpireHolds(
    PlatformDbContext db, SlotPlaces places, IPaymentGateway gateway, SyncPayment syncPayment, MultiTenantContextAccessor<CityTenantInfo> tenancy,
    TimeProvider clock, ILogger<ExpireHolds> logger)
{
    public async Task<int> RunAsync(int batchSize = 200, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Across cities on purpose: this job serves them all; each booking is then handled in its own city.
        var due = await db.Bookings.AcrossTenants().AsNoTracking()
            .Where(b => b.Status == BookingStatus.PendingPayment && b.HoldExpiresAt <= now)
            .OrderBy(b => b.HoldExpiresAt).Take(batchSize)
            .Select(b => new { b.Id, CityId = EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty) })
            .ToListAsync(cancellationToken);

        var expired = 0;
        foreach (var city in due.GroupBy(b => b.CityId))
        {
            var tenant = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == city.Key, cancellationToken);
            using var scope = tenancy.BeginScope(tenant.ToTenantInfo());
            foreach (var item in city)
                if (await CloseCheckoutAsync(item.Id, cancellationToken) && await ExpireOneAsync(item.Id, now, cancellationToken)) expired++;
        }
        return expired;
    }

    /// <summary>Closes the booking's checkout at the provider and takes over what it says. False when the provider could not be asked.</summary>
    private async Task<bool> CloseCheckoutAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking()
            .Where(p => p.BookingId == bookingId && p.Purpose == PaymentPurpose.Booking && p.CheckoutSessionId != null)
            .Select(p => new { p.Id, p.IdempotencyKey, p.CheckoutSessionId }).SingleOrDefaultAsync(cancellationToken);
        if (payment is null) return true;
        try
        {
            await gateway.ExpireCheckoutAsync(payment.CheckoutSessionId!, $"{payment.IdempotencyKey}-expire", cancellationToken);
            await syncPayment.RunAsync(payment.Id, cancellationToken);
            return true;
        }
        catch (PaymentGatewayException exception)
        {
            LogProviderUnavailable(logger, bookingId, exception.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hold of booking {BookingId} kept for now: the payment provider could not be asked ({Reason})")]
    private static partial void LogProviderUnavailable(ILogger logger, Guid bookingId, string reason);

    private async Task<bool> ExpireOneAsync(Guid bookingId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, cancellationToken);
        if (!booking.Expire(now)) return false;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        await places.ReleaseAsync(booking.SlotWindowId, booking.SlotDate, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
