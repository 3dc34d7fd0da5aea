using Autowartung.StripeEmulator.Api;

namespace Autowartung.StripeEmulator.Payments;

/// <summary><c>GET /v1/charges/{id}</c>.</summary>
public static class ChargesApi
{
    private static readonly ParamSchema RetrieveParams = new();

    public static void MapChargesApi(this IEndpointRouteBuilder v1) =>
        v1.MapApi("GET", "/charges/{id}", RetrieveParams, call => call.Account.Get<Charge>(call.Id, "charge"));
}
