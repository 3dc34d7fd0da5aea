using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class CheckoutSessionTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task Create_WithRequiredParams_IsOpenWithHostedUrl()
    {
        var answer = await emulator.Api().CreateSessionAsync(("customer_email", "kundin@example.de"));
        var session = answer.Json;

        Assert.StartsWith("cs_test_", answer.Id);
        Assert.Equal("checkout.session", session.Text("object"));
        Assert.Equal("open", session.Text("status"));
        Assert.Equal("unpaid", session.Text("payment_status"));
        Assert.Equal("payment", session.Text("mode"));
        Assert.Equal($"http://localhost/c/pay/{answer.Id}", session.Text("url"));
        Assert.True(session.IsNull("payment_intent"));
        Assert.True(session.IsNull("customer"));
        Assert.Equal("kundin@example.de", session.Text("customer_email"));
        Assert.Equal(4900, session.Number("amount_total"));
        Assert.Equal("eur", session.Text("currency"));
        Assert.Equal(["card"], session["payment_method_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(session.Number("created") + 24 * 3600, session.Number("expires_at"));
        Assert.Empty(session["metadata"]!.AsObject());
    }

    [Fact]
    public async Task Create_WhenCustomerAndCustomerEmail_Returns400()
    {
        var customer = await emulator.Api().CreateCustomerAsync();

        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
            [.. StripeApi.SessionParams, ("customer", customer.Id), ("customer_email", "x@example.de")]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameters_exclusive", answer.Error.Text("code"));
    }

    [Fact]
    public async Task Create_WhenCustomerUnknown_Returns400ResourceMissing_AndSavesNothingForTheKey()
    {
        var api = emulator.Api();
        var answer = await api.PostAsync("/v1/checkout/sessions", "key-unknown-customer", [.. StripeApi.SessionParams, ("customer", "cus_nobody")]);

        // A parameter naming a missing object is a refusal of the parameters (400); only the path's object is a 404.
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("resource_missing", answer.Error.Text("code"));
        Assert.Equal("customer", answer.Error.Text("param"));
        Assert.Equal("No such customer: 'cus_nobody'", answer.Error.Text("message"));

        // Nothing was saved for the key: the corrected request with the same key runs.
        var customer = (await api.CreateCustomerAsync()).Id;
        var corrected = await api.PostAsync("/v1/checkout/sessions", "key-unknown-customer", [.. StripeApi.SessionParams, ("customer", customer)]);
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(24 * 60 + 1)]
    public async Task Create_WhenExpiresAtOutside30MinutesTo24Hours_Returns400(int minutesFromNow)
    {
        var expiresAt = emulator.Clock.GetUtcNow().AddMinutes(minutesFromNow).ToUnixTimeSeconds();

        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
            [.. StripeApi.SessionParams, ("expires_at", expiresAt.ToString())]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("expires_at", answer.Error.Text("param"));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(24 * 60)]
    public async Task Create_WhenExpiresAtWithinBounds_KeepsIt(int minutesFromNow)
    {
        var expiresAt = emulator.Clock.GetUtcNow().AddMinutes(minutesFromNow).ToUnixTimeSeconds();

        var session = await emulator.Api().CreateSessionAsync(("expires_at", expiresAt.ToString()));

        Assert.Equal(expiresAt, session.Json.Number("expires_at"));
    }

    [Fact]
    public async Task Retrieve_WithoutExpand_ReturnsPaymentIntentId()
    {
        var session = await emulator.Api().CreateSessionAsync();
        await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa");

        var retrieved = StripeApi.Ok(await emulator.Api().GetAsync($"/v1/checkout/sessions/{session.Id}")).Json;

        Assert.StartsWith("pi_", retrieved.Text("payment_intent"));
        Assert.Equal("complete", retrieved.Text("status"));
        Assert.True(retrieved.IsNull("url"));
    }

    [Fact]
    public async Task Retrieve_WithExpand_EmbedsPaymentIntentAndItsLatestCharge()
    {
        var session = await emulator.Api().CreateSessionAsync();
        await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa");

        var retrieved = StripeApi.Ok(await emulator.Api().GetAsync(
            $"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent&expand[]=payment_intent.latest_charge")).Json;

        var intent = retrieved["payment_intent"]!;
        Assert.Equal("payment_intent", intent.Text("object"));
        Assert.Equal("succeeded", intent.Text("status"));
        Assert.Equal("charge", intent["latest_charge"].Text("object"));
        Assert.Equal(4900, intent["latest_charge"].Number("amount_captured"));
    }

    [Fact]
    public async Task Retrieve_WhenFieldCannotBeExpanded_Returns400()
    {
        var session = await emulator.Api().CreateSessionAsync();

        var answer = await emulator.Api().GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=currency");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task Expire_WhenOpen_ExpiresAndCancelsItsPaymentIntent()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();
        await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_chargeDeclined");

        var expired = StripeApi.Ok(await api.PostAsync($"/v1/checkout/sessions/{session.Id}/expire")).Json;

        Assert.Equal("expired", expired.Text("status"));
        Assert.True(expired.IsNull("url"));
        var intent = (await api.GetAsync($"/v1/payment_intents/{expired.Text("payment_intent")}")).Json;
        Assert.Equal("canceled", intent.Text("status"));
        var events = await api.GetAsync("/v1/events?type=checkout.session.expired&limit=100");
        Assert.Contains(events.Json.Items(), e => e["data"]!["object"].Text("id") == session.Id);
    }

    [Fact]
    public async Task Expire_WhenComplete_Returns400()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();
        await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa");

        var answer = await api.PostAsync($"/v1/checkout/sessions/{session.Id}/expire");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.Text("type"));
    }
}

public sealed class CheckoutExpiryTests
{
    [Fact]
    public async Task Session_WhenExpiresAtPasses_ExpiresByItselfWithEvent()
    {
        using var emulator = new EmulatorFactory();
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();

        emulator.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var received = await emulator.Webhooks.WaitForTypeAsync(session.Id, "checkout.session.expired");
        Assert.Equal("expired", received.Single(w => w.Type == "checkout.session.expired").Event["data"]!["object"].Text("status"));
        Assert.Equal("expired", (await api.GetAsync($"/v1/checkout/sessions/{session.Id}")).Json.Text("status"));
    }
}
