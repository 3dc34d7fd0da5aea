using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class IdempotencyTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task Post_WhenSameKeyAndParams_ReplaysTheStoredResponse()
    {
        var api = emulator.Api();
        var key = Guid.NewGuid().ToString();
        var email = $"{key}@example.de";

        var first = StripeApi.Ok(await api.PostAsync("/v1/customers", key, ("email", email)));
        var second = await api.PostAsync("/v1/customers", key, ("email", email));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Null(first.Header("Idempotent-Replayed"));
        var customers = await api.GetAsync($"/v1/customers?email={Uri.EscapeDataString(email)}");
        Assert.Single(customers.Json.Items());
    }

    [Fact]
    public async Task Post_WhenSameKeyOtherParams_Returns400IdempotencyError()
    {
        var api = emulator.Api();
        var key = Guid.NewGuid().ToString();
        StripeApi.Ok(await api.PostAsync("/v1/customers", key, ("email", "one@example.de")));

        var answer = await api.PostAsync("/v1/customers", key, ("email", "two@example.de"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("idempotency_error", answer.Error.Text("type"));
        Assert.Equal(
            "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
            $"Try using a key other than '{key}' if you meant to execute a different request.",
            answer.Error.Text("message"));
    }

    [Fact]
    public async Task Post_WhenFirstRequestFailedValidation_RunsTheCorrectedRetry()
    {
        var api = emulator.Api();
        var key = Guid.NewGuid().ToString();

        var invalid = await api.PostAsync("/v1/payment_intents", key, ("amount", "4900"));
        var corrected = await api.PostAsync("/v1/payment_intents", key, ("amount", "4900"), ("currency", "eur"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        Assert.Null(corrected.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Post_WhenCardWasDeclined_ReplaysThe402WithoutChargingAgain()
    {
        var api = emulator.Api();
        var customer = await api.CreateCustomerAsync();
        var key = Guid.NewGuid().ToString();
        (string, string)[] payment =
        [
            ("amount", "4900"), ("currency", "eur"), ("customer", customer.Id),
            ("payment_method", "pm_card_chargeDeclined"), ("confirm", "true"),
        ];

        var first = await api.PostAsync("/v1/payment_intents", key, payment);
        var second = await api.PostAsync("/v1/payment_intents", key, payment);

        Assert.Equal(HttpStatusCode.PaymentRequired, first.Status);
        Assert.Equal(HttpStatusCode.PaymentRequired, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        var intents = await api.GetAsync($"/v1/payment_intents?customer={customer.Id}");
        Assert.Single(intents.Json.Items());
    }

    [Fact]
    public async Task Post_WhenSameKeyUnderAnotherApiKey_ExecutesAgain()
    {
        var key = Guid.NewGuid().ToString();
        var first = StripeApi.Ok(await emulator.Api().PostAsync("/v1/customers", key, ("email", "scope@example.de")));
        var otherAccount = emulator.Api();
        otherAccount.Http.DefaultRequestHeaders.Authorization = new("Bearer", "sk_test_another_account");

        var second = StripeApi.Ok(await otherAccount.PostAsync("/v1/customers", key, ("email", "scope@example.de")));

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Post_WhenKeyIsOlderThan24Hours_ExecutesAgain()
    {
        using var fresh = new EmulatorFactory();
        var api = fresh.Api();
        var key = Guid.NewGuid().ToString();
        var first = StripeApi.Ok(await api.PostAsync("/v1/customers", key, ("email", "old@example.de")));

        fresh.Clock.Advance(TimeSpan.FromHours(25));
        var second = StripeApi.Ok(await api.PostAsync("/v1/customers", key, ("email", "old@example.de")));

        Assert.NotEqual(first.Id, second.Id);
    }
}
