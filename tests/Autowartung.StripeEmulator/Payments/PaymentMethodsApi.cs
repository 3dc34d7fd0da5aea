using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Customers;
using Autowartung.StripeEmulator.Events;

namespace Autowartung.StripeEmulator.Payments;

/// <summary>Reading payment methods and attaching one to a customer.</summary>
public static class PaymentMethodsApi
{
    private static readonly ParamSchema RetrieveParams = new();
    private static readonly ParamSchema AttachParams = new("customer");

    public static void MapPaymentMethodsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("GET", "/payment_methods/{id}", RetrieveParams, call => call.Service<PaymentFlow>().Resolve(call.Id, "id"));
        v1.MapApi("POST", "/payment_methods/{id}/attach", AttachParams, Attach);
    }

    private static PaymentMethod Attach(ApiCall call)
    {
        var customerId = call.Params.RequiredString("customer");
        var customer = call.Account.Get<Customer>(customerId, "customer", "customer");
        var method = call.Service<PaymentFlow>().Resolve(call.Id, "id");
        if (method.Customer == customer.Id)
        {
            return method;
        }
        if (method.Customer is not null)
        {
            throw StripeException.InvalidRequest("The payment method you provided has already been attached to a customer.", "payment_method");
        }
        method.Customer = customer.Id;
        call.Account.Publish(EventTypes.PaymentMethodAttached, method);
        return method;
    }
}
