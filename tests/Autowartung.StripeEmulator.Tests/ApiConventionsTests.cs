using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class ApiConventionsTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task Request_WhenNoApiKey_Returns401WithStripeError()
    {
        var response = await emulator.CreateClient().GetAsync("/v1/customers/cus_123");
        var answer = new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.Text("type"));
        Assert.StartsWith("You did not provide an API key.", answer.Error.Text("message"));
    }

    [Theory]
    [InlineData("sk_live_0123456789abcdef")]
    [InlineData("pk_test_0123456789abcdef")]
    public async Task Request_WhenKeyIsNoTestSecretKey_Returns401(string key)
    {
        var client = emulator.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await client.GetAsync("/v1/customers/cus_123");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_request_error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_WithBasicAuthKey_IsAccepted()
    {
        var client = emulator.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StripeApi.ApiKey}:")));

        var response = await client.PostAsync("/v1/customers", new FormUrlEncodedContent([new("email", "basic@example.de")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Response_WhenNoVersionSent_CarriesRequestIdAndStripeNetsVersion()
    {
        var answer = await emulator.Api().CreateCustomerAsync();

        Assert.StartsWith("req_", answer.Header("Request-Id"));
        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, answer.Header("Stripe-Version"));
    }

    [Fact]
    public async Task Request_WithStripeNetsVersion_IsAnsweredInIt()
    {
        var api = emulator.Api();
        api.Http.DefaultRequestHeaders.Add("Stripe-Version", Stripe.StripeConfiguration.ApiVersion);

        var answer = await api.CreateCustomerAsync();

        Assert.Equal(Stripe.StripeConfiguration.ApiVersion, answer.Header("Stripe-Version"));
    }

    [Fact]
    public async Task Request_WithAnotherVersion_IsRefused_AsTheEmulatorHasOneShapeOnly()
    {
        var api = emulator.Api();
        api.Http.DefaultRequestHeaders.Add("Stripe-Version", "2024-06-20");

        var answer = await api.PostAsync("/v1/customers", ("email", "alt@example.de"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.Text("type"));
        Assert.Contains("2024-06-20", answer.Error.Text("message"));
        Assert.Empty((await emulator.Api().GetAsync("/v1/customers?email=alt%40example.de")).Json.Items());
    }

    [Fact]
    public async Task CreateCustomer_WithFields_ReturnsStripeShape()
    {
        var answer = StripeApi.Ok(await emulator.Api().PostAsync("/v1/customers",
            ("email", "shape@example.de"), ("name", "Erika Mustermann"), ("metadata[user_id]", "u-1")));
        var customer = answer.Json;

        Assert.StartsWith("cus_", answer.Id);
        Assert.Equal("customer", customer.Text("object"));
        Assert.False(customer.Flag("livemode"));
        Assert.InRange(customer.Number("created")!.Value, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        Assert.Equal("shape@example.de", customer.Text("email"));
        Assert.Equal("u-1", customer["metadata"].Text("user_id"));
        Assert.True(customer.IsNull("phone"));
        Assert.True(customer["invoice_settings"].IsNull("default_payment_method"));
        Assert.Equal(answer.Body, (await emulator.Api().GetAsync($"/v1/customers/{answer.Id}")).Body);
    }

    [Fact]
    public async Task Retrieve_WhenObjectMissing_Returns404ResourceMissing()
    {
        var answer = await emulator.Api().GetAsync("/v1/payment_intents/pi_doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.Text("type"));
        Assert.Equal("resource_missing", answer.Error.Text("code"));
        Assert.Equal("No such payment_intent: 'pi_doesnotexist'", answer.Error.Text("message"));
        Assert.Equal("id", answer.Error.Text("param"));
        Assert.Equal("https://stripe.com/docs/error-codes/resource-missing", answer.Error.Text("doc_url"));
    }

    [Fact]
    public async Task Request_WhenUrlUnknown_Returns404UnrecognizedUrl()
    {
        var answer = await emulator.Api().GetAsync("/v1/subscriptions");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.StartsWith("Unrecognized request URL (GET: /v1/subscriptions)", answer.Error.Text("message"));
    }
}
