using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Refunds;

/// <summary>The Refunds API: create, retrieve, list.</summary>
public static class RefundsApi
{
    private static readonly ParamSchema CreateParams = new("payment_intent", "charge", "amount", "reason", "metadata[*]");
    private static readonly ParamSchema RetrieveParams = new();
    private static readonly ParamSchema ListParams = new("payment_intent", "charge", "limit", "starting_after");

    private static readonly string[] Reasons = ["duplicate", "fraudulent", "requested_by_customer"];

    public static void MapRefundsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("POST", "/refunds", CreateParams, Create);
        v1.MapApi("GET", "/refunds/{id}", RetrieveParams, call => call.Account.Get<Refund>(call.Id, "refund"));
        v1.MapApi("GET", "/refunds", ListParams, List);
    }

    private static Refund Create(ApiCall call)
    {
        var p = call.Params;
        var intentId = p.String("payment_intent");
        var chargeId = p.String("charge");
        var amount = p.Integer("amount");
        var reason = p.Enum("reason", Reasons);
        var metadata = p.Metadata("metadata");
        if (intentId is null && chargeId is null)
        {
            throw StripeException.Invalid("One of the following params should be provided for this request: payment_intent or charge.",
                code: "parameter_missing");
        }
        if (amount is < 1)
        {
            throw StripeException.Invalid("Invalid positive integer", "amount");
        }

        Charge charge;
        if (chargeId is not null)
        {
            charge = call.Account.Get<Charge>(chargeId, "charge", "charge");
            if (intentId is not null && charge.PaymentIntent != intentId)
            {
                throw StripeException.InvalidRequest($"Charge {chargeId} does not belong to PaymentIntent {intentId}.", "charge");
            }
        }
        else
        {
            var intent = call.Account.Get<PaymentIntent>(intentId!, "payment_intent", "payment_intent");
            charge = (intent.LatestCharge is { } latest ? call.Account.Find<Charge>(latest) : null)
                ?? throw StripeException.InvalidRequest("This PaymentIntent does not have a successful charge to refund.",
                    "payment_intent", "charge_not_refundable");
            if (charge.Status != ChargeStatus.Succeeded)
            {
                throw StripeException.InvalidRequest("This PaymentIntent does not have a successful charge to refund.",
                    "payment_intent", "charge_not_refundable");
            }
        }
        return call.Service<RefundFlow>().Create(charge, amount, reason, metadata);
    }

    private static StripeList List(ApiCall call)
    {
        var intent = call.Params.String("payment_intent");
        var charge = call.Params.String("charge");
        var refunds = call.Account.NewestFirst<Refund>()
            .Where(r => (intent is null || r.PaymentIntent == intent) && (charge is null || r.Charge == charge));
        return StripeList.Page(refunds, call.Params, "/v1/refunds");
    }
}
