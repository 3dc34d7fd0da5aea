using System.Net;
using System.Text;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Payments.Stripe;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Tests;

/// <summary>What our Stripe client puts on the wire and when it tries again, against a scripted peer.</summary>
public sealed class StripeClientTests
{
    private sealed class ScriptedStripe(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
            Requests.Add((request.Method, request.RequestUri!, headers, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            return answers[Math.Min(_next++, answers.Length - 1)]();
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static readonly Func<HttpResponseMessage> Customer = () => Json(HttpStatusCode.OK, """{"id":"cus_123","object":"customer","email":"a@b.test"}""");

    private static (StripePaymentGateway Gateway, ScriptedStripe Peer) Create(params Func<HttpResponseMessage>[] answers)
    {
        var peer = new ScriptedStripe(answers);
        var options = Options.Create(new StripeOptions { ApiBase = new Uri("https://stripe.example"), SecretKey = "sk_test_abc", RetryDelay = TimeSpan.FromMilliseconds(1) });
        var client = new StripeClient(new HttpClient(peer), options, NullLogger<StripeClient>.Instance);
        return (new StripePaymentGateway(client), peer);
    }

    [Fact]
    public async Task Post_SendsAFormBody_WithKeyVersionAndIdempotencyKey()
    {
        var (gateway, peer) = Create(Customer);
        var userId = Guid.NewGuid();

        Assert.Equal("cus_123", await gateway.CreateCustomerAsync(userId, "a@b.test", "Anna Beispiel", $"customer-{userId:N}", default));

        var request = Assert.Single(peer.Requests);
        Assert.Equal((HttpMethod.Post, "https://stripe.example/v1/customers"), (request.Method, request.Uri.ToString()));
        Assert.Equal("Bearer sk_test_abc", request.Headers["Authorization"]);
        Assert.Equal(StripeOptions.ApiVersion, request.Headers["Stripe-Version"]);
        Assert.Equal($"customer-{userId:N}", request.Headers["Idempotency-Key"]);
        Assert.Equal($"email=a%40b.test&name=Anna%20Beispiel&metadata%5Buser_id%5D={userId}", request.Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Post_WhenStripeSaysTryAgain_RetriesWithTheSameKey(HttpStatusCode status)
    {
        var (gateway, peer) = Create(() => Json(status, """{"error":{"type":"api_error","message":"busy"}}"""), Customer);
        await gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", $"customer-{Guid.NewGuid():N}", default);
        Assert.Equal(2, peer.Requests.Count);
        Assert.Equal(peer.Requests[0].Headers["Idempotency-Key"], peer.Requests[1].Headers["Idempotency-Key"]);
        Assert.Equal(peer.Requests[0].Body, peer.Requests[1].Body);
    }

    [Fact]
    public async Task Post_AfterANetworkError_RetriesWithTheSameKey()
    {
        var (gateway, peer) = Create(() => throw new HttpRequestException("connection reset"), Customer);
        await gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", $"customer-{Guid.NewGuid():N}", default);
        Assert.Equal(2, peer.Requests.Count);
        Assert.Equal(peer.Requests[0].Headers["Idempotency-Key"], peer.Requests[1].Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task Post_WhenItKeepsFailing_GivesUpAfterTheRetries_AsUnavailable()
    {
        var (gateway, peer) = Create(() => Json(HttpStatusCode.ServiceUnavailable, """{"error":{"type":"api_error"}}"""));
        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", $"customer-{Guid.NewGuid():N}", default));
        Assert.Equal(3, peer.Requests.Count);
    }

    [Fact]
    public async Task Post_WhenStripeSaysDoNotRetry_DoesNot()
    {
        var (gateway, peer) = Create(() =>
        {
            var answer = Json(HttpStatusCode.InternalServerError, """{"error":{"type":"api_error"}}""");
            answer.Headers.Add("Stripe-Should-Retry", "false");
            return answer;
        });
        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCustomerAsync(Guid.NewGuid(), "a@b.test", "A", $"customer-{Guid.NewGuid():N}", default));
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task InvalidRequest_IsNotRetried_AndNamesTheParameter()
    {
        var (gateway, peer) = Create(() => Json(HttpStatusCode.BadRequest,
            """{"error":{"type":"invalid_request_error","code":"parameter_unknown","param":"foo","message":"Received unknown parameter: foo"}}"""));
        var failure = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.GetPaymentAsync("pi_1", default));
        Assert.Single(peer.Requests);
        var stripe = Assert.IsType<StripeException>(failure.InnerException);
        Assert.Equal(("invalid_request_error", "parameter_unknown", "foo"), (stripe.Error.Type, stripe.Error.Code, stripe.Error.Param));
    }

    [Fact]
    public async Task Get_SendsNoIdempotencyKey_AndAsksToExpand()
    {
        var (gateway, peer) = Create(() => Json(HttpStatusCode.OK, """{"id":"pi_1","object":"payment_intent","status":"succeeded","amount":500,"amount_received":500,"currency":"eur","latest_charge":"ch_1","payment_method":{"id":"pm_1","type":"card","card":{"brand":"visa","last4":"4242"}}}"""));
        var payment = await gateway.GetPaymentAsync("pi_1", default);
        var request = Assert.Single(peer.Requests);
        Assert.Equal("https://stripe.example/v1/payment_intents/pi_1?expand%5B%5D=payment_method", request.Uri.ToString());
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
                type = "card_error", code, decline_code = declineCode, message = "Your card was declined.",
                payment_intent = new { id = "pi_9", @object = "payment_intent", status = "requires_payment_method", amount = 1890, amount_received = 0, currency = "eur", last_payment_error = error },
            },
        });
        var (gateway, peer) = Create(() => Json(HttpStatusCode.PaymentRequired, body));
        var payment = await gateway.ChargeOffSessionAsync(new OffSessionCharge("cus_1", "pm_1", 1890, "Bremsen", new Dictionary<string, string>()), "payment-x", default);
        Assert.Single(peer.Requests);
        Assert.Equal(("pi_9", GatewayPaymentState.RequiresPaymentMethod, kind, expectedCode), (payment.Id, payment.State, payment.Failure!.Kind, payment.Failure.Code));
        Assert.Contains("off_session=true", peer.Requests[0].Body);
        Assert.Contains("confirm=true", peer.Requests[0].Body);
    }
}
