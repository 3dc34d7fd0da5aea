using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Events;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Customers;

/// <summary>Creating and reading customers, and listing their saved payment methods.</summary>
public static class CustomersApi
{
    private static readonly ParamSchema CreateParams = new("email", "name", "phone", "description", "metadata[*]");
    private static readonly ParamSchema RetrieveParams = new();
    private static readonly ParamSchema ListParams = new("email", "limit", "starting_after");
    private static readonly ParamSchema PaymentMethodsParams = new("type", "limit", "starting_after");

    public static void MapCustomersApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("POST", "/customers", CreateParams, Create);
        v1.MapApi("GET", "/customers/{id}", RetrieveParams, call => call.Account.Get<Customer>(call.Id, "customer"));
        v1.MapApi("GET", "/customers", ListParams, List);
        v1.MapApi("GET", "/customers/{id}/payment_methods", PaymentMethodsParams, ListPaymentMethods);
    }

    private static Customer Create(ApiCall call)
    {
        var p = call.Params;
        var customer = new Customer
        {
            Id = Ids.Customer(),
            Created = call.Account.UnixNow,
            Email = p.String("email"),
            Name = p.String("name"),
            Phone = p.String("phone"),
            Description = p.String("description"),
            Metadata = p.Metadata("metadata"),
        };
        call.Account.Add(customer);
        call.Account.Publish(EventTypes.CustomerCreated, customer);
        return customer;
    }

    private static StripeList List(ApiCall call)
    {
        var email = call.Params.String("email");
        var customers = call.Account.NewestFirst<Customer>()
            .Where(c => email is null || string.Equals(c.Email, email, StringComparison.Ordinal));
        return StripeList.Page(customers, call.Params, "/v1/customers");
    }

    private static StripeList ListPaymentMethods(ApiCall call)
    {
        var type = call.Params.Enum("type", PaymentMethodTypes.All);
        var customer = call.Account.Get<Customer>(call.Id, "customer");
        var methods = call.Account.NewestFirst<PaymentMethod>()
            .Where(m => m.Customer == customer.Id && (type is null || m.Type == type));
        return StripeList.Page(methods, call.Params, $"/v1/customers/{customer.Id}/payment_methods");
    }
}
