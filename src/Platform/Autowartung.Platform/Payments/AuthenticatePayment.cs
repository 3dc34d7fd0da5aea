using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Payments;

/// <summary>
/// The customer is here to confirm a payment their bank wanted to see them for: the provider is asked to
/// try it again with the customer present and answers with the bank's page (3-D Secure). Afterwards the
/// return page syncs the payment from the provider. Runs in the city's tenant scope.
/// </summary>
public sealed class AuthenticatePayment(PlatformDbContext db, IPaymentGateway gateway, TimeProvider clock)
{
    public enum AuthenticationState { RedirectToBank, AlreadyDone, Failed, Unavailable }

    /// <param name="BankUrl">The bank's page, when the customer goes there next.</param>
    public sealed record Authentication(AuthenticationState State, Payment Payment, Uri? BankUrl = null);

    public async Task<Result<Authentication>> RunAsync(Guid paymentId, Uri returnUrl, CancellationToken cancellationToken = default)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment?.PaymentIntentId is null || payment.PaymentMethodId is null) return Result.NotFound();
        if (payment.Status != PaymentStatus.RequiresAction) return new Authentication(AuthenticationState.AlreadyDone, payment);
        if (payment.ActionUrl is { } pending) return new Authentication(AuthenticationState.RedirectToBank, payment, new Uri(pending));
        try
        {
            // One key per state the payment was in: a retry of this very step replays, a later new attempt is a new request.
            var key = $"{payment.IdempotencyKey}-confirm-{payment.UpdatedAt.ToUnixTimeMilliseconds()}";
            payment.Observe(await gateway.ConfirmOnSessionAsync(payment.PaymentIntentId, payment.PaymentMethodId, returnUrl, key, cancellationToken), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (PaymentGatewayException)
        {
            return new Authentication(AuthenticationState.Unavailable, payment);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken);
        }
        return payment switch
        {
            { ActionUrl: { } bank } => new Authentication(AuthenticationState.RedirectToBank, payment, new Uri(bank)),
            { Status: PaymentStatus.Succeeded or PaymentStatus.Processing } => new Authentication(AuthenticationState.AlreadyDone, payment),
            _ => new Authentication(AuthenticationState.Failed, payment),
        };
    }
}
