using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class ParameterTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task CreateSession_WhenNestedAndArrayParams_ParsesThem()
    {
        var session = (await emulator.Api().CreateSessionAsync(
            ("line_items[1][price_data][currency]", "eur"),
            ("line_items[1][price_data][unit_amount]", "1500"),
            ("line_items[1][price_data][product_data][name]", "Scheibenwischer"),
            ("line_items[1][quantity]", "2"),
            ("allowed_payment_method_types[0]", "card"),
            ("allowed_payment_method_types[1]", "sepa_debit"),
            ("metadata[booking_id]", "b-17"),
            ("client_reference_id", "booking-17"))).Json;

        Assert.Equal(7900, session.Number("amount_total"));
        Assert.Equal(7900, session.Number("amount_subtotal"));
        Assert.Equal(["card", "sepa_debit"], session["payment_method_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("b-17", session["metadata"].Text("booking_id"));
        Assert.Equal("booking-17", session.Text("client_reference_id"));
    }

    [Fact]
    public async Task CreatePaymentIntent_WhenArrayUsesEmptyBrackets_ParsesThem()
    {
        var intent = StripeApi.Ok(await emulator.Api().PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "EUR"), ("allowed_payment_method_types[]", "card"), ("allowed_payment_method_types[]", "sepa_debit"))).Json;

        Assert.Equal(["card", "sepa_debit"], intent["payment_method_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("eur", intent.Text("currency"));
    }

    [Fact]
    public async Task CreateCustomer_WhenParamUnknown_Returns400ParameterUnknown()
    {
        var answer = await emulator.Api().PostAsync("/v1/customers", ("email", "x@example.de"), ("foo", "bar"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.Text("type"));
        Assert.Equal("parameter_unknown", answer.Error.Text("code"));
        Assert.Equal("foo", answer.Error.Text("param"));
        Assert.Equal("Received unknown parameter: foo", answer.Error.Text("message"));
    }

    [Fact]
    public async Task CreateSession_WhenNestedParamUnknown_NamesItsFullPath()
    {
        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
            [.. StripeApi.SessionParams, ("line_items[0][price_data][tax_behavior]", "inclusive")]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameter_unknown", answer.Error.Text("code"));
        Assert.Equal("line_items[0][price_data][tax_behavior]", answer.Error.Text("param"));
    }

    [Fact]
    public async Task RetrieveCustomer_WhenQueryParamUnknown_Returns400ParameterUnknown()
    {
        var customer = await emulator.Api().CreateCustomerAsync();

        var answer = await emulator.Api().GetAsync($"/v1/customers/{customer.Id}?include=all");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameter_unknown", answer.Error.Text("code"));
    }

    [Fact]
    public async Task CreateSession_WhenSuccessUrlMissing_Returns400ParameterMissing()
    {
        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
            StripeApi.SessionParams.Where(p => p.Key != "success_url").ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameter_missing", answer.Error.Text("code"));
        Assert.Equal("success_url", answer.Error.Text("param"));
        Assert.Equal("Missing required param: success_url.", answer.Error.Text("message"));
    }

    [Fact]
    public async Task CreateSession_WhenLineItemQuantityMissing_NamesItsPath()
    {
        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
            StripeApi.SessionParams.Where(p => p.Key != "line_items[0][quantity]").ToArray());

        Assert.Equal("parameter_missing", answer.Error.Text("code"));
        Assert.Equal("line_items[0][quantity]", answer.Error.Text("param"));
    }

    [Fact]
    public async Task CreatePaymentIntent_WhenAmountIsNoInteger_Returns400InvalidInteger()
    {
        var answer = await emulator.Api().PostAsync("/v1/payment_intents", ("amount", "49.00"), ("currency", "eur"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameter_invalid_integer", answer.Error.Text("code"));
        Assert.Equal("amount", answer.Error.Text("param"));
    }

    [Fact]
    public async Task CreatePaymentIntent_WhenCaptureMethodUnknown_Returns400NamingTheParam()
    {
        var answer = await emulator.Api().PostAsync("/v1/payment_intents",
            ("amount", "4900"), ("currency", "eur"), ("capture_method", "later"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.Text("type"));
        Assert.Equal("capture_method", answer.Error.Text("param"));
        Assert.Equal("Invalid capture_method: must be one of automatic or manual", answer.Error.Text("message"));
    }

    [Fact]
    public async Task CreateSession_WhenModeIsSubscription_Returns400NamingMode()
    {
        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
            [.. StripeApi.SessionParams.Where(p => p.Key != "mode"), ("mode", "subscription")]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("mode", answer.Error.Text("param"));
    }

    [Fact]
    public async Task CreateSession_WhenCurrenciesDiffer_Returns400()
    {
        var answer = await emulator.Api().PostAsync("/v1/checkout/sessions",
        [
            .. StripeApi.SessionParams,
            ("line_items[1][price_data][currency]", "usd"),
            ("line_items[1][price_data][unit_amount]", "100"),
            ("line_items[1][price_data][product_data][name]", "Extra"),
            ("line_items[1][quantity]", "1"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("line_items[1][price_data][currency]", answer.Error.Text("param"));
    }
}
