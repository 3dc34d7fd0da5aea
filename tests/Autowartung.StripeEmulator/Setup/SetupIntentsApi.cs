using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Customers;
using Autowartung.StripeEmulator.Events;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Setup;

/// <summary>
/// The SetupIntents API, as far as saving a test payment method to a customer goes: create (confirmed at once or
/// not), retrieve. A declining card fails the setup; every other test method is saved without 3-D Secure.
/// </summary>
public static class SetupIntentsApi
{
    private static readonly ParamSchema CreateParams = new(
        "customer", "payment_method", "allowed_payment_method_types[#]", "confirm", "usage", "description", "metadata[*]");
    private static readonly ParamSchema RetrieveParams = new("client_secret");

    private static readonly string[] Usages = ["off_session", "on_session"];

    public static void MapSetupIntentsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("POST", "/setup_intents", CreateParams, Create);
        v1.MapApi("GET", "/setup_intents/{id}", RetrieveParams, call => call.Account.Get<SetupIntent>(call.Id, "setup_intent"));
    }

    private static SetupIntent Create(ApiCall call)
    {
        var p = call.Params;
        var types = PaymentIntentsApi.ReadPaymentMethodTypes(p);
        var usage = p.Enum("usage", Usages) ?? "off_session";
        var confirm = p.Boolean("confirm") ?? false;
        var customerId = p.String("customer");
        var methodId = p.String("payment_method");
        var description = p.String("description");
        var metadata = p.Metadata("metadata");
        var customer = customerId is null ? null : call.Account.Get<Customer>(customerId, "customer", "customer");
        var method = methodId is null ? null : call.Service<PaymentFlow>().Resolve(methodId);
        if (confirm && method is null)
        {
            throw StripeException.Invalid("A payment method is needed to confirm this SetupIntent.", "payment_method");
        }

        var id = Ids.New("seti_");
        var intent = call.Account.Add(new SetupIntent
        {
            Id = id,
            Created = call.Account.UnixNow,
            ClientSecret = $"{id}_secret_{Ids.New("", 25)}",
            Customer = customer?.Id,
            Description = description,
            Metadata = metadata,
            PaymentMethod = method?.Id,
            PaymentMethodTypes = types.Count > 0 ? types : [method?.Type ?? PaymentMethodTypes.Card],
            Status = method is null ? SetupIntentStatus.RequiresPaymentMethod : SetupIntentStatus.RequiresConfirmation,
            Usage = usage,
        });
        if (confirm && method is not null)
        {
            Confirm(call, intent, method, customer);
        }
        return intent;
    }

    private static void Confirm(ApiCall call, SetupIntent intent, PaymentMethod method, Customer? customer)
    {
        if (method.Behavior is TestBehavior.Declines or TestBehavior.DeclinesInsufficientFunds)
        {
            var decline = method.Behavior == TestBehavior.Declines ? "generic_decline" : "insufficient_funds";
            intent.Status = SetupIntentStatus.RequiresPaymentMethod;
            intent.PaymentMethod = null;
            intent.LastSetupError = new SetupError("card_error", "card_declined", decline, "Your card was declined.");
            call.Account.Publish(EventTypes.SetupIntentSetupFailed, intent);
            return;
        }
        if (customer is not null && method.Customer is null)
        {
            method.Customer = customer.Id;
            call.Account.Publish(EventTypes.PaymentMethodAttached, method);
        }
        intent.Status = SetupIntentStatus.Succeeded;
        call.Account.Publish(EventTypes.SetupIntentSucceeded, intent);
    }
}
