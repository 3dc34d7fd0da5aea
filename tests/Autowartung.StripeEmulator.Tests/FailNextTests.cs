using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class FailNextTests
{
    [Fact]
    public async Task FailNext_When500Requested_FailsWithoutExecutingOrSavingTheKey()
    {
        using var emulator = new EmulatorFactory();
        var api = emulator.Api();
        await FailNextAsync(emulator, "/v1/customers", 500, 2);
        var key = Guid.NewGuid().ToString();

        var first = await api.PostAsync("/v1/customers", key, ("email", "retry@example.de"));
        var second = await api.PostAsync("/v1/customers", key, ("email", "retry@example.de"));
        var third = await api.PostAsync("/v1/customers", key, ("email", "retry@example.de"));
        var fourth = await api.PostAsync("/v1/customers", key, ("email", "retry@example.de"));

        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal("api_error", first.Error.Text("type"));
        Assert.Equal("true", first.Header("Stripe-Should-Retry"));
        Assert.Equal(HttpStatusCode.InternalServerError, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Null(third.Header("Idempotent-Replayed"));
        Assert.Equal("true", fourth.Header("Idempotent-Replayed"));
        Assert.Single((await api.GetAsync("/v1/customers?email=retry@example.de")).Json.Items());
    }

    [Fact]
    public async Task FailNext_When429Requested_AnswersRateLimitError()
    {
        using var emulator = new EmulatorFactory();
        await FailNextAsync(emulator, "/v1/payment_intents", 429, 1);

        var answer = await emulator.Api().PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"));

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal("rate_limit_error", answer.Error.Text("type"));
    }

    [Fact]
    public async Task FailNext_WhenPathDoesNotMatch_LeavesRequestAlone()
    {
        using var emulator = new EmulatorFactory();
        await FailNextAsync(emulator, "/v1/refunds", 503, 1);

        var answer = await emulator.Api().PostAsync("/v1/customers", ("email", "x@example.de"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task FailNext_WhenStatusNotOffered_Returns400()
    {
        using var emulator = new EmulatorFactory();

        var response = await emulator.CreateClient().PostAsync("/_emulator/fail-next", new FormUrlEncodedContent(
            [new("path_prefix", "/v1/customers"), new("status", "418")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Health_Always_Returns200()
    {
        using var emulator = new EmulatorFactory();

        var response = await emulator.CreateClient().GetAsync("/_emulator/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task FailNextAsync(EmulatorFactory emulator, string prefix, int status, int times)
    {
        var response = await emulator.CreateClient().PostAsync("/_emulator/fail-next", new FormUrlEncodedContent(
            [new("path_prefix", prefix), new("status", status.ToString()), new("times", times.ToString())]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
