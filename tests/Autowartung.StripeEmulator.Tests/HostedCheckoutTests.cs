using System.Net;
using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class HostedCheckoutTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    private const string SucceedingIban = "DE89 3704 0044 0532 0130 00";
    private const string FailingIban = "DE62370400440532013001";

    [Fact]
    public async Task Page_WhenOpen_ShowsItemsTotalAndTheTestNotice()
    {
        var session = await emulator.Api().CreateSessionAsync(("allowed_payment_method_types[0]", "card"), ("allowed_payment_method_types[1]", "sepa_debit"));

        var response = await emulator.Browser().GetAsync(session.Json.Text("url"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Stripe-Emulator", html);
        Assert.Contains("Kein echtes Geld", html);
        Assert.Contains("Inspektion", html);
        Assert.Contains("49,00 €", html);
        Assert.Contains("data-testid=\"pay\"", html);
        Assert.Contains("href=\"https://autowartung.test/abgebrochen\" data-testid=\"cancel\"", html);
        foreach (var method in new[] { "pm_card_visa", "pm_card_chargeDeclined", "pm_card_authenticationRequired", "sepa_debit" })
        {
            Assert.Contains($"name=\"payment_method\" value=\"{method}\"", html);
        }
        Assert.Contains("name=\"iban\"", html);
        Assert.Contains("name=\"account_holder\"", html);
    }

    [Fact]
    public async Task Page_WhenSessionAllowsOnlyCards_OffersNoSepa()
    {
        var session = await emulator.Api().CreateSessionAsync();

        var html = await emulator.Browser().GetStringAsync(session.Json.Text("url"));

        Assert.DoesNotContain("name=\"iban\"", html);
        Assert.DoesNotContain("value=\"sepa_debit\"", html);
    }

    [Fact]
    public async Task Pay_WithVisa_CompletesSessionAndRedirectsToSuccessUrl()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync(
            ("payment_intent_data[metadata][booking_id]", "b-42"), ("payment_intent_data[description]", "Inspektion Witten"));

        var response = await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa");

        Assert.Equal($"https://autowartung.test/bezahlt?session_id={session.Id}", response.SeeOther());
        var completed = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json;
        Assert.Equal("complete", completed.Text("status"));
        Assert.Equal("paid", completed.Text("payment_status"));
        var intent = completed["payment_intent"]!;
        Assert.Equal("succeeded", intent.Text("status"));
        Assert.Equal(4900, intent.Number("amount_received"));
        Assert.Equal("b-42", intent["metadata"].Text("booking_id"));
        Assert.Equal("Inspektion Witten", intent.Text("description"));
        var charge = (await api.GetAsync($"/v1/charges/{intent.Text("latest_charge")}")).Json;
        Assert.Equal("succeeded", charge.Text("status"));
        Assert.True(charge.Flag("paid"));
        Assert.Equal(intent.Text("id"), charge.Text("payment_intent"));
    }

    [Fact]
    public async Task Pay_WhenDeclinedThenVisa_SucceedsOnTheSameSession()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();
        var browser = emulator.Browser();
        var url = session.Json.Text("url")!;

        var declined = await browser.PayAsync(url, "pm_card_chargeDeclined");
        var html = await declined.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Contains("data-testid=\"payment-error\"", html);
        Assert.Contains("Ihre Karte wurde abgelehnt.", html);
        var open = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json;
        Assert.Equal("open", open.Text("status"));
        Assert.Equal("requires_payment_method", open["payment_intent"].Text("status"));
        Assert.Equal("generic_decline", open["payment_intent"]!["last_payment_error"].Text("decline_code"));

        var paid = await browser.PayAsync(url, "pm_card_visa");

        paid.SeeOther();
        var completed = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json;
        Assert.Equal("complete", completed.Text("status"));
        Assert.Equal(open["payment_intent"].Text("id"), completed["payment_intent"].Text("id"));
        Assert.Equal("succeeded", completed["payment_intent"].Text("status"));
    }

    [Fact]
    public async Task Pay_WithThreeDSecureCompleted_Succeeds()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();
        var browser = emulator.Browser();

        var challenge = (await browser.PayAsync(session.Json.Text("url")!, "pm_card_authenticationRequired")).SeeOther();
        Assert.StartsWith("http://localhost/3ds/pi_", challenge);
        var page = await browser.GetStringAsync(challenge);
        Assert.Contains("data-testid=\"3ds-complete\"", page);
        Assert.Contains("data-testid=\"3ds-fail\"", page);
        Assert.Contains("Stripe-Emulator", page);
        var back = (await browser.AuthenticateAsync(challenge, "complete")).SeeOther();
        Assert.Contains("redirect_status=succeeded", back);
        var success = (await browser.GetAsync(back)).SeeOther();

        Assert.Equal($"https://autowartung.test/bezahlt?session_id={session.Id}", success);
        var completed = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json;
        Assert.Equal("paid", completed.Text("payment_status"));
        Assert.Equal("succeeded", completed["payment_intent"].Text("status"));
    }

    [Fact]
    public async Task Pay_WhenThreeDSecureFailsThenVisa_Succeeds()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();
        var browser = emulator.Browser();
        var url = session.Json.Text("url")!;

        var challenge = (await browser.PayAsync(url, "pm_card_authenticationRequired")).SeeOther();
        var back = (await browser.AuthenticateAsync(challenge, "fail")).SeeOther();
        var retry = await browser.GetAsync(back);
        var html = await retry.Content.ReadAsStringAsync();

        Assert.Contains("redirect_status=failed", back);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("data-testid=\"payment-error\"", html);
        Assert.Contains("Authentifizierung ist fehlgeschlagen", html);
        var intent = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json["payment_intent"]!;
        Assert.Equal("requires_payment_method", intent.Text("status"));
        Assert.Equal("payment_intent_authentication_failure", intent["last_payment_error"].Text("code"));
        Assert.Equal("We are unable to authenticate your payment method. Please choose a different payment method and try again.",
            intent["last_payment_error"].Text("message"));

        (await browser.PayAsync(url, "pm_card_visa")).SeeOther();

        Assert.Equal("complete", (await api.GetAsync($"/v1/checkout/sessions/{session.Id}")).Json.Text("status"));
    }

    [Fact]
    public async Task Pay_WithSepa_CompletesUnpaidThenPaidWhenSettled()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync(("allowed_payment_method_types[0]", "card"), ("allowed_payment_method_types[1]", "sepa_debit"));

        var response = await emulator.Browser().PayAsync(session.Json.Text("url")!, "sepa_debit", SucceedingIban, "Erika Mustermann");

        response.SeeOther();
        var processing = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json;
        Assert.Equal("complete", processing.Text("status"));
        Assert.Equal("unpaid", processing.Text("payment_status"));
        Assert.Equal("processing", processing["payment_intent"].Text("status"));

        await emulator.CreateClient().PostAsync("/_emulator/sepa/settle", null);

        var settled = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent&expand[]=payment_intent.latest_charge")).Json;
        Assert.Equal("paid", settled.Text("payment_status"));
        Assert.Equal("succeeded", settled["payment_intent"].Text("status"));
        Assert.Equal("succeeded", settled["payment_intent"]!["latest_charge"].Text("status"));
        Assert.Equal("sepa_debit", settled["payment_intent"]!["latest_charge"]!["payment_method_details"].Text("type"));
    }

    [Fact]
    public async Task Pay_WithFailingSepa_FailsWhenSettled()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync(("allowed_payment_method_types[0]", "sepa_debit"));

        (await emulator.Browser().PayAsync(session.Json.Text("url")!, "sepa_debit", FailingIban, "Erika Mustermann")).SeeOther();
        await emulator.CreateClient().PostAsync("/_emulator/sepa/settle", null);

        var failed = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent.latest_charge")).Json;
        Assert.Equal("complete", failed.Text("status"));
        Assert.Equal("unpaid", failed.Text("payment_status"));
        Assert.Equal("requires_payment_method", failed["payment_intent"].Text("status"));
        Assert.Equal("payment_method_not_available", failed["payment_intent"]!["last_payment_error"].Text("code"));
        Assert.Equal("failed", failed["payment_intent"]!["latest_charge"].Text("status"));
        var events = await api.GetAsync("/v1/events?type=checkout.session.async_payment_failed&limit=100");
        Assert.Contains(events.Json.Items(), e => e["data"]!["object"].Text("id") == session.Id);
    }

    [Fact]
    public async Task Pay_WithUnknownIban_ShowsValidationErrorAndStaysOpen()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync(("allowed_payment_method_types[0]", "sepa_debit"));

        var response = await emulator.Browser().PayAsync(session.Json.Text("url")!, "sepa_debit", "DE02120300000000202051", "Erika Mustermann");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"iban-error\"", html);
        Assert.Contains("value=\"DE02120300000000202051\"", html);
        Assert.Equal("open", (await api.GetAsync($"/v1/checkout/sessions/{session.Id}")).Json.Text("status"));
    }

    [Fact]
    public async Task Pay_WithSetupFutureUsage_SavesTheCardAsCustomersDefault()
    {
        var api = emulator.Api();
        var customer = await api.CreateCustomerAsync();
        var session = await api.CreateSessionAsync(("customer", customer.Id), ("payment_intent_data[setup_future_usage]", "off_session"));

        (await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa")).SeeOther();

        var intent = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=payment_intent")).Json["payment_intent"]!;
        var saved = intent.Text("payment_method")!;
        Assert.StartsWith("pm_", saved);
        Assert.NotEqual("pm_card_visa", saved);
        Assert.Equal(saved, (await api.GetAsync($"/v1/customers/{customer.Id}")).Json["invoice_settings"].Text("default_payment_method"));
        var methods = (await api.GetAsync($"/v1/customers/{customer.Id}/payment_methods")).Json.Items();
        Assert.Equal(saved, Assert.Single(methods).Text("id"));
        Assert.Equal("4242", methods[0]["card"].Text("last4"));
    }

    [Fact]
    public async Task Pay_WithSetupFutureUsageAndNoCustomer_CreatesOne()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync(("customer_email", "neu@example.de"), ("payment_intent_data[setup_future_usage]", "off_session"));

        (await emulator.Browser().PayAsync(session.Json.Text("url")!, "pm_card_visa")).SeeOther();

        var completed = (await api.GetAsync($"/v1/checkout/sessions/{session.Id}?expand[]=customer")).Json;
        Assert.Equal("neu@example.de", completed["customer"].Text("email"));
        Assert.NotNull(completed["customer"]!["invoice_settings"].Text("default_payment_method"));
    }

    [Fact]
    public async Task Page_WhenSessionExpired_Returns410()
    {
        var api = emulator.Api();
        var session = await api.CreateSessionAsync();
        StripeApi.Ok(await api.PostAsync($"/v1/checkout/sessions/{session.Id}/expire"));
        var url = session.Json.Text("url")!;

        var shown = await emulator.Browser().GetAsync(url);
        var paid = await emulator.Browser().PayAsync(url, "pm_card_visa");

        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
        Assert.Contains("Diese Zahlungsseite ist nicht mehr gültig.", await shown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, paid.StatusCode);
    }
}
