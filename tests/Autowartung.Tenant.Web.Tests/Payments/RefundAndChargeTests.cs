using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>Cancellation with refunds, charges of the saved payment method, and the webhook endpoint itself.</summary>
public sealed class RefundAndChargeTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task CancelInsideTheFreeWindow_RefundsInFull_AndASecondCancelIs409()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);   // a week ahead: inside the free window
        using var customer = await CustomerAsync(booked.Email);

        using var cancelled = await customer.PostAsync($"/api/v1/bookings/{booked.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var answer = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(booked.TotalCents, answer.GetProperty("refundCents").GetInt32());
        Assert.Equal(0, answer.GetProperty("feeCents").GetInt32());
        Assert.Equal("Cancelled", answer.GetProperty("booking").GetProperty("status").GetString());

        using var again = await customer.PostAsync($"/api/v1/bookings/{booked.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var refunds = await StripeRefundsAsync(booked.Id);
        var refund = Assert.Single(refunds);
        Assert.Equal(booked.TotalCents, refund.Amount);
        Assert.Equal("succeeded", refund.Status);
        Assert.Equal("Succeeded", await app.Database.ScalarAsync<string>("SELECT status FROM refunds WHERE booking_id = @p0", booked.Id));
        Assert.Equal(booked.TotalCents, await app.Database.ScalarAsync<int>("SELECT refunded_cents FROM payments WHERE booking_id = @p0", booked.Id));

        var shown = await customer.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booked.Id}");
        var payment = shown.GetProperty("payment");
        Assert.Equal(("Succeeded", booked.TotalCents, "Visa •••• 4242"),
            (payment.GetProperty("status").GetString(), payment.GetProperty("refundedCents").GetInt32(), payment.GetProperty("method").GetString()));
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("paymentUrl").ValueKind);

        // The customer is told, and the calendar entry the confirmation brought is called off.
        var cancellation = await CancellationMailAsync(booked.Email);
        Assert.Contains("Sie haben Ihre Buchung AW-", cancellation.Text);
        Assert.Contains($"Wir erstatten Ihnen {Euro(booked.TotalCents)}", cancellation.Text);
        var attachment = Assert.Single(cancellation.Attachments);
        Assert.Equal("abholung.ics", attachment.FileName);
        var ics = await Maildev.AttachmentAsync(cancellation, "abholung.ics");
        Assert.Contains("METHOD:CANCEL\r\n", ics);
        Assert.Contains("STATUS:CANCELLED\r\n", ics);
        Assert.Contains($"UID:booking-{booked.Id}@autowartung\r\n", ics);
    }

    private static string Euro(int cents) => (cents / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("de-DE"));

    /// <summary>The cancellation email, after the confirmation; waits for the outbox's job.</summary>
    private static async Task<Maildev.Mail> CancellationMailAsync(string email)
    {
        var mails = await Maildev.ToAsync(email, atLeast: 2);
        return Assert.Single(mails, m => m.Subject.Contains("storniert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelAfterTheFreeWindow_KeepsTheCitysFee()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);
        // Pickup in three hours: the city's 24-hour window has passed.
        await app.Database.ExecuteAsync("UPDATE bookings SET pickup_start_utc = now() + interval '3 hours' WHERE id = @p0", booked.Id);
        var fee = await app.Database.ScalarAsync<int>("SELECT late_cancellation_fee_cents FROM cities WHERE slug = 'witten'");
        using var customer = await CustomerAsync(booked.Email);

        var terms = await customer.GetStringAsync($"/meine-buchungen/{booked.Id}/stornieren");
        Assert.Contains("Stornogebühr", terms);

        using var cancelled = await customer.PostAsync($"/api/v1/bookings/{booked.Id}/cancel", null);
        var answer = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((booked.TotalCents - fee, fee), (answer.GetProperty("refundCents").GetInt32(), answer.GetProperty("feeCents").GetInt32()));
        Assert.Equal(booked.TotalCents - fee, Assert.Single(await StripeRefundsAsync(booked.Id)).Amount);
        var cancellation = await CancellationMailAsync(booked.Email);
        Assert.Contains($"Wir erstatten Ihnen {Euro(booked.TotalCents - fee)}", cancellation.Text);
        Assert.Contains($"behalten wir {Euro(fee)} ein", cancellation.Text);
    }

    [Fact]
    public async Task ParallelCancels_RefundOnce()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);
        using var customer = await CustomerAsync(booked.Email);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => customer.PostAsync($"/api/v1/bookings/{booked.Id}/cancel", null)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Single(await StripeRefundsAsync(booked.Id));
        await CancellationMailAsync(booked.Email);
        await Task.Delay(2000);   // a few more runs of the outbox's job: still one cancellation email
        Assert.Single(await Maildev.ToAsync(booked.Email, atLeast: 3, seconds: 0), m => m.Subject.Contains("storniert", StringComparison.Ordinal));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE recipient = @p0 AND kind = 'booking-cancellation'", booked.Email));
    }

    [Fact]
    public async Task StaffCancel_NeedsAReason_AndRefundsInFullEvenLate()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);
        await app.Database.ExecuteAsync("UPDATE bookings SET pickup_start_utc = now() + interval '1 hour' WHERE id = @p0", booked.Id);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var city = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten");
        using (scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(city.ToTenantInfo()))
        {
            var cancel = scope.ServiceProvider.GetRequiredService<CancelBooking>();
            Assert.Equal(ResultStatus.Invalid, (await cancel.RunAsync(booked.Id, CancelledBy.Staff, " ", null)).Status);
            var outcome = await cancel.RunAsync(booked.Id, CancelledBy.Staff, "Hebebühne defekt", null);
            Assert.Equal((booked.TotalCents, 0), (outcome.Value.RefundCents, outcome.Value.FeeCents));
        }
        Assert.Contains("Hebebühne defekt", await app.Database.ScalarAsync<string>("SELECT events::text FROM bookings WHERE id = @p0", booked.Id));
        Assert.Equal(booked.TotalCents, Assert.Single(await StripeRefundsAsync(booked.Id)).Amount);
        Assert.Contains("Grund: Hebebühne defekt.", (await CancellationMailAsync(booked.Email)).Text);
    }

    [Fact]
    public async Task WorkshopStaff_CancelFromTheirBookingsPage_OnlyWithAReason()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var staffUser = (await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByEmailAsync("werkstatt@witten.example"))!;
        using var staff = app.Factory.ClientWithCookie(PaymentsApp.Host, Sessions.Cookie(app.Factory.Services, staffUser, secondFactor: true));
        Assert.Contains($"data-booking=\"{booked.Id}\"", await staff.GetStringAsync("/workshop/buchungen"));

        using var noReason = await staff.SubmitAsync("/workshop/buchungen", new Dictionary<string, string> { ["Reason"] = "" }, $"/workshop/buchungen?handler=Cancel&id={booked.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("Confirmed", await app.StatusAsync(booked.Id));

        using var cancelled = await staff.SubmitAsync("/workshop/buchungen", new Dictionary<string, string> { ["Reason"] = "Hebebühne defekt" }, $"/workshop/buchungen?handler=Cancel&id={booked.Id}");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("Cancelled", await app.StatusAsync(booked.Id));
        Assert.Equal(booked.TotalCents, Assert.Single(await StripeRefundsAsync(booked.Id)).Amount);

        using var again = await staff.SubmitAsync("/workshop/buchungen", new Dictionary<string, string> { ["Reason"] = "Nochmal" }, $"/workshop/buchungen?handler=Cancel&id={booked.Id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await StripeRefundsAsync(booked.Id));
    }

    [Fact]
    public async Task UnpaidBooking_Cancelled_ClosesItsCheckout()
    {
        var booked = await app.BookAsync(slotIndex: 10);
        using var customer = await CustomerAsync(booked.Email);
        using var cancelled = await customer.PostAsync($"/api/v1/bookings/{booked.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("expired", (await app.StripeNet().V1.Checkout.Sessions.GetAsync(booked.PaymentUrl.Segments[^1])).Status);
        Assert.Equal("Canceled", await app.PaymentStatusAsync(booked.Id));
    }

    [Fact]
    public async Task LapsedHold_ExpiresTheCheckoutAtStripe()
    {
        var booked = await app.BookAsync(slotIndex: 10);
        await app.Database.ExecuteAsync("UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = @p0", booked.Id);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExpireHolds>().RunAsync();
        Assert.Equal("Expired", await app.StatusAsync(booked.Id));
        Assert.Equal("expired", (await app.StripeNet().V1.Checkout.Sessions.GetAsync(booked.PaymentUrl.Segments[^1])).Status);
    }

    [Fact]
    public async Task PaidAtTheLastSecond_IsConfirmed_NotExpired()
    {
        var booked = await app.BookAsync(slotIndex: 10);
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "pm_card_visa"));
        await app.Database.ExecuteAsync("UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = @p0", booked.Id);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExpireHolds>().RunAsync();
        Assert.Equal("Confirmed", await app.StatusAsync(booked.Id));
    }

    [Fact]
    public async Task OffSessionCharge_OnTheSavedCard_Succeeds_AndAskingAgainChargesOnce()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);
        var request = new ChargeSavedPaymentMethod.Request(booked.Id, "extension-1", "Bremsbeläge vorne", 18_900);
        var first = await InCityAsync((ChargeSavedPaymentMethod charge) => charge.RunAsync(request));
        Assert.Equal(ChargeSavedPaymentMethod.ChargeState.Succeeded, first.Value.State);
        var second = await InCityAsync((ChargeSavedPaymentMethod charge) => charge.RunAsync(request));
        Assert.Equal((ChargeSavedPaymentMethod.ChargeState.Succeeded, first.Value.Payment.Id), (second.Value.State, second.Value.Payment.Id));

        var intents = await CustomerPaymentIntentsAsync(booked.Email);
        Assert.Equal(2, intents.Count);   // the booking and one extra charge
        Assert.Single(intents, i => i.Amount == 18_900 && i.Status == "succeeded");
    }

    [Fact]
    public async Task CrashBetweenStripeAndOurDatabase_ThenRetry_ChargesOnce()
    {
        var booked = await PaidBookingAsync(slotIndex: 10);
        var request = new ChargeSavedPaymentMethod.Request(booked.Id, "extension-crash", "Zündkerzen", 9_900);
        await Assert.ThrowsAsync<SimulatedCrash>(() => InCityAsync(services => new ChargeSavedPaymentMethod(
            services.GetRequiredService<PlatformDbContext>(), new CrashAfterCall(services.GetRequiredService<IPaymentGateway>()),
            services.GetRequiredService<ICustomerLinks>(), TimeProvider.System).RunAsync(request)));
        Assert.Equal("Created", await app.Database.ScalarAsync<string>("SELECT status FROM payments WHERE booking_id = @p0 AND reference = 'extension-crash'", booked.Id));

        var retried = await InCityAsync((ChargeSavedPaymentMethod charge) => charge.RunAsync(request));
        Assert.Equal(ChargeSavedPaymentMethod.ChargeState.Succeeded, retried.Value.State);
        Assert.Single(await CustomerPaymentIntentsAsync(booked.Email), i => i.Amount == 9_900);
    }

    [Fact]
    public async Task OffSessionCharge_WhenTheBankWantsTheCustomer_YieldsALink_ThatCompletesIt()
    {
        var booked = await PaidBookingAsync(slotIndex: 10, method: "pm_card_authenticationRequired");
        var outcome = await InCityAsync((ChargeSavedPaymentMethod charge) =>
            charge.RunAsync(new ChargeSavedPaymentMethod.Request(booked.Id, "extension-3ds", "Ölwechsel", 8_900)));
        Assert.Equal(ChargeSavedPaymentMethod.ChargeState.AuthenticationRequired, outcome.Value.State);
        var link = outcome.Value.AuthenticationLink!;
        Assert.Equal((PaymentsApp.Host, "/zahlung/bestaetigen"), (link.Host, link.AbsolutePath));

        using var browser = app.Factory.ClientForCity("witten");
        var page = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("data-testid=\"authenticate\"", page);
        var reference = System.Web.HttpUtility.ParseQueryString(link.Query)["reference"]!;
        using var toBank = await browser.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["reference"] = reference });
        Assert.Equal(HttpStatusCode.Redirect, toBank.StatusCode);
        var bank = toBank.Headers.Location!;
        Assert.StartsWith($"{StripeEmulatorFactory.PublicUrl}/3ds/", bank.ToString());

        using var stripe = app.StripePages();
        using var done = await stripe.PostAsync(bank.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "complete" }));
        var back = done.Headers.Location!;
        Assert.Equal((PaymentsApp.Host, "/zahlung/bestaetigen"), (back.Host, back.AbsolutePath));
        var result = await browser.GetStringAsync(back.PathAndQuery);
        Assert.Contains("data-testid=\"payment-done\"", result);
        Assert.Equal("Succeeded", await app.Database.ScalarAsync<string>("SELECT status FROM payments WHERE id = @p0", outcome.Value.Payment.Id));
    }

    [Fact]
    public async Task OffSessionCharge_WithoutAPaidBooking_HasNothingToCharge()
    {
        var booked = await app.BookAsync(slotIndex: 10);
        var outcome = await InCityAsync((ChargeSavedPaymentMethod charge) =>
            charge.RunAsync(new ChargeSavedPaymentMethod.Request(booked.Id, "extension-x", "Wischer", 2_900)));
        Assert.Equal((ResultStatus.Conflict, ChargeSavedPaymentMethod.NoSavedPaymentMethod), (outcome.Status, outcome.Failure?.Reason));

        var tooLittle = await InCityAsync((ChargeSavedPaymentMethod charge) =>
            charge.RunAsync(new ChargeSavedPaymentMethod.Request(booked.Id, "", "Wischer", 10)));
        Assert.Equal(["amountCents", "reference"], tooLittle.Failure!.Errors.Keys.Order());
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM payments WHERE booking_id = @p0 AND purpose = 'ExtraWork'", booked.Id));
    }

    [Fact]
    public async Task ManualCapture_AndCancel_FollowStripesStates()
    {
        var stripe = app.StripeNet();
        async Task<string> AuthorizeAsync()
        {
            var intent = await stripe.V1.PaymentIntents.CreateAsync(new Stripe.PaymentIntentCreateOptions
            {
                Amount = 5000,
                Currency = "eur",
                PaymentMethod = "pm_card_visa",
                Confirm = true,
                CaptureMethod = "manual",
            });
            Assert.Equal("requires_capture", intent.Status);
            return intent.Id;
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var gateway = scope.ServiceProvider.GetRequiredService<IPaymentGateway>();
        var captured = await gateway.CaptureAsync(await AuthorizeAsync(), $"capture-{Guid.NewGuid():N}", default);
        Assert.Equal((GatewayPaymentState.Succeeded, 5000), (captured.State, captured.AmountReceivedCents));
        var cancelledId = await AuthorizeAsync();
        Assert.Equal(GatewayPaymentState.Canceled, (await gateway.CancelAsync(cancelledId, $"cancel-{Guid.NewGuid():N}", default)).State);
        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CaptureAsync(cancelledId, $"capture-{Guid.NewGuid():N}", default));
    }

    [Fact]
    public async Task Webhook_RefusesABadSignature_AndKeepsAGoodEventOnce()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://autowartung.localhost:8080") });
        var id = $"evt_test_{Guid.NewGuid():N}";
        var body = EventBody(id, Stripe.StripeConfiguration.ApiVersion);
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(client, body, null));
        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(client, body, "t=abc,v1=00"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(client, body, StripeEmulatorFactory.SignWebhook(body, "whsec_someone_else", now)));
        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(client, body, StripeEmulatorFactory.SignWebhook(body, StripeEmulatorFactory.WebhookSecret, now.AddSeconds(-320))));
        var tampered = body.ToArray();
        tampered[^3] ^= 1;
        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(client, tampered, StripeEmulatorFactory.SignWebhook(body, StripeEmulatorFactory.WebhookSecret, now)));
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM provider_events WHERE id = @p0", id));

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(client, body, StripeEmulatorFactory.SignWebhook(body, StripeEmulatorFactory.WebhookSecret, DateTimeOffset.UtcNow)));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM provider_events WHERE id = @p0", id));
    }

    [Fact]
    public async Task Webhook_DuringARotation_AcceptsTheSecondSecret_WithinTheTolerance()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://autowartung.localhost:8080") });
        var id = $"evt_test_{Guid.NewGuid():N}";
        var body = EventBody(id, Stripe.StripeConfiguration.ApiVersion);

        Assert.Equal(HttpStatusCode.OK, await PostWebhookAsync(client, body, StripeEmulatorFactory.SignWebhook(body, PaymentsApp.RotatedWebhookSecret, DateTimeOffset.UtcNow.AddSeconds(-280))));
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM provider_events WHERE id = @p0", id));
    }

    [Fact]
    public async Task Webhook_OfAnotherApiVersion_IsRefused()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://autowartung.localhost:8080") });
        var id = $"evt_test_{Guid.NewGuid():N}";
        var body = EventBody(id, "2024-06-20");

        Assert.Equal(HttpStatusCode.BadRequest, await PostWebhookAsync(client, body, StripeEmulatorFactory.SignWebhook(body, StripeEmulatorFactory.WebhookSecret, DateTimeOffset.UtcNow)));
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM provider_events WHERE id = @p0", id));
    }

    private static byte[] EventBody(string id, string apiVersion) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        id,
        @object = "event",
        api_version = apiVersion,
        type = "customer.created",
        created = 1,
        livemode = false,
        pending_webhooks = 1,
        data = new { @object = new { id = "cus_x", @object = "customer", metadata = new { } } },
    });

    private static async Task<HttpStatusCode> PostWebhookAsync(HttpClient client, byte[] body, string? signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        if (signature is not null) request.Headers.Add("Stripe-Signature", signature);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task StripeFailingOnce_IsRetriedWithTheSameKey_AndTheBookingStillGetsItsCheckout()
    {
        await app.StripeControlAsync("/_emulator/fail-next", new() { ["path_prefix"] = "/v1/checkout/sessions", ["method"] = "POST", ["exact"] = "true", ["status"] = "500", ["times"] = "1" });
        var booked = await app.BookAsync(slotIndex: 10);
        Assert.StartsWith($"{StripeEmulatorFactory.PublicUrl}/c/pay/", booked.PaymentUrl.ToString());
    }

    [Fact]
    public async Task StripeDown_KeepsTheHold_AndTheSameRequestLaterGetsTheCheckout()
    {
        await app.StripeControlAsync("/_emulator/fail-next", new() { ["path_prefix"] = "/v1/checkout/sessions", ["method"] = "POST", ["exact"] = "true", ["status"] = "503", ["times"] = "3" });
        var first = await app.BookAsync(slotIndex: 10, requirePaymentUrl: false);
        Assert.Equal(JsonValueKind.Null, first.Body.GetProperty("paymentUrl").ValueKind);
        Assert.Equal("PendingPayment", first.Body.GetProperty("status").GetString());

        var again = await app.PostBookingAsync(first.Request, first.Key);
        var url = again.GetProperty("paymentUrl").GetString()!;
        Assert.StartsWith($"{StripeEmulatorFactory.PublicUrl}/c/pay/", url);
        Assert.Equal(first.Id, again.GetProperty("id").GetGuid());
        Assert.Equal(url.Split('/')[^1], await app.Database.ScalarAsync<string>("SELECT checkout_session_id FROM payments WHERE booking_id = @p0", first.Id));
    }

    private async Task<PaymentsApp.Booked> PaidBookingAsync(int slotIndex, string method = "pm_card_visa")
    {
        var booked = await app.BookAsync(slotIndex);
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, method));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
        return booked;
    }

    private Task<HttpClient> CustomerAsync(string email) => app.CustomerClientAsync(email);

    private async Task<List<Stripe.Refund>> StripeRefundsAsync(Guid bookingId)
    {
        var intent = await app.Database.ScalarAsync<string>("SELECT payment_intent_id FROM payments WHERE booking_id = @p0 AND purpose = 'Booking'", bookingId);
        return (await app.StripeNet().V1.Refunds.ListAsync(new Stripe.RefundListOptions { PaymentIntent = intent })).Data;
    }

    private async Task<List<Stripe.PaymentIntent>> CustomerPaymentIntentsAsync(string email)
    {
        var customer = await app.Database.ScalarAsync<string>(
            "SELECT c.provider_customer_id FROM payment_customers c JOIN users u ON u.id = c.user_id WHERE u.normalized_email = upper(@p0)", email);
        return (await app.StripeNet().V1.PaymentIntents.ListAsync(new Stripe.PaymentIntentListOptions { Customer = customer, Limit = 100 })).Data;
    }

    /// <summary>Runs a use case in Witten's tenant scope, as a request there would.</summary>
    private Task<TResult> InCityAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run) where TUseCase : notnull =>
        InCityAsync(services => run(services.GetRequiredService<TUseCase>()));

    private async Task<TResult> InCityAsync<TResult>(Func<IServiceProvider, Task<TResult>> run)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var city = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten");
        using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(city.ToTenantInfo());
        return await run(scope.ServiceProvider);
    }

    private sealed class SimulatedCrash : Exception;

    /// <summary>Stripe takes the charge, then the process dies before our database hears of it.</summary>
    private sealed class CrashAfterCall(IPaymentGateway inner) : IPaymentGateway
    {
        public Task<string> CreateCustomerAsync(Guid userId, string email, string name, string k, CancellationToken c) => inner.CreateCustomerAsync(userId, email, name, k, c);
        public Task<GatewayCheckout> CreateCheckoutAsync(CheckoutRequest r, string k, CancellationToken c) => inner.CreateCheckoutAsync(r, k, c);
        public Task<GatewayCheckout> GetCheckoutAsync(string id, CancellationToken c) => inner.GetCheckoutAsync(id, c);
        public Task<GatewayCheckout> ExpireCheckoutAsync(string id, string k, CancellationToken c) => inner.ExpireCheckoutAsync(id, k, c);
        public Task<GatewayPayment> GetPaymentAsync(string id, CancellationToken c) => inner.GetPaymentAsync(id, c);
        public async Task<GatewayPayment> ChargeOffSessionAsync(OffSessionCharge charge, string k, CancellationToken c)
        {
            await inner.ChargeOffSessionAsync(charge, k, c);
            throw new SimulatedCrash();
        }
        public Task<GatewayPayment> ConfirmOnSessionAsync(string id, string pm, Uri r, string k, CancellationToken c) => inner.ConfirmOnSessionAsync(id, pm, r, k, c);
        public Task<GatewayPayment> CaptureAsync(string id, string k, CancellationToken c) => inner.CaptureAsync(id, k, c);
        public Task<GatewayPayment> CancelAsync(string id, string k, CancellationToken c) => inner.CancelAsync(id, k, c);
        public Task<GatewayRefund> RefundAsync(string id, int a, IReadOnlyDictionary<string, string> m, string k, CancellationToken c) => inner.RefundAsync(id, a, m, k, c);
        public Task<GatewayRefund> GetRefundAsync(string id, CancellationToken c) => inner.GetRefundAsync(id, c);
    }
}
