using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Customers;

namespace Autowartung.StripeEmulator.Payments;

/// <summary>The PaymentIntents API: create, retrieve, list, confirm, capture, cancel.</summary>
public static class PaymentIntentsApi
{
    private static readonly ParamSchema CreateParams = new(
        "amount", "currency", "customer", "payment_method", "allowed_payment_method_types[#]", "confirm", "off_session",
        "capture_method", "setup_future_usage", "return_url", "description", "metadata[*]");
    private static readonly ParamSchema RetrieveParams = new("client_secret");
    private static readonly ParamSchema ListParams = new("customer", "limit", "starting_after");
    private static readonly ParamSchema ConfirmParams = new("payment_method", "return_url", "off_session", "setup_future_usage");
    private static readonly ParamSchema CaptureParams = new("amount_to_capture");
    private static readonly ParamSchema CancelParams = new("cancellation_reason");

    private static readonly string[] CaptureMethods = ["automatic", "manual"];
    private static readonly string[] FutureUsages = ["off_session", "on_session"];
    private static readonly string[] CancellationReasons = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];

    public static void MapPaymentIntentsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("POST", "/payment_intents", CreateParams, Create);
        v1.MapApi("GET", "/payment_intents/{id}", RetrieveParams, Retrieve);
        v1.MapApi("GET", "/payment_intents", ListParams, List);
        v1.MapApi("POST", "/payment_intents/{id}/confirm", ConfirmParams, Confirm);
        v1.MapApi("POST", "/payment_intents/{id}/capture", CaptureParams, Capture);
        v1.MapApi("POST", "/payment_intents/{id}/cancel", CancelParams, Cancel);
    }

    private static PaymentIntent Create(ApiCall call)
    {
        var p = call.Params;
        var amount = p.RequiredInteger("amount");
        var currency = Currencies.Parse(p.RequiredString("currency"), "currency");
        Currencies.CheckMinimum(amount, currency, "amount");
        var captureMethod = p.Enum("capture_method", CaptureMethods) ?? "automatic";
        var futureUsage = p.Enum("setup_future_usage", FutureUsages);
        var confirm = p.Boolean("confirm") ?? false;
        var offSession = p.Boolean("off_session") ?? false;
        if (offSession && !confirm)
        {
            throw StripeException.Invalid("You can only pass `off_session` when `confirm` is set to true.", "off_session");
        }
        var types = ReadPaymentMethodTypes(p);
        var returnUrl = p.String("return_url");
        var customerId = p.String("customer");
        var methodId = p.String("payment_method");
        var description = p.String("description");
        var metadata = p.Metadata("metadata");

        var customer = customerId is null ? null : call.Account.Get<Customer>(customerId, "customer", "customer");
        var flow = call.Service<PaymentFlow>();
        var method = methodId is null ? null : flow.Resolve(methodId);
        var intent = flow.Create(new NewPaymentIntent(amount, currency, customer?.Id,
            types.Count > 0 ? types : [method?.Type ?? PaymentMethodTypes.Card],
            captureMethod, futureUsage, description, metadata));
        intent.ReturnUrl = returnUrl;
        if (method is not null)
        {
            intent.PaymentMethod = method.Id;
            intent.Status = PaymentIntentStatus.RequiresConfirmation;
        }
        if (confirm)
        {
            flow.Confirm(intent, method ?? throw MissingPaymentMethod(intent), offSession, returnUrl);
        }
        return intent;
    }

    private static PaymentIntent Retrieve(ApiCall call)
    {
        var intent = call.Account.Get<PaymentIntent>(call.Id, "payment_intent");
        if (call.Params.String("client_secret") is { } secret && secret != intent.ClientSecret)
        {
            throw StripeException.InvalidRequest("The client_secret provided does not match the client_secret associated with the PaymentIntent.", "client_secret");
        }
        return intent;
    }

    private static StripeList List(ApiCall call)
    {
        var customer = call.Params.String("customer");
        var intents = call.Account.NewestFirst<PaymentIntent>().Where(i => customer is null || i.Customer == customer);
        return StripeList.Page(intents, call.Params, "/v1/payment_intents");
    }

    private static PaymentIntent Confirm(ApiCall call)
    {
        var p = call.Params;
        var methodId = p.String("payment_method");
        var returnUrl = p.String("return_url");
        var offSession = p.Boolean("off_session") ?? false;
        var futureUsage = p.Enum("setup_future_usage", FutureUsages);
        var intent = call.Account.Get<PaymentIntent>(call.Id, "payment_intent");
        var flow = call.Service<PaymentFlow>();
        if (futureUsage is not null)
        {
            intent.SetupFutureUsage = futureUsage;
        }
        var method = (methodId ?? intent.PaymentMethod) is { } id ? flow.Resolve(id) : throw MissingPaymentMethod(intent);
        flow.Confirm(intent, method, offSession, returnUrl);
        return intent;
    }

    private static PaymentIntent Capture(ApiCall call)
    {
        var amount = call.Params.Integer("amount_to_capture");
        if (amount is < 1)
        {
            throw StripeException.Invalid("This value must be greater than or equal to 1.", "amount_to_capture");
        }
        var intent = call.Account.Get<PaymentIntent>(call.Id, "payment_intent");
        call.Service<PaymentFlow>().Capture(intent, amount);
        return intent;
    }

    private static PaymentIntent Cancel(ApiCall call)
    {
        var reason = call.Params.Enum("cancellation_reason", CancellationReasons);
        var intent = call.Account.Get<PaymentIntent>(call.Id, "payment_intent");
        if (intent.CheckoutSession is not null)
        {
            // Checkout owns its PaymentIntent; Stripe has the session expired instead.
            throw StripeException.InvalidRequest(
                "You cannot cancel this PaymentIntent because it was created by Checkout. Expire the Checkout Session instead.",
                paymentIntent: PaymentFlow.Snapshot(intent));
        }
        call.Service<PaymentFlow>().Cancel(intent, reason);
        return intent;
    }

    /// <summary><c>allowed_payment_method_types[]</c> (<c>payment_method_types[]</c> before API version 2026-10-28.endive), each one the emulator knows; empty when absent.</summary>
    internal static IReadOnlyList<string> ReadPaymentMethodTypes(Params p)
    {
        var types = p.StringArray("allowed_payment_method_types");
        for (var i = 0; i < types.Count; i++)
        {
            if (!PaymentMethodTypes.All.Contains(types[i]))
            {
                throw StripeException.InvalidEnum($"allowed_payment_method_types[{i}]", PaymentMethodTypes.All);
            }
        }
        return types.Distinct().ToList();
    }

    private static StripeException MissingPaymentMethod(PaymentIntent intent) =>
        StripeException.UnexpectedState(
            "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent " +
            "with a payment method and then confirm it again, or confirm it again directly with a payment method.",
            PaymentFlow.Snapshot(intent));
}
