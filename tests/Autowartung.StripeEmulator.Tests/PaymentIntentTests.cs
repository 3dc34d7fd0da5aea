using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class PaymentIntentTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    private const string ReturnUrl = "https://autowartung.test/zahlung/zurueck";

    [Fact]
    public async Task CreateOffSession_WithCardSavedAtCheckout_Succeeds()
    {
        var api = emulator.Api();
        var customer = await api.CreateCustomerAsync();
        var session = await api.CreateSessionAsync(("customer", customer.Id), ("payment_intent_data[setup_future_usage]", "off_session"));
        (await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa")).SeeOther();
        var saved = (await api.GetAsync($"/v1/customers/{customer.Id}")).Json["invoice_settings"].Text("default_payment_method")!;

        var intent = StripeApi.Ok(await api.PostAsync("/v1/payment_intents",
            ("amount", "12900"), ("currency", "eur"), ("customer", customer.Id), ("payment_method", saved),
            ("off_session", "true"), ("confirm", "true"), ("metadata[extension_id]", "x-1"))).Json;

        Assert.Equal("succeeded", intent.Text("status"));
        Assert.Equal(12900, intent.Number("amount_received"));
        Assert.Equal(saved, intent.Text("payment_method"));
        Assert.StartsWith("ch_", intent.Text("latest_charge"));
        Assert.StartsWith($"{intent.Text("id")}_secret_", intent.Text("client_secret"));
        Assert.True(intent.IsNull("next_action"));
        Assert.True(intent.IsNull("last_payment_error"));
    }

    [Fact]
    public async Task CreateOffSession_WithAuthenticationRequiredCard_Returns402ThenSucceedsOnSessionAfter3ds()
    {
        var api = emulator.Api();
        var customer = await api.CreateCustomerAsync();
        var card = StripeApi.Ok(await api.PostAsync("/v1/payment_methods/pm_card_authenticationRequired/attach", ("customer", customer.Id)));

        var declined = await api.PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("customer", customer.Id), ("payment_method", card.Id),
            ("off_session", "true"), ("confirm", "true"));

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.Status);
        Assert.Equal("card_error", declined.Error.Text("type"));
        Assert.Equal("authentication_required", declined.Error.Text("code"));
        Assert.Equal("authentication_required", declined.Error.Text("decline_code"));
        var intentId = declined.Error["payment_intent"].Text("id")!;
        Assert.Equal("requires_payment_method", declined.Error["payment_intent"].Text("status"));
        Assert.Equal(card.Id, declined.Error["payment_method"].Text("id"));
        var failed = (await api.GetAsync($"/v1/payment_intents/{intentId}")).Json;
        Assert.Equal("authentication_required", failed["last_payment_error"].Text("code"));

        var confirmed = StripeApi.Ok(await api.PostAsync($"/v1/payment_intents/{intentId}/confirm",
            ("payment_method", card.Id), ("return_url", ReturnUrl))).Json;

        Assert.Equal("requires_action", confirmed.Text("status"));
        Assert.Equal("redirect_to_url", confirmed["next_action"].Text("type"));
        var redirect = confirmed["next_action"]!["redirect_to_url"]!;
        Assert.Equal($"http://localhost/3ds/{intentId}", redirect.Text("url"));
        Assert.Equal(ReturnUrl, redirect.Text("return_url"));

        var back = (await emulator.Browser().AuthenticateAsync(redirect.Text("url")!, "complete")).SeeOther();

        Assert.Equal($"{ReturnUrl}?payment_intent={intentId}&payment_intent_client_secret={confirmed.Text("client_secret")}&redirect_status=succeeded", back);
        Assert.Equal("succeeded", (await api.GetAsync($"/v1/payment_intents/{intentId}")).Json.Text("status"));
    }

    [Fact]
    public async Task Create_WhenAmountBelowMinimum_Returns400AmountTooSmall()
    {
        var answer = await emulator.Api().PostAsync("/v1/payment_intents", ("amount", "49"), ("currency", "eur"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("amount_too_small", answer.Error.Text("code"));
        Assert.Equal("amount", answer.Error.Text("param"));
    }

    [Fact]
    public async Task Confirm_WhenCardDeclinedForFunds_Returns402WithThePaymentIntent()
    {
        var api = emulator.Api();
        var created = StripeApi.Ok(await api.PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("payment_method", "pm_card_chargeDeclinedInsufficientFunds"))).Json;
        Assert.Equal("requires_confirmation", created.Text("status"));

        var answer = await api.PostAsync($"/v1/payment_intents/{created.Text("id")}/confirm");

        Assert.Equal(HttpStatusCode.PaymentRequired, answer.Status);
        Assert.Equal("card_declined", answer.Error.Text("code"));
        Assert.Equal("insufficient_funds", answer.Error.Text("decline_code"));
        Assert.StartsWith("ch_", answer.Error.Text("charge"));
        Assert.Equal("requires_payment_method", answer.Error["payment_intent"].Text("status"));
        Assert.Equal("insufficient_funds", answer.Error["payment_intent"]!["last_payment_error"].Text("decline_code"));
        Assert.Equal("failed", (await api.GetAsync($"/v1/charges/{answer.Error.Text("charge")}")).Json.Text("status"));
    }

    [Fact]
    public async Task Capture_WhenManualAndPartial_CapturesAndReleasesTheRest()
    {
        var api = emulator.Api();
        var authorized = StripeApi.Ok(await api.PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("payment_method", "pm_card_visa"), ("capture_method", "manual"), ("confirm", "true"))).Json;
        Assert.Equal("requires_capture", authorized.Text("status"));
        Assert.Equal(4900, authorized.Number("amount_capturable"));

        var captured = StripeApi.Ok(await api.PostAsync($"/v1/payment_intents/{authorized.Text("id")}/capture", ("amount_to_capture", "3000"))).Json;

        Assert.Equal("succeeded", captured.Text("status"));
        Assert.Equal(3000, captured.Number("amount_received"));
        Assert.Equal(0, captured.Number("amount_capturable"));
        var charge = (await api.GetAsync($"/v1/charges/{captured.Text("latest_charge")}")).Json;
        Assert.True(charge.Flag("captured"));
        Assert.Equal(3000, charge.Number("amount_captured"));
        Assert.Equal(1900, charge.Number("amount_refunded"));
    }

    [Fact]
    public async Task Capture_WhenNotRequiresCapture_Returns400UnexpectedState()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        var answer = await api.PostAsync($"/v1/payment_intents/{paid}/capture");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("payment_intent_unexpected_state", answer.Error.Text("code"));
        Assert.Equal(paid, answer.Error["payment_intent"].Text("id"));
    }

    [Fact]
    public async Task Cancel_WhenRequiresCapture_CancelsAndReleasesTheAuthorization()
    {
        var api = emulator.Api();
        var authorized = StripeApi.Ok(await api.PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("payment_method", "pm_card_visa"), ("capture_method", "manual"), ("confirm", "true"))).Json;

        var canceled = StripeApi.Ok(await api.PostAsync($"/v1/payment_intents/{authorized.Text("id")}/cancel",
            ("cancellation_reason", "requested_by_customer"))).Json;

        Assert.Equal("canceled", canceled.Text("status"));
        Assert.Equal("requested_by_customer", canceled.Text("cancellation_reason"));
        Assert.NotNull(canceled.Number("canceled_at"));
        Assert.True((await api.GetAsync($"/v1/charges/{canceled.Text("latest_charge")}")).Json.Flag("refunded"));
    }

    [Fact]
    public async Task Cancel_WhenRequiresPaymentMethod_Cancels()
    {
        var api = emulator.Api();
        var intent = StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur")));

        var canceled = StripeApi.Ok(await api.PostAsync($"/v1/payment_intents/{intent.Id}/cancel")).Json;

        Assert.Equal("canceled", canceled.Text("status"));
        Assert.True(canceled.IsNull("cancellation_reason"));
    }

    [Fact]
    public async Task Cancel_WhenSucceeded_Returns400UnexpectedState()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        var answer = await api.PostAsync($"/v1/payment_intents/{paid}/cancel");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("payment_intent_unexpected_state", answer.Error.Text("code"));
        Assert.Equal("succeeded", answer.Error["payment_intent"].Text("status"));
    }

    [Fact]
    public async Task Confirm_WhenAlreadySucceeded_Returns400UnexpectedState()
    {
        var api = emulator.Api();
        var paid = await PaidAsync(api);

        var answer = await api.PostAsync($"/v1/payment_intents/{paid}/confirm", ("payment_method", "pm_card_visa"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("payment_intent_unexpected_state", answer.Error.Text("code"));
    }

    [Fact]
    public async Task Confirm_WithSepaDebit_ProcessesUntilSettled()
    {
        var api = emulator.Api();
        var intent = StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"),
            ("allowed_payment_method_types[]", "sepa_debit"), ("payment_method", "pm_sepa_debit_DE"), ("confirm", "true"))).Json;
        Assert.Equal("processing", intent.Text("status"));
        Assert.Equal("pending", (await api.GetAsync($"/v1/charges/{intent.Text("latest_charge")}")).Json.Text("status"));

        await emulator.CreateClient().PostAsync("/_emulator/sepa/settle", null);

        Assert.Equal("succeeded", (await api.GetAsync($"/v1/payment_intents/{intent.Text("id")}")).Json.Text("status"));
    }

    [Fact]
    public async Task List_ByCustomer_ReturnsNewestFirstInPages()
    {
        var api = emulator.Api();
        var customer = await api.CreateCustomerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"), ("customer", customer.Id))).Id);
        }

        var page = (await api.GetAsync($"/v1/payment_intents?customer={customer.Id}&limit=2")).Json;
        var rest = (await api.GetAsync($"/v1/payment_intents?customer={customer.Id}&limit=2&starting_after={ids[1]}")).Json;

        Assert.Equal("list", page.Text("object"));
        Assert.Equal("/v1/payment_intents", page.Text("url"));
        Assert.True(page.Flag("has_more"));
        Assert.Equal([ids[2], ids[1]], page.Items().Select(i => i.Text("id")));
        Assert.False(rest.Flag("has_more"));
        Assert.Equal([ids[0]], rest.Items().Select(i => i.Text("id")));
    }

    [Fact]
    public async Task RetrievePaymentMethod_WhenMagicId_ReturnsAFreshTestCard()
    {
        var method = StripeApi.Ok(await emulator.Api().GetAsync("/v1/payment_methods/pm_card_mastercard")).Json;

        Assert.NotEqual("pm_card_mastercard", method.Text("id"));
        Assert.Equal("card", method.Text("type"));
        Assert.Equal("mastercard", method["card"].Text("brand"));
        Assert.Equal("4444", method["card"].Text("last4"));
        Assert.True(method.IsNull("customer"));
    }

    private static async Task<string> PaidAsync(StripeApi api) =>
        StripeApi.Ok(await api.PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("payment_method", "pm_card_visa"), ("confirm", "true"))).Id;
}
