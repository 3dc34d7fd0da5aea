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

    /// <summary>What the bank said: the charge is a domain outcome either way, declined as much as paid.</summary>
    public enum ChargeState { Succeeded, Processing, AuthenticationRequired, Declined, Unavailable }

    /// <param name="AuthenticationLink">Where the customer confirms the payment, when the bank asks them to.</param>
    public sealed record Charge(ChargeState State, Payment Payment, Uri? AuthenticationLink = null);

    public const string NoSavedPaymentMethod = "Für diese Buchung ist kein Zahlungsmittel hinterlegt.";

    /// <returns>The charge in whatever state the bank left it; invalid input, a booking not found, or a conflict when nothing is saved to charge.</returns>
    public async Task<Result<Charge>> RunAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (Validate(request) is { Count: > 0 } errors) return Result.Invalid(errors);
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == request.BookingId, cancellationToken);
        if (booking is null) return Result.NotFound();
        var saved = await db.Payments.AsNoTracking().CheckoutOf(booking.Id)
            .Where(p => p.PaymentMethodId != null && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Processing))
            .Select(p => p.PaymentMethodId).SingleOrDefaultAsync(cancellationToken);
        if (saved is null) return Result.Conflict(NoSavedPaymentMethod);

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
                return new Charge(ChargeState.Unavailable, payment);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, cancellationToken);
            }
        }
        return payment.Status switch
        {
            PaymentStatus.Succeeded => new Charge(ChargeState.Succeeded, payment),
            PaymentStatus.Processing => new Charge(ChargeState.Processing, payment),
            PaymentStatus.RequiresAction => new Charge(ChargeState.AuthenticationRequired, payment, links.ConfirmPayment(payment.Id)),
            _ => new Charge(ChargeState.Declined, payment),
        };
    }

    private static Dictionary<string, string[]> Validate(Request request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.AmountCents < 50) errors["amountCents"] = ["Ein Betrag unter 0,50 € lässt sich nicht abbuchen."];
        if (request.Reference is not { Length: >= 1 and <= 100 }) errors["reference"] = ["Bitte eine Referenz angeben (bis 100 Zeichen)."];
        if (request.Description is not { Length: >= 1 and <= 200 }) errors["description"] = ["Bitte beschreiben, wofür abgebucht wird (bis 200 Zeichen)."];
        return errors;
    }

    private async Task<Payment> FindOrCreateAsync(Booking booking, Request request, CancellationToken cancellationToken) =>
        await PaymentRows.FindAsync(db, booking.Id, PaymentPurpose.ExtraWork, request.Reference, cancellationToken)
        ?? await PaymentRows.AddOnceAsync(db,
            Payment.Create(booking.Id, PaymentPurpose.ExtraWork, request.Reference, request.Description, request.AmountCents, clock.GetUtcNow()), cancellationToken);
}
