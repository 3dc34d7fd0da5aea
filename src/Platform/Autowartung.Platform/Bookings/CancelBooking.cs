using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// Calls a booking off before pickup: the customer from "Meine Buchungen" (free inside the city's window,
/// later the city's fee is kept) or staff with a reason (always free). The cancellation, the freed places (its replacement car's days among them)
/// and the refund to send are one transaction, which holds the booking's row lock; the refund goes to the provider afterwards with its own
/// idempotency key, so a second cancel (409) or a retry never pays out twice. A confirmed booking's customer
/// is told by email (with the calendar entry's cancellation), through the outbox in the same transaction.
/// Runs in the city's scope.
/// </summary>
public sealed class CancelBooking(
    PlatformDbContext db, SlotPlaces places, CarLoans carLoans, IBookingPayments payments, BookingCancellationEmail email, TimeProvider clock)
{
    public sealed record Cancellation(Booking Booking, int RefundCents, int FeeCents);

    /// <summary>What cancelling now would cost and give back: shown before the customer confirms.</summary>
    public sealed record Terms(bool Cancellable, DateTimeOffset FreeUntil, int RefundCents, int FeeCents);

    public const string NotCancellable = "Diese Buchung kann nicht mehr storniert werden.";

    /// <param name="customerUserId">Set when the customer cancels: only their own booking is found.</param>
    public async Task<Result<Cancellation>> RunAsync(Guid bookingId, CancelledBy by, string? reason, Guid? customerUserId, CancellationToken cancellationToken = default)
    {
        if (by == CancelledBy.Staff && reason?.Trim() is not { Length: >= 3 and <= 300 })
            return Result.Invalid("reason", "Bitte einen Grund angeben (3 bis 300 Zeichen).");

        var now = clock.GetUtcNow();
        Cancellation cancellation;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // One cancel of a booking at a time: a parallel one waits here and then reads the booking (and its
            // payment) as the first left them, so it answers 409 instead of working from what it read before.
            await db.LockBookingAsync(bookingId, cancellationToken);
            var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId && (customerUserId == null || b.CustomerUserId == customerUserId), cancellationToken);
            if (booking is null) return Result.NotFound();
            var settled = await payments.SettledAsync(booking.Id, cancellationToken);
            var policy = await PolicyAsync(cancellationToken);
            var wasConfirmed = booking.Status != BookingStatus.PendingPayment;   // only then did the customer get a confirmation to call off
            if (!booking.Cancel(now, by, reason)) return Result.Conflict(NotCancellable);

            var fee = settled is null ? 0 : policy.FeeCents(booking.PickupStartUtc, settled.AmountCents, now, by);
            var refund = settled is null ? 0 : Math.Max(0, settled.RefundableCents - fee);
            await payments.CancelAsync(booking.Id, refund, by == CancelledBy.Customer ? "Stornierung durch den Kunden" : $"Stornierung: {reason!.Trim()}", now, cancellationToken);
            await places.ReleaseAsync(booking.SlotWindowId, booking.SlotDate, cancellationToken);
            await carLoans.ReleaseAsync(booking.Id, cancellationToken);
            if (wasConfirmed) await email.AddAsync(booking, by, reason, refund, fee, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The same booking was cancelled (or paid) a moment ago by someone else: this attempt changes
                // nothing, and its email must not ride along with a later save of this context.
                db.ChangeTracker.Clear();
                return Result.Conflict(NotCancellable);
            }
            await transaction.CommitAsync(cancellationToken);
            cancellation = new Cancellation(booking, refund, fee);
        }

        await payments.AfterCancelAsync(bookingId, cancellationToken);
        return cancellation;
    }

    public async Task<Terms> TermsAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        var policy = await PolicyAsync(cancellationToken);
        var paid = (await payments.SettledAsync(booking.Id, cancellationToken))?.RefundableCents ?? 0;
        var fee = policy.FeeCents(booking.PickupStartUtc, paid, clock.GetUtcNow(), CancelledBy.Customer);
        return new Terms(booking.IsCancellable, policy.FreeUntil(booking.PickupStartUtc), paid - fee, fee);
    }

    private async Task<CancellationPolicy> PolicyAsync(CancellationToken cancellationToken)
    {
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == db.CurrentTenantId, cancellationToken);
        return CancellationPolicy.For(city);
    }
}
