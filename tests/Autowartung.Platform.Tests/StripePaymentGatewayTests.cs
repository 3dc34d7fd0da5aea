using System.Net;
using System.Text;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Payments.Stripe;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Platform.Tests;

/// <summary>
/// What the gateway asks of Stripe.net and how it sorts the answers, against a scripted peer behind the
/// <c>Stripe</c> client of IHttpClientFactory (the wiring the apps use). The emulator tests cover the real flows.
/// </summary>
public sealed class StripePaymentGatewayTests
{
    private sealed class ScriptedStripe(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
            Requests.Add((request.Method, request.RequestUri!, headers, request.Content is null ? "" : Uri.UnescapeDataString(await request.Content.ReadAsStringAsync(cancellationToken))));
            return answers[Math.Min(_next++, answers.Length - 1)]();
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static readonly Func<HttpResponseMessage> Customer = () => Json(HttpStatusCode.OK, """{"id":"cus_123","object":"customer","email":"a@b.test"}""");

    private static (IPaymentGateway Gateway, ScriptedStripe Peer) Create(int retries, params Func<HttpResponseMessage>[] answers)
    {
        var peer = new ScriptedStripe(answers);
        var services = new ServiceCollection();
        services.AddPayments();
        services.Configure<StripeOptions>(o => (o.ApiBase, o.SecretKey, o.MaxNetworkRetries) = (new Uri("https://stripe.example/"), "sk_test_abc", retries));
        services.AddHttpClient(StripeOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => peer);
        var scope = services.BuildServiceProvider().CreateScope();
        return (scope.ServiceProvider.GetRequiredService<IPaymentGateway>(), peer);
    }

    [Fact]
    public async Task CreateCustomer_SendsKeyStripeNetsVersionAndOurIdempotencyKey()
    {
        var (gateway, peer) = Create(0, Customer);
        var userId = Guid.NewGuid();

        Assert.Equal("cus_123", await gateway.CreateCustomerAsync(userId, "a@b.test", "Anna Beispiel", $"customer-{userId:N}", default));

        var request = Assert.Single(peer.Requests);
        Assert.Equal((HttpMethod.Post, "https://stripe.example/v1/customers"), (request.Method, request.Uri.ToString()));
        Assert.Equal("Bearer sk_test_abc", request.Headers["Authorization"]);
        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, request.Headers["Stripe-Version"]);
        Assert.Equal($"customer-{userId:N}", request.Headers["Idempotency-Key"]);
        Assert.Contains($"metadata[user_id]={userId}", request.Body);
        Assert.Contains("email=a@b.test", request.Body);
    }

    [Fact]
    public async Task CreateCheckout_AllowsCardAndSepa_AndSavesTheMethodForLater()
    {
        var (gateway, peer) = Create(0, () => Json(HttpStatusCode.OK,
            """{"id":"cs_1","object":"checkout.session","status":"open","payment_status":"unpaid","url":"https://pay.example/cs_1","metadata":{"booking_id":"b"}}"""));
        var request = new CheckoutRequest("cus_1", "Inspektion", [new CheckoutLine("Inspektion", 4900)], new Uri("https://a.test/ok"), new Uri("https://a.test/back"),
            DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), new Dictionary<string, string> { ["booking_id"] = "b" });

        var checkout = await gateway.CreateCheckoutAsync(request, "checkout-1", default);

        Assert.Equal((GatewayCheckoutState.Open, "https://pay.example/cs_1"), (checkout.State, checkout.Url!.ToString()));
        var body = Assert.Single(peer.Requests).Body;
        Assert.Contains("allowed_payment_method_types[0]=card", body);
        Assert.Contains("allowed_payment_method_types[1]=sepa_debit", body);
        Assert.Contains("payment_intent_data[setup_future_usage]=off_session", body);
        Assert.Contains("line_items[0][price_data][unit_amount]=4900", body);
        Assert.Contains("expires_at=1900000000", body);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Post_WhenStripeSaysTryAgain_StripeNetRetriesWithTheSameKey(HttpStatusCode status)
    {
        var (gateway, peer) = Create(1, () => Json(status, """{"error":{"type":"api_error","message":"busy"}}"""), Customer);
        await gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", $"customer-{Guid.NewGuid():N}", default);
        Assert.Equal(2, peer.Requests.Count);
        Assert.Equal(peer.Requests[0].Headers["Idempotency-Key"], peer.Requests[1].Headers["Idempotency-Key"]);
        Assert.Equal(peer.Requests[0].Body, peer.Requests[1].Body);
    }

    [Fact]
    public async Task Post_WhenStripeKeepsFailing_IsAGatewayFailure_AfterTheRetries()
    {
        var (gateway, peer) = Create(1, () => Json(HttpStatusCode.ServiceUnavailable, """{"error":{"type":"api_error"}}"""));
        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", $"customer-{Guid.NewGuid():N}", default));
        Assert.Equal(2, peer.Requests.Count);
    }

    [Fact]
    public async Task Post_WhenStripeCannotBeReached_IsAGatewayFailure()
    {
        var (gateway, peer) = Create(0, () => throw new HttpRequestException("connection refused"));
        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", "customer-x", default));
        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task InvalidRequest_IsNotRetried_AndNamesTheParameter()
    {
        var (gateway, peer) = Create(2, () => Json(HttpStatusCode.BadRequest,
            """{"error":{"type":"invalid_request_error","code":"parameter_unknown","param":"foo","message":"Received unknown parameter: foo"}}"""));
        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.GetPaymentAsync("pi_1", default));
        Assert.Single(peer.Requests);
        var stripe = Assert.IsType<Stripe.StripeException>(failure.InnerException);
        Assert.Equal(("invalid_request_error", "parameter_unknown", "foo"), (stripe.StripeError.Type, stripe.StripeError.Code, stripe.StripeError.Param));
    }

    [Fact]
    public async Task ACustomerStripeDoesNotHave_IsNamed()
    {
        var (gateway, _) = Create(0, () => Json(HttpStatusCode.BadRequest,
            """{"error":{"type":"invalid_request_error","code":"resource_missing","param":"customer","message":"No such customer: 'cus_gone'"}}"""));
        var request = new CheckoutRequest("cus_gone", "x", [new CheckoutLine("x", 100)], new Uri("https://a.test/ok"), new Uri("https://a.test/back"),
            DateTimeOffset.UtcNow.AddHours(1), new Dictionary<string, string>());
        var failure = await Assert.ThrowsAsync<PaymentCustomerMissingException>(() => gateway.CreateCheckoutAsync(request, "checkout-2", default));
        Assert.Equal("cus_gone", failure.CustomerId);
    }

    [Fact]
    public async Task Get_SendsNoIdempotencyKey_AndAsksToExpand()
    {
        var (gateway, peer) = Create(0, () => Json(HttpStatusCode.OK, """{"id":"pi_1","object":"payment_intent","status":"succeeded","amount":500,"amount_received":500,"currency":"eur","latest_charge":"ch_1","payment_method":{"id":"pm_1","object":"payment_method","type":"card","card":{"brand":"visa","last4":"4242"}}}"""));
        var payment = await gateway.GetPaymentAsync("pi_1", default);
        var request = Assert.Single(peer.Requests);
        Assert.Equal("https://stripe.example/v1/payment_intents/pi_1?expand[0]=payment_method", Uri.UnescapeDataString(request.Uri.ToString()));
        Assert.False(request.Headers.ContainsKey("Idempotency-Key"));
        Assert.Equal((GatewayPaymentState.Succeeded, 500, "ch_1", "pm_1", "Visa •••• 4242"),
            (payment.State, payment.AmountReceivedCents, payment.ChargeId, payment.PaymentMethodId, payment.PaymentMethodLabel));
    }

    [Theory]
    [InlineData("card_declined", "generic_decline", PaymentFailureKind.Declined, "generic_decline")]
    [InlineData("card_declined", "insufficient_funds", PaymentFailureKind.Declined, "insufficient_funds")]
    [InlineData("authentication_required", "authentication_required", PaymentFailureKind.AuthenticationRequired, "authentication_required")]
    public async Task OffSessionCardError_IsAnOutcome_NotAnException(string code, string declineCode, PaymentFailureKind kind, string expectedCode)
    {
        var error = new { type = "card_error", code, decline_code = declineCode };
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            error = new
            {
                type = "card_error",
                code,
                decline_code = declineCode,
                message = "Your card was declined.",
                payment_intent = new { id = "pi_9", @object = "payment_intent", status = "requires_payment_method", amount = 1890, amount_received = 0, currency = "eur", last_payment_error = error },
            },
        });
        var (gateway, peer) = Create(2, () => Json(HttpStatusCode.PaymentRequired, body));
        var payment = await gateway.ChargeOffSessionAsync(new OffSessionCharge("cus_1", "pm_1", 1890, "Bremsen", new Dictionary<string, string>()), "payment-x", default);
        Assert.Single(peer.Requests);
        Assert.Equal(("pi_9", GatewayPaymentState.RequiresPaymentMethod, kind, expectedCode), (payment.Id, payment.State, payment.Failure!.Kind, payment.Failure.Code));
        Assert.Contains("off_session=true", peer.Requests[0].Body);
        Assert.Contains("confirm=true", peer.Requests[0].Body);
    }
}
