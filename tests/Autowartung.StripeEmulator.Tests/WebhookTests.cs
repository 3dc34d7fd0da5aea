using System.Net;
using System.Security.Cryptography;
using System.Text;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

/// <summary>Each test has its own emulator: deliveries and planned answers must not leak between tests.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task Delivery_WhenCustomerCreated_IsSignedAsStripeSignsIt()
    {
        using var emulator = new EmulatorFactory();
        var api = emulator.Api();

        var customer = await api.PostAsync("/v1/customers", Guid.NewGuid().ToString(), ("email", "hook@example.de"));
        var delivery = (await emulator.Webhooks.WaitForTypeAsync(customer.Id, "customer.created")).Single();

        Assert.Equal(EmulatorFactory.WebhookUrl, delivery.Url);
        Assert.Equal("application/json; charset=utf-8", delivery.ContentType);
        Assert.Equal("Stripe/1.0 (+https://stripe.com/docs/webhooks)", delivery.UserAgent);
        AssertSignedBySecret(delivery);
        var stripeEvent = delivery.Event;
        Assert.StartsWith("evt_", stripeEvent.Text("id"));
        Assert.Equal("event", stripeEvent.Text("object"));
        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, stripeEvent.Text("api_version"));
        Assert.False(stripeEvent.Flag("livemode"));
        Assert.Equal("hook@example.de", stripeEvent["data"]!["object"].Text("email"));
        Assert.Equal(customer.Header("Request-Id"), stripeEvent["request"].Text("id"));
        Assert.NotNull(stripeEvent["request"].Text("idempotency_key"));
        await WaitUntilAsync(async () => (await api.GetAsync($"/v1/events/{delivery.EventId}")).Json.Number("pending_webhooks") == 0);
    }

    [Fact]
    public async Task Delivery_WhenReceiverAnswers500_IsRetriedWithAFreshSignature()
    {
        using var emulator = new EmulatorFactory();
        emulator.Webhooks.AnswerNext(HttpStatusCode.InternalServerError, 2);

        var customer = await emulator.Api().CreateCustomerAsync();
        var deliveries = await emulator.Webhooks.WaitForAsync(customer.Id, about => about.Any(w => w.Answer == HttpStatusCode.OK));

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], deliveries.Select(d => d.Answer));
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());
        Assert.All(deliveries, AssertSignedBySecret);
    }

    [Fact]
    public async Task Delivery_WhenReceiverKeepsFailing_GivesUpAfterTheConfiguredRetries()
    {
        using var emulator = new EmulatorFactory();
        emulator.Webhooks.AnswerNext(HttpStatusCode.ServiceUnavailable, 10);

        var customer = await emulator.Api().CreateCustomerAsync();
        await emulator.Webhooks.WaitForAsync(customer.Id, about => about.Count == 4);
        await Task.Delay(300);

        var deliveries = emulator.Webhooks.Received.Where(w => w.ObjectId == customer.Id).ToList();
        Assert.Equal(4, deliveries.Count);
        Assert.Equal(1, (await emulator.Api().GetAsync($"/v1/events/{deliveries[0].EventId}")).Json.Number("pending_webhooks"));
    }

    [Fact]
    public async Task Resend_WhenAsked_DeliversTheSameEventAgain()
    {
        using var emulator = new EmulatorFactory();
        var customer = await emulator.Api().CreateCustomerAsync();
        var first = (await emulator.Webhooks.WaitForTypeAsync(customer.Id, "customer.created")).Single();

        var response = await emulator.CreateClient().PostAsync($"/_emulator/events/{first.EventId}/resend",
            new FormUrlEncodedContent([new("times", "2")]));
        var deliveries = await emulator.Webhooks.WaitForAsync(customer.Id, about => about.Count == 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(deliveries, d => Assert.Equal(first.EventId, d.EventId));
    }

    [Fact]
    public async Task Events_ForACheckoutPayment_CarryTheObjectAsItWasThen()
    {
        using var emulator = new EmulatorFactory();
        var api = emulator.Api();
        var session = await api.CreateSessionAsync(("metadata[booking_id]", "b-7"));

        (await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa")).SeeOther();
        var completed = (await emulator.Webhooks.WaitForTypeAsync(session.Id, "checkout.session.completed")).Single();
        var intentId = completed.Event["data"]!["object"].Text("payment_intent")!;
        var aboutIntent = await emulator.Webhooks.WaitForAsync(intentId,
            about => about.Any(w => w.Type == "payment_intent.succeeded") && about.Any(w => w.Type == "payment_intent.created"));

        Assert.Equal("paid", completed.Event["data"]!["object"].Text("payment_status"));
        Assert.Equal("b-7", completed.Event["data"]!["object"]!["metadata"].Text("booking_id"));
        Assert.Null(completed.Event["request"].Text("id"));
        Assert.Equal("requires_payment_method", aboutIntent.Single(w => w.Type == "payment_intent.created").Event["data"]!["object"].Text("status"));
        Assert.Equal("succeeded", aboutIntent.Single(w => w.Type == "payment_intent.succeeded").Event["data"]!["object"].Text("status"));
        var charges = await emulator.Webhooks.WaitForTypeAsync(
            aboutIntent.Single(w => w.Type == "payment_intent.succeeded").Event["data"]!["object"].Text("latest_charge")!, "charge.succeeded");
        Assert.Single(charges);
    }

    [Fact]
    public async Task ListEvents_ByType_ReturnsNewestFirst()
    {
        using var emulator = new EmulatorFactory();
        var api = emulator.Api();
        var first = await api.CreateCustomerAsync("eins@example.de");
        var second = await api.CreateCustomerAsync("zwei@example.de");
        StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur")));

        var events = (await api.GetAsync("/v1/events?type=customer.created&limit=10")).Json.Items();

        Assert.Equal([second.Id, first.Id], events.Select(e => e["data"]!["object"].Text("id")));
    }

    [Fact]
    public async Task Delivery_IsAcceptedByStripeNet_AndRefusedUnderAnotherSecret()
    {
        using var emulator = new EmulatorFactory();
        var customer = await emulator.Api().CreateCustomerAsync();
        var delivery = (await emulator.Webhooks.WaitForTypeAsync(customer.Id, "customer.created")).Single();

        var other = Assert.Throws<Stripe.StripeException>(() =>
            Stripe.EventUtility.ConstructEvent(delivery.Body, delivery.Signature, "whsec_someone_else_0000000000", tolerance: 300));
        var late = Assert.Throws<Stripe.StripeException>(() => Stripe.EventUtility.ConstructEvent(
            delivery.Body, delivery.Signature, EmulatorFactory.WebhookSecret, tolerance: 300,
            utcNow: DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(), throwOnApiVersionMismatch: true));

        Assert.Contains("signature", other.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("tolerance", late.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Verifies the signature as the product does, with Stripe.net (which also refuses an event of another API version
    /// than its own), and independently of it: HMAC-SHA256 of "{t}.{body}" keyed by the whole secret.
    /// </summary>
    private static void AssertSignedBySecret(ReceivedWebhook delivery)
    {
        Assert.NotNull(delivery.Signature);
        var verified = Stripe.EventUtility.ConstructEvent(delivery.Body, delivery.Signature, EmulatorFactory.WebhookSecret,
            tolerance: 300, throwOnApiVersionMismatch: true);
        Assert.Equal((delivery.EventId, delivery.Type), (verified.Id, verified.Type));
        var parts = delivery.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var timestamp = parts["t"];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(EmulatorFactory.WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{delivery.Body}")));
        Assert.Equal(expected, parts["v1"]);
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not met in time.");
            await Task.Delay(20);
        }
    }
}
