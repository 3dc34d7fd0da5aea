using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Customers;
using Autowartung.StripeEmulator.Events;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Checkout;

/// <summary>Where the hosted page sends the browser next, or why the attempt failed.</summary>
public sealed record PayResult(string? RedirectTo, PaymentError? Error);

/// <summary>
/// A Checkout Session's life: the customer pays on the hosted page (the PaymentIntent is created on the first
/// attempt), or the session expires. Completion itself follows the PaymentIntent, see <see cref="PaymentFlow"/>.
/// Runs inside the account's lock.
/// </summary>
public sealed class CheckoutFlow(Account account, PaymentFlow payments)
{
    public PayResult Pay(CheckoutSession session, string testPaymentMethod, BillingDetails billing)
    {
        var intent = PaymentIntentFor(session);
        var method = payments.Resolve(testPaymentMethod, billing: billing);
        try
        {
            payments.Confirm(intent, method, offSession: false, ReturnUrl(session));
        }
        catch (StripeException error) when (error.Status == StatusCodes.Status402PaymentRequired)
        {
            return new PayResult(null, intent.LastPaymentError);
        }
        return intent.Status == PaymentIntentStatus.RequiresAction
            ? new PayResult(intent.NextAction!.RedirectToUrl.Url, null)
            : new PayResult(SuccessUrl(session), null);
    }

    public void Expire(CheckoutSession session)
    {
        session.Status = CheckoutSessionStatus.Expired;
        if (session.PaymentIntent is { } intentId && account.Find<PaymentIntent>(intentId) is { } intent
            && PaymentIntentStatus.Cancelable.Contains(intent.Status))
        {
            payments.Cancel(intent, "abandoned");
        }
        account.Publish(EventTypes.CheckoutSessionExpired, session);
    }

    /// <summary>Expires open sessions whose <c>expires_at</c> has passed; returns how many.</summary>
    public int ExpireDue()
    {
        var now = account.UnixNow;
        var due = account.NewestFirst<CheckoutSession>()
            .Where(s => s.Status == CheckoutSessionStatus.Open && s.ExpiresAt <= now)
            .ToList();
        foreach (var session in due)
        {
            Expire(session);
        }
        return due.Count;
    }

    public static string SuccessUrl(CheckoutSession session) =>
        session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal);

    /// <summary>Where 3-D Secure sends the browser back: into the checkout flow, not to the merchant.</summary>
    public string ReturnUrl(CheckoutSession session) => $"{account.Options.PublicBase}/c/pay/{session.Id}/return";

    private PaymentIntent PaymentIntentFor(CheckoutSession session)
    {
        if (session.PaymentIntent is { } existing)
        {
            return account.Get<PaymentIntent>(existing, "payment_intent");
        }
        var data = session.PaymentIntentData;
        if (session.Customer is null && data.SetupFutureUsage is not null)
        {
            // Saving the payment method needs a customer; Checkout creates one (customer_creation "if_required").
            var customer = account.Add(new Customer
            {
                Id = Ids.Customer(),
                Created = account.UnixNow,
                Email = session.CustomerEmail,
            });
            account.Publish(EventTypes.CustomerCreated, customer);
            session.Customer = customer.Id;
        }
        var intent = payments.Create(new NewPaymentIntent(session.AmountTotal, session.Currency, session.Customer,
            session.PaymentMethodTypes, "automatic", data.SetupFutureUsage, data.Description,
            new Dictionary<string, string>(data.Metadata), session.Id));
        session.PaymentIntent = intent.Id;
        return intent;
    }
}
