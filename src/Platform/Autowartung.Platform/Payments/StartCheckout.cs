using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Opens the hosted checkout for a booking that waits for payment, or returns the one already open. The
/// payment row and its idempotency key are written before the provider is called, so a second call (a
/// double tap, a retry after a crash) gets the same checkout, never a second one. Runs in the city's
/// tenant scope.
/// </summary>
public sealed class StartCheckout(PlatformDbContext db, IPaymentGateway gateway, ICustomerLinks links, TimeProvider clock)
{
    /// <summary>Stripe closes a checkout no sooner than 30 minutes after it opened; ours is closed with the hold, earlier.</summary>
    private static readonly TimeSpan ProviderMinimumLifetime = TimeSpan.FromMinutes(31);

    public enum CheckoutState
    {
        /// <summary>The customer pays at <see cref="Checkout.Url"/>.</summary>
        Open,

        /// <summary>The booking no longer waits for payment (paid, expired, cancelled), or its checkout is closed.</summary>
        NotPending,

        /// <summary>The provider could not be reached; the booking keeps its hold and the next call asks again.</summary>
        Unavailable,
    }

    /// <summary>The booking's checkout payment (none for a booking that never waited for one) and where to pay.</summary>
    public sealed record Checkout(CheckoutState State, Payment? Payment, Uri? Url = null);

    public async Task<Result<Checkout>> RunAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null) return Result.NotFound();
        var payment = await FindOrCreateAsync(booking, cancellationToken);
        if (booking.Status != BookingStatus.PendingPayment) return new Checkout(CheckoutState.NotPending, payment);
        if (payment.CheckoutSessionId is not null) return Opened(payment);

        var now = clock.GetUtcNow();
        try
        {
            var customer = await PaymentCustomers.EnsureAsync(db, gateway, booking.CustomerUserId, booking.Contact, now, cancellationToken);
            GatewayCheckout checkout;
            try
            {
                checkout = await CreateCheckoutAsync(booking, payment, customer, now, cancellationToken);
            }
            catch (PaymentCustomerMissingException missing) when (missing.CustomerId == customer)
            {
                // Stripe no longer has this person's customer (deleted there, another mode): a new one, then once more.
                // Stripe saved no result for the refused request, so the payment's key is still free for it.
                customer = await PaymentCustomers.ReplaceAsync(db, gateway, booking.CustomerUserId, customer, booking.Contact, cancellationToken);
                checkout = await CreateCheckoutAsync(booking, payment, customer, now, cancellationToken);
            }
            payment.OpenCheckout(checkout, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (PaymentGatewayException)
        {
            // The booking keeps its hold; the customer's next tap asks again with the same key.
            return new Checkout(CheckoutState.Unavailable, payment);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else stored the same checkout (same idempotency key, same answer) a moment earlier.
            db.ChangeTracker.Clear();
            payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, cancellationToken);
        }
        return Opened(payment);
    }

    private static Checkout Opened(Payment payment) =>
        payment.CheckoutUrl is { } url ? new Checkout(CheckoutState.Open, payment, new Uri(url)) : new Checkout(CheckoutState.NotPending, payment);

    /// <summary>A booking has one checkout payment; its reference says which.</summary>
    private const string BookingReference = "booking";

    private Task<GatewayCheckout> CreateCheckoutAsync(Booking booking, Payment payment, string customer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var back = links.CheckoutReturn(booking.Id);
        return gateway.CreateCheckoutAsync(
            new CheckoutRequest(
                customer,
                $"{db.TenantInfo!.Name}: {booking.Vehicle.Make} {booking.Vehicle.Model}, {booking.LicensePlate}",
                booking.Lines.Select(l => new CheckoutLine(l.Description, l.GrossCents)).ToList(),
                back.Success,
                back.Cancel,
                now + ProviderMinimumLifetime,
                payment.Metadata(db.CurrentTenantId)),
            payment.IdempotencyKey, cancellationToken);
    }

    private async Task<Payment> FindOrCreateAsync(Booking booking, CancellationToken cancellationToken)
    {
        var payment = await PaymentRows.FindAsync(db, booking.Id, PaymentPurpose.Booking, BookingReference, cancellationToken);
        if (payment is not null || booking.Status != BookingStatus.PendingPayment) return payment!;
        if (booking.Lines.Sum(l => l.GrossCents) != booking.TotalGrossCents)
            throw new InvalidOperationException("A booking's lines must add up to its total.");
        return await PaymentRows.AddOnceAsync(db,
            Payment.Create(booking.Id, PaymentPurpose.Booking, BookingReference, "Buchung", booking.TotalGrossCents, clock.GetUtcNow()), cancellationToken);
    }
}
