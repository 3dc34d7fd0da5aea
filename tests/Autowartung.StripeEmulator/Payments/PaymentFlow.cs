using System.Text.Json.Nodes;
using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Checkout;
using Autowartung.StripeEmulator.Customers;
using Autowartung.StripeEmulator.Events;

namespace Autowartung.StripeEmulator.Payments;

/// <summary>What a new PaymentIntent is created with.</summary>
public sealed record NewPaymentIntent(
    long Amount,
    string Currency,
    string? Customer,
    IReadOnlyList<string> PaymentMethodTypes,
    string CaptureMethod,
    string? SetupFutureUsage,
    string? Description,
    Dictionary<string, string> Metadata,
    string? CheckoutSession = null);

/// <summary>
/// The life of a PaymentIntent as Stripe's test mode plays it: confirmation with a test payment method, 3-D
/// Secure, capture, cancellation and SEPA settlement; each step publishes its events and moves the Checkout
/// Session that created the PaymentIntent along. Runs inside the account's lock.
/// </summary>
public sealed class PaymentFlow(Account account)
{
    public const string AuthenticationFailedMessage =
        "We are unable to authenticate your payment method. Please choose a different payment method and try again.";

    public PaymentIntent Create(NewPaymentIntent draft)
    {
        var id = Ids.PaymentIntent();
        var intent = account.Add(new PaymentIntent
        {
            Id = id,
            Created = account.UnixNow,
            Amount = draft.Amount,
            Currency = draft.Currency,
            Customer = draft.Customer,
            PaymentMethodTypes = draft.PaymentMethodTypes,
            CaptureMethod = draft.CaptureMethod,
            SetupFutureUsage = draft.SetupFutureUsage,
            Description = draft.Description,
            Metadata = draft.Metadata,
            ClientSecret = Ids.ClientSecret(id),
            Status = PaymentIntentStatus.RequiresPaymentMethod,
            CheckoutSession = draft.CheckoutSession,
        });
        account.Publish(EventTypes.PaymentIntentCreated, intent);
        return intent;
    }

    /// <summary>A payment method by id; a magic test id (<c>pm_card_visa</c>) becomes a fresh one.</summary>
    public PaymentMethod Resolve(string id, string param = "payment_method", BillingDetails? billing = null)
    {
        if (TestPaymentMethods.Create(id, account.UnixNow, billing) is { } fresh)
        {
            return account.Add(fresh);
        }
        return account.Get<PaymentMethod>(id, "PaymentMethod", param);
    }

    public void Confirm(PaymentIntent intent, PaymentMethod method, bool offSession, string? returnUrl)
    {
        if (!PaymentIntentStatus.Confirmable.Contains(intent.Status))
        {
            throw StripeException.UnexpectedState(intent.Status == PaymentIntentStatus.Succeeded
                    ? "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed."
                    : $"You cannot confirm this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with " +
                      $"one of the following statuses may be confirmed: {string.Join(", ", PaymentIntentStatus.Confirmable)}.",
                Snapshot(intent));
        }
        if (!intent.PaymentMethodTypes.Contains(method.Type))
        {
            throw StripeException.InvalidRequest(
                $"The PaymentMethod provided ({method.Type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of " +
                $"one of the following types: {string.Join(", ", intent.PaymentMethodTypes)}.",
                "payment_method", paymentIntent: Snapshot(intent));
        }
        if (method.Customer is not null && intent.Customer is not null && method.Customer != intent.Customer)
        {
            throw StripeException.InvalidRequest("The provided PaymentMethod is attached to another Customer.", "payment_method");
        }
        if (method.Type == PaymentMethodTypes.SepaDebit && intent.CaptureMethod == "manual")
        {
            throw StripeException.InvalidRequest("The payment method type sepa_debit does not support capture_method=manual.", "capture_method");
        }

        intent.PaymentMethod = method.Id;
        intent.LastPaymentError = null;
        intent.NextAction = null;
        if (returnUrl is not null)
        {
            intent.ReturnUrl = returnUrl;
        }

        switch (method.Behavior)
        {
            case TestBehavior.Declines:
                throw Decline(intent, method, "card_declined", "generic_decline", "Your card was declined.");
            case TestBehavior.DeclinesInsufficientFunds:
                throw Decline(intent, method, "card_declined", "insufficient_funds", "Your card has insufficient funds.");
            case TestBehavior.RequiresAuthentication when offSession:
                // Nobody is there to authenticate: Stripe declines and the product must bring the customer back.
                throw Decline(intent, method, "authentication_required", "authentication_required",
                    "Your card was declined. This transaction requires authentication.");
            case TestBehavior.RequiresAuthentication:
                intent.Status = PaymentIntentStatus.RequiresAction;
                intent.NextAction = new NextAction("redirect_to_url",
                    new RedirectToUrl(intent.ReturnUrl, $"{account.Options.PublicBase}/3ds/{intent.Id}"));
                account.Publish(EventTypes.PaymentIntentRequiresAction, intent);
                return;
            case TestBehavior.DebitSettles or TestBehavior.DebitFails:
                StartDebit(intent, method);
                return;
            default:
                Authorize(intent, method);
                return;
        }
    }

    /// <summary>The customer finished the 3-D Secure page, one way or the other.</summary>
    public void Authenticate(PaymentIntent intent, bool succeeded)
    {
        var method = account.Get<PaymentMethod>(intent.PaymentMethod!, "PaymentMethod");
        if (succeeded)
        {
            Authorize(intent, method);
            return;
        }
        intent.Status = PaymentIntentStatus.RequiresPaymentMethod;
        intent.NextAction = null;
        intent.PaymentMethod = null;
        intent.LastPaymentError = new PaymentError
        {
            Type = "invalid_request_error",
            Code = "payment_intent_authentication_failure",
            Message = AuthenticationFailedMessage,
            PaymentMethod = Snapshot(method),
        };
        account.Publish(EventTypes.PaymentIntentPaymentFailed, intent);
    }

    public void Capture(PaymentIntent intent, long? amountToCapture)
    {
        if (intent.Status != PaymentIntentStatus.RequiresCapture)
        {
            throw StripeException.UnexpectedState(
                $"This PaymentIntent could not be captured because it has a status of {intent.Status}. Only a PaymentIntent " +
                "with one of the following statuses may be captured: requires_capture.", Snapshot(intent));
        }
        var amount = amountToCapture ?? intent.AmountCapturable;
        if (amount > intent.AmountCapturable)
        {
            throw StripeException.InvalidRequest(
                $"The amount to capture ({amount}) must be less than or equal to the amount capturable ({intent.AmountCapturable}).",
                "amount_to_capture", "amount_too_large");
        }
        var charge = account.Get<Charge>(intent.LatestCharge!, "charge");
        charge.Captured = true;
        charge.AmountCaptured = amount;
        charge.Released = intent.Amount - amount;
        intent.AmountReceived = amount;
        intent.AmountCapturable = 0;
        intent.Status = PaymentIntentStatus.Succeeded;
        account.Publish(EventTypes.ChargeCaptured, charge);
        account.Publish(EventTypes.PaymentIntentSucceeded, intent);
    }

    public void Cancel(PaymentIntent intent, string? reason)
    {
        if (!PaymentIntentStatus.Cancelable.Contains(intent.Status))
        {
            throw StripeException.UnexpectedState(
                $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one " +
                $"of the following statuses may be canceled: {string.Join(", ", PaymentIntentStatus.Cancelable)}.", Snapshot(intent));
        }
        if (intent.Status == PaymentIntentStatus.RequiresCapture && account.Find<Charge>(intent.LatestCharge ?? "") is { } charge)
        {
            // Canceling an authorization releases it; Stripe shows the charge as refunded.
            charge.Released = charge.Amount;
            account.Publish(EventTypes.ChargeRefunded, charge);
        }
        intent.Status = PaymentIntentStatus.Canceled;
        intent.CanceledAt = account.UnixNow;
        intent.CancellationReason = reason;
        intent.AmountCapturable = 0;
        intent.NextAction = null;
        account.Publish(EventTypes.PaymentIntentCanceled, intent);
    }

    /// <summary>Settles processing SEPA debits whose time has come, or all of them; returns how many.</summary>
    public int SettleDebits(bool all)
    {
        var now = account.Now;
        var due = account.NewestFirst<PaymentIntent>()
            .Where(i => i.Status == PaymentIntentStatus.Processing && i.SettlesAt is { } at && (all || at <= now))
            .Reverse()
            .ToList();
        foreach (var intent in due)
        {
            Settle(intent);
        }
        return due.Count;
    }

    public static JsonObject Snapshot(StripeObject item) => StripeJson.Snapshot(item);

    private void Authorize(PaymentIntent intent, PaymentMethod method)
    {
        var automatic = intent.CaptureMethod != "manual";
        var charge = NewCharge(intent, method, ChargeStatus.Succeeded);
        charge.Paid = true;
        charge.Captured = automatic;
        charge.AmountCaptured = automatic ? intent.Amount : 0;
        charge.Outcome = ChargeOutcome.Authorized;
        account.Add(charge);
        intent.LatestCharge = charge.Id;
        intent.NextAction = null;
        SavePaymentMethod(intent, method);
        account.Publish(EventTypes.ChargeSucceeded, charge);
        if (automatic)
        {
            intent.Status = PaymentIntentStatus.Succeeded;
            intent.AmountReceived = intent.Amount;
            account.Publish(EventTypes.PaymentIntentSucceeded, intent);
        }
        else
        {
            intent.Status = PaymentIntentStatus.RequiresCapture;
            intent.AmountCapturable = intent.Amount;
            account.Publish(EventTypes.PaymentIntentAmountCapturableUpdated, intent);
        }
        CompleteCheckout(intent, paid: true, method);
    }

    private StripeException Decline(PaymentIntent intent, PaymentMethod method, string code, string declineCode, string message)
    {
        var charge = NewCharge(intent, method, ChargeStatus.Failed);
        charge.FailureCode = code;
        charge.FailureMessage = message;
        charge.Outcome = ChargeOutcome.Declined(declineCode);
        account.Add(charge);
        var methodSnapshot = Snapshot(method);
        intent.LatestCharge = charge.Id;
        intent.Status = PaymentIntentStatus.RequiresPaymentMethod;
        // Stripe detaches a failed method from the PaymentIntent; the error still names it.
        intent.PaymentMethod = null;
        intent.LastPaymentError = new PaymentError
        {
            Type = "card_error",
            Code = code,
            DeclineCode = declineCode,
            Message = message,
            Charge = charge.Id,
            PaymentMethod = methodSnapshot,
        };
        account.Publish(EventTypes.ChargeFailed, charge);
        account.Publish(EventTypes.PaymentIntentPaymentFailed, intent);
        return StripeException.CardError(message, code, declineCode, charge.Id, Snapshot(intent), methodSnapshot);
    }

    private void StartDebit(PaymentIntent intent, PaymentMethod method)
    {
        var charge = NewCharge(intent, method, ChargeStatus.Pending);
        charge.Captured = true;
        charge.AmountCaptured = intent.Amount;
        account.Add(charge);
        intent.LatestCharge = charge.Id;
        intent.Status = PaymentIntentStatus.Processing;
        intent.SettlesAt = account.Now.AddSeconds(account.Options.SepaSettleSeconds);
        SavePaymentMethod(intent, method);
        account.Publish(EventTypes.PaymentIntentProcessing, intent);
        account.Publish(EventTypes.ChargePending, charge);
        CompleteCheckout(intent, paid: false, method);
    }

    private void Settle(PaymentIntent intent)
    {
        var charge = account.Get<Charge>(intent.LatestCharge!, "charge");
        var method = account.Get<PaymentMethod>(charge.PaymentMethod, "PaymentMethod");
        intent.SettlesAt = null;
        var session = intent.CheckoutSession is { } sessionId ? account.Find<CheckoutSession>(sessionId) : null;
        if (method.Behavior == TestBehavior.DebitSettles)
        {
            charge.Status = ChargeStatus.Succeeded;
            charge.Paid = true;
            charge.Outcome = ChargeOutcome.Authorized;
            intent.Status = PaymentIntentStatus.Succeeded;
            intent.AmountReceived = intent.Amount;
            account.Publish(EventTypes.ChargeSucceeded, charge);
            account.Publish(EventTypes.PaymentIntentSucceeded, intent);
            if (session is not null)
            {
                session.PaymentStatus = "paid";
                account.Publish(EventTypes.CheckoutSessionAsyncPaymentSucceeded, session);
            }
            return;
        }

        const string code = "payment_method_not_available";
        const string message = "The bank returned the SEPA Direct Debit: the payment could not be collected.";
        charge.Status = ChargeStatus.Failed;
        charge.AmountCaptured = 0;
        charge.FailureCode = code;
        charge.FailureMessage = message;
        charge.Outcome = ChargeOutcome.Declined(code);
        intent.Status = PaymentIntentStatus.RequiresPaymentMethod;
        intent.PaymentMethod = null;
        intent.LastPaymentError = new PaymentError
        {
            Type = "invalid_request_error",
            Code = code,
            Message = message,
            Charge = charge.Id,
            PaymentMethod = Snapshot(method),
        };
        account.Publish(EventTypes.ChargeFailed, charge);
        account.Publish(EventTypes.PaymentIntentPaymentFailed, intent);
        if (session is not null)
        {
            account.Publish(EventTypes.CheckoutSessionAsyncPaymentFailed, session);
        }
    }

    private Charge NewCharge(PaymentIntent intent, PaymentMethod method, string status) => new()
    {
        Id = Ids.Charge(),
        Created = account.UnixNow,
        Amount = intent.Amount,
        BillingDetails = method.BillingDetails,
        Currency = intent.Currency,
        Customer = intent.Customer,
        Description = intent.Description,
        Metadata = new Dictionary<string, string>(intent.Metadata),
        PaymentIntent = intent.Id,
        PaymentMethod = method.Id,
        PaymentMethodDetails = PaymentMethodDetails.Of(method),
        Status = status,
    };

    /// <summary>
    /// A payment with <c>setup_future_usage</c> saves its method to the customer, who then has it as default,
    /// so the product can charge it off-session later.
    /// </summary>
    private void SavePaymentMethod(PaymentIntent intent, PaymentMethod method)
    {
        if (intent.SetupFutureUsage is null || intent.Customer is null || account.Find<Customer>(intent.Customer) is not { } customer)
        {
            return;
        }
        if (method.Customer is null)
        {
            method.Customer = customer.Id;
            account.Publish(EventTypes.PaymentMethodAttached, method);
        }
        if (customer.InvoiceSettings.DefaultPaymentMethod != method.Id)
        {
            customer.InvoiceSettings.DefaultPaymentMethod = method.Id;
            account.Publish(EventTypes.CustomerUpdated, customer);
        }
    }

    /// <summary>The customer paid on the hosted page: the session completes, paid at once or once the debit settles.</summary>
    private void CompleteCheckout(PaymentIntent intent, bool paid, PaymentMethod method)
    {
        if (intent.CheckoutSession is null || account.Find<CheckoutSession>(intent.CheckoutSession) is not { Status: CheckoutSessionStatus.Open } session)
        {
            return;
        }
        var email = (intent.Customer is { } customerId ? account.Find<Customer>(customerId)?.Email : null)
            ?? session.CustomerEmail ?? method.BillingDetails.Email;
        session.Status = CheckoutSessionStatus.Complete;
        session.PaymentStatus = paid ? "paid" : "unpaid";
        session.CustomerDetails = new CustomerDetails(email, method.BillingDetails.Name);
        account.Publish(EventTypes.CheckoutSessionCompleted, session);
    }
}
