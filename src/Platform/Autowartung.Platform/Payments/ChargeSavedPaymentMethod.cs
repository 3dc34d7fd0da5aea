using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Payments;

/// <summary>
/// Charges an amount to the payment method the customer saved when paying the booking, without them
/// present (approved extra work). When the bank demands authentication, the result says so and carries
/// the link where the customer completes it. One charge per <c>reference</c>: asking again (a retry, a
/// crash between the provider's answer and our write) reuses the stored idempotency key, so the
/// customer is charged once. Runs in the city's tenant scope.
/// </summary>
public sealed class ChargeSavedPaymentMethod(PlatformDbContext db, IPaymentGateway gateway, ICustomerLinks links, TimeProvider clock)
{
    public sealed record Request(Guid BookingId, string Reference, string Description, int AmountCents);

    public enum Result { Succeeded, Processing, AuthenticationRequired, Declined, NoSavedPaymentMethod, NotFound, Invalid, Unavailable }

    public sealed record Outcome(Result Result, Payment? Payment = null, Uri? AuthenticationLink = null);

    public async Task<Outcome> RunAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.AmountCents < 50 || request.Reference is not { Length: >= 1 and <= 100 } || request.Description is not { Length: >= 1 and <= 200 })
            return new Outcome(Result.Invalid);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BookingId, cancellationToken);
        if (booking is null) return new Outcome(Result.NotFound);
        var saved = await db.Payments.AsNoTracking().CheckoutOf(booking.Id)
            .Where(p => p.PaymentMethodId != null && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Processing))
            .Select(p => p.PaymentMethodId).SingleOrDefaultAsync(cancellationToken);
        if (saved is null) return new Outcome(Result.NoSavedPaymentMethod);

        var payment = await FindOrCreateAsync(booking, request, cancellationToken);
        if (payment.PaymentIntentId is null || payment.Status == PaymentStatus.Created)
        {
            try
            {
                var customer = await PaymentCustomers.EnsureAsync(db, gateway, booking.CustomerUserId, booking.Contact, clock.GetUtcNow(), cancellationToken);
                var answer = await gateway.ChargeOffSessionAsync(
                    new OffSessionCharge(customer, saved, payment.AmountCents, payment.Description, payment.Metadata(db.CurrentTenantId)),
                    payment.IdempotencyKey, cancellationToken);
                payment.Observe(answer with { PaymentMethodId = answer.PaymentMethodId ?? saved }, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (PaymentGatewayException)
            {
                return new Outcome(Result.Unavailable, payment);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, cancellationToken);
            }
        }
        return payment.Status switch
        {
            PaymentStatus.Succeeded => new Outcome(Result.Succeeded, payment),
            PaymentStatus.Processing => new Outcome(Result.Processing, payment),
            PaymentStatus.RequiresAction => new Outcome(Result.AuthenticationRequired, payment, links.ConfirmPayment(payment.Id)),
            _ => new Outcome(Result.Declined, payment),
        };
    }

    private async Task<Payment> FindOrCreateAsync(Booking booking, Request request, CancellationToken cancellationToken) =>
        await PaymentRows.FindAsync(db, booking.Id, PaymentPurpose.ExtraWork, request.Reference, cancellationToken)
        ?? await PaymentRows.AddOnceAsync(db,
            Payment.Create(booking.Id, PaymentPurpose.ExtraWork, request.Reference, request.Description, request.AmountCents, clock.GetUtcNow()), cancellationToken);
}
