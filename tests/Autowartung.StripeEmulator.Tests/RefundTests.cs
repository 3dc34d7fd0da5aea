using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class RefundTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task Create_WithoutAmount_RefundsEverything()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        var refund = StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", paid), ("reason", "requested_by_customer"))).Json;

        Assert.StartsWith("re_", refund.Text("id"));
        Assert.Equal("refund", refund.Text("object"));
        Assert.Equal("succeeded", refund.Text("status"));
        Assert.Equal(4900, refund.Number("amount"));
        Assert.Equal(paid, refund.Text("payment_intent"));
        var charge = (await api.GetAsync($"/v1/charges/{refund.Text("charge")}")).Json;
        Assert.True(charge.Flag("refunded"));
        Assert.Equal(4900, charge.Number("amount_refunded"));
    }

    [Fact]
    public async Task Create_WhenPartial_LeavesTheRestRefundable()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", paid), ("amount", "1000")));
        StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", paid), ("amount", "1500")));
        var tooLarge = await api.PostAsync("/v1/refunds", ("payment_intent", paid), ("amount", "2401"));
        var rest = StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", paid))).Json;

        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.Status);
        Assert.Equal("amount_too_large", tooLarge.Error.Text("code"));
        Assert.Equal("amount", tooLarge.Error.Text("param"));
        Assert.Equal(2400, rest.Number("amount"));
        var refunds = (await api.GetAsync($"/v1/refunds?payment_intent={paid}")).Json.Items();
        Assert.Equal([2400L, 1500L, 1000L], refunds.Select(r => r.Number("amount")!.Value));
    }

    [Fact]
    public async Task Create_WhenPartlyRefunded_ChargeIsNotMarkedRefunded()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        var refund = StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", paid), ("amount", "1000"))).Json;

        var charge = (await api.GetAsync($"/v1/charges/{refund.Text("charge")}")).Json;
        Assert.False(charge.Flag("refunded"));
        Assert.Equal(1000, charge.Number("amount_refunded"));
    }

    [Fact]
    public async Task Create_WhenAmountLargerThanCharge_Returns400AmountTooLarge()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        var answer = await api.PostAsync("/v1/refunds", ("payment_intent", paid), ("amount", "5000"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("amount_too_large", answer.Error.Text("code"));
    }

    [Fact]
    public async Task Create_WhenAlreadyFullyRefunded_Returns400ChargeAlreadyRefunded()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);
        StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", paid)));

        var answer = await api.PostAsync("/v1/refunds", ("payment_intent", paid));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("charge_already_refunded", answer.Error.Text("code"));
    }

    [Fact]
    public async Task Create_WhenNoSuccessfulCharge_Returns400()
    {
        var api = emulator.Api();
        var unpaid = StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"))).Id;

        var answer = await api.PostAsync("/v1/refunds", ("payment_intent", unpaid));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("charge_not_refundable", answer.Error.Text("code"));
        Assert.Equal("This PaymentIntent does not have a successful charge to refund.", answer.Error.Text("message"));
    }

    [Fact]
    public async Task Create_WhenNeitherPaymentIntentNorCharge_Returns400ParameterMissing()
    {
        var answer = await emulator.Api().PostAsync("/v1/refunds", ("amount", "100"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameter_missing", answer.Error.Text("code"));
    }

    [Fact]
    public async Task Create_ByCharge_RefundsThatCharge()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);
        var charge = (await api.GetAsync($"/v1/payment_intents/{paid}")).Json.Text("latest_charge")!;

        var refund = StripeApi.Ok(await api.PostAsync("/v1/refunds", ("charge", charge), ("amount", "900"), ("metadata[reason]", "Kulanz"))).Json;

        Assert.Equal(charge, refund.Text("charge"));
        Assert.Equal(paid, refund.Text("payment_intent"));
        Assert.Equal("Kulanz", refund["metadata"].Text("reason"));
        Assert.Equal(refund.Text("id"), (await api.GetAsync($"/v1/refunds/{refund.Text("id")}")).Json.Text("id"));
    }

    [Fact]
    public async Task Create_WhenSepaDebit_IsPendingUntilSettled()
    {
        var api = emulator.Api();
        var intent = StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"),
            ("allowed_payment_method_types[]", "sepa_debit"), ("payment_method", "pm_sepa_debit_DE"), ("confirm", "true"))).Id;
        var settle = emulator.CreateClient();
        await settle.PostAsync("/_emulator/sepa/settle", null);

        var refund = StripeApi.Ok(await api.PostAsync("/v1/refunds", ("payment_intent", intent))).Json;
        Assert.Equal("pending", refund.Text("status"));
        await settle.PostAsync("/_emulator/sepa/settle", null);

        Assert.Equal("succeeded", (await api.GetAsync($"/v1/refunds/{refund.Text("id")}")).Json.Text("status"));
        var updates = (await api.GetAsync("/v1/events?type=refund.updated&limit=100")).Json.Items();
        Assert.Contains(updates, e => e["data"]!["object"].Text("id") == refund.Text("id"));
    }

    private static async Task<string> PaidAsync(StripeApi api) =>
        StripeApi.Ok(await api.PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("payment_method", "pm_card_visa"), ("confirm", "true"))).Id;
}
