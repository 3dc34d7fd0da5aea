using System.Net;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>
/// Paying a booking through Stripe's hosted checkout (our emulator): the booking is confirmed only by
/// what our server hears from Stripe itself, once, however often and in whatever order the news comes.
/// </summary>
public sealed class CheckoutTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task Booking_AnswersWithTheCheckoutsPaymentUrl_AndAnOpenPayment()
    {
        var booked = await app.BookAsync();
        Assert.StartsWith($"{StripeEmulatorFactory.PublicUrl}/c/pay/cs_test_", booked.PaymentUrl.ToString());
        Assert.Equal("PendingPayment", booked.Body.GetProperty("status").GetString());
        var payment = booked.Body.GetProperty("payment");
        Assert.Equal("Open", payment.GetProperty("status").GetString());
        Assert.Equal(booked.TotalCents, payment.GetProperty("amountCents").GetInt32());

        var session = await app.StripeNet().V1.Checkout.Sessions.GetAsync(booked.PaymentUrl.Segments[^1]);
        Assert.Equal(booked.TotalCents, session.AmountTotal);
        Assert.Equal("eur", session.Currency);
        Assert.Equal(booked.Id.ToString(), session.Metadata["booking_id"]);
        Assert.Equal(["card", "sepa_debit"], session.AllowedPaymentMethodTypes);
    }

    [Fact]
    public async Task SameBookingRequestTwice_GetsTheSameCheckout()
    {
        var first = await app.BookAsync(slotIndex: 1);
        var again = await app.PostBookingAsync(first.Request, first.Key);
        Assert.Equal(first.Id, again.GetProperty("id").GetGuid());
        Assert.Equal(first.PaymentUrl.ToString(), again.GetProperty("paymentUrl").GetString());
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM payments WHERE booking_id = @p0", first.Id));
    }

    [Fact]
    public async Task PaidWithVisa_IsConfirmedByTheWebhook_WithOneConfirmationEmailAndCalendarEntry()
    {
        var booked = await app.BookAsync();
        var back = await app.PayAsync(booked.PaymentUrl, "pm_card_visa");
        Assert.NotNull(back);
        Assert.Equal(PaymentsApp.Host, back.Host);
        Assert.Equal("/buchen/bestaetigt", back.AbsolutePath);

        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
        Assert.Equal("Succeeded", await app.PaymentStatusAsync(booked.Id));
        Assert.StartsWith("pi_", await app.Database.ScalarAsync<string>("SELECT payment_intent_id FROM payments WHERE booking_id = @p0", booked.Id));
        Assert.StartsWith("pm_", await app.Database.ScalarAsync<string>("SELECT payment_method_id FROM payments WHERE booking_id = @p0", booked.Id));

        var mail = Assert.Single(await Maildev.ToAsync(booked.Email));
        var number = await BookingNumberAsync(booked.Id);
        Assert.StartsWith($"Buchung {number} bestätigt", mail.Subject);
        Assert.Contains($"Ihre Buchungsnummer: {number}.", mail.Text);
        Assert.Contains("So geht es weiter:", mail.Text);
        // The city's terms, not "bis zur Abholung": Witten's window and fee.
        var (hours, fee) = (await app.Database.ScalarAsync<int>("SELECT free_cancellation_hours FROM cities WHERE slug = 'witten'"),
            await app.Database.ScalarAsync<int>("SELECT late_cancellation_fee_cents FROM cities WHERE slug = 'witten'"));
        Assert.Contains($"({hours} Stunden vor der Abholung) können Sie unter „Meine Buchungen“ kostenlos stornieren; danach bis zur Abholung behalten wir {(fee / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("de-DE"))} ein.", mail.Text);
        Assert.DoesNotContain("Bis zur Abholung können Sie", mail.Text);
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal("abholung.ics", attachment.FileName);
        Assert.StartsWith("text/calendar", attachment.ContentType);
        var ics = await Maildev.AttachmentAsync(mail, "abholung.ics");
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains($"UID:booking-{booked.Id}@autowartung", ics);

        // The page the checkout returns to shows the confirmation.
        using var browser = app.Factory.ClientForCity("witten");
        var page = await (await browser.GetAsync(back.PathAndQuery)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"booking-confirmed\"", page);
        Assert.Contains($"data-testid=\"booking-number\">{number}<", page);
        Assert.Contains("data-testid=\"next-steps\"", page);
        Assert.Contains($"({hours} Stunden vor der Abholung)", page);
    }

    private static Task<string> BookingNumberAsync(Guid bookingId) => Task.FromResult(Autowartung.Platform.Bookings.Booking.NumberFor(bookingId));

    [Fact]
    public async Task SameEventFiveTimes_AndEventsInReverseOrder_ChangeTheBookingOnce()
    {
        var booked = await app.BookAsync();
        await app.PayAsync(booked.PaymentUrl, "pm_card_visa");
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));

        var sessionId = booked.PaymentUrl.Segments[^1];
        var stripe = app.StripeNet();
        var events = (await stripe.V1.Events.ListAsync(new Stripe.EventListOptions { Limit = 100 })).Data
            .Where(e => e.Data.Object is Stripe.IHasMetadata { Metadata: { } m } && m.TryGetValue("booking_id", out var id) && id == booked.Id.ToString())
            .Select(e => e.Id).ToList();
        Assert.True(events.Count >= 2, "the payment and the checkout each sent events");
        var completed = (await stripe.V1.Events.ListAsync(new Stripe.EventListOptions { Type = "checkout.session.completed", Limit = 100 })).Data
            .Single(e => (e.Data.Object as Stripe.Checkout.Session)?.Id == sessionId).Id;

        await app.StripeControlAsync($"/_emulator/events/{completed}/resend", new() { ["times"] = "5" });
        foreach (var id in events) await app.StripeControlAsync($"/_emulator/events/{id}/resend");   // newest first: reverse order

        // Every delivery is kept once and handled; the booking moved once.
        var expected = events.Count;
        Assert.Equal(expected, await PaymentsApp.EventuallyAsync(
            () => app.Database.ScalarAsync<long>("SELECT count(*) FROM provider_events WHERE id = ANY(@p0) AND processed_at IS NOT NULL", (object)events.ToArray()), expected));
        await Task.Delay(500);
        var timeline = await app.Database.ScalarAsync<string>("SELECT events::text FROM bookings WHERE id = @p0", booked.Id);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(timeline!, "\"Code\": \"Confirmed\""));
        Assert.Single(await Maildev.ToAsync(booked.Email));
    }

    [Fact]
    public async Task DeclinedCard_LeavesTheBookingPending_WithTheReason_AndAnotherCardStillPays()
    {
        var booked = await app.BookAsync();
        Assert.Null(await app.PayAsync(booked.PaymentUrl, "pm_card_chargeDeclined"));   // the checkout page shows the decline

        Assert.Equal("generic_decline", await PaymentsApp.EventuallyAsync(
            () => app.Database.ScalarAsync<string>("SELECT failure_code FROM payments WHERE booking_id = @p0", booked.Id), "generic_decline"));
        Assert.Equal("PendingPayment", await app.StatusAsync(booked.Id));

        var summary = await SummaryPageAsync(booked.Id);
        Assert.Contains("data-testid=\"payment-error\"", summary);
        Assert.Contains("abgelehnt", summary);
        Assert.Contains("data-testid=\"pay\"", summary);

        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "pm_card_visa"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
        Assert.Null(await app.Database.ScalarAsync<string>("SELECT failure_code FROM payments WHERE booking_id = @p0", booked.Id));
    }

    [Fact]
    public async Task ThreeDSecureRequired_ThenPassed_Confirms()
    {
        var booked = await app.BookAsync();
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "pm_card_authenticationRequired", threeDSecure: "complete"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
    }

    [Fact]
    public async Task ThreeDSecureFailed_LeavesTheBookingPending_WithTheReason()
    {
        var booked = await app.BookAsync();
        Assert.Null(await app.PayAsync(booked.PaymentUrl, "pm_card_authenticationRequired", threeDSecure: "fail"));
        Assert.Equal("payment_intent_authentication_failure", await PaymentsApp.EventuallyAsync(
            () => app.Database.ScalarAsync<string>("SELECT failure_code FROM payments WHERE booking_id = @p0", booked.Id), "payment_intent_authentication_failure"));
        Assert.Equal("PendingPayment", await app.StatusAsync(booked.Id));
        Assert.Contains("Bestätigung bei Ihrer Bank ist fehlgeschlagen", await SummaryPageAsync(booked.Id));
    }

    [Fact]
    public async Task SepaDebit_ConfirmsWhileTheDebitIsUnderWay_AndSettles()
    {
        var booked = await app.BookAsync();
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "sepa_debit", iban: "DE89370400440532013000"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
        Assert.Equal("Processing", await app.PaymentStatusAsync(booked.Id));

        await app.StripeControlAsync("/_emulator/sepa/settle");
        Assert.Equal("Succeeded", await PaymentsApp.EventuallyAsync(() => app.PaymentStatusAsync(booked.Id), "Succeeded"));
        Assert.Equal("Confirmed", await app.StatusAsync(booked.Id));
    }

    [Fact]
    public async Task SepaDebitThatBounces_CancelsTheBooking_AndFreesItsPlace()
    {
        var booked = await app.BookAsync();
        var taken = await app.Database.ScalarAsync<int>(
            "SELECT taken FROM slot_counters c JOIN bookings b ON b.slot_window_id = c.window_id AND b.slot_date = c.date AND b.tenant_id = c.tenant_id WHERE b.id = @p0", booked.Id);
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "sepa_debit", iban: "DE62370400440532013001"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));

        await app.StripeControlAsync("/_emulator/sepa/settle");
        Assert.Equal("Cancelled", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Cancelled"));
        Assert.Equal("Failed", await app.PaymentStatusAsync(booked.Id));
        Assert.Equal(taken - 1, await app.Database.ScalarAsync<int>(
            "SELECT taken FROM slot_counters c JOIN bookings b ON b.slot_window_id = c.window_id AND b.slot_date = c.date AND b.tenant_id = c.tenant_id WHERE b.id = @p0", booked.Id));
    }

    [Fact]
    public async Task ComingBackWithoutPaying_ShowsTheSummaryWithARetry()
    {
        var booked = await app.BookAsync();
        using var stripe = app.StripePages();
        var checkoutPage = await stripe.GetStringAsync(booked.PaymentUrl.PathAndQuery);
        var cancel = System.Text.RegularExpressions.Regex.Match(checkoutPage, "href=\"([^\"]+)\"[^>]*data-testid=\"cancel\"").Groups[1].Value;
        var cancelUrl = new Uri(WebUtilityDecode(cancel));
        Assert.Equal(PaymentsApp.Host, cancelUrl.Host);

        using var browser = app.Factory.ClientForCity("witten");
        var page = await browser.GetStringAsync(cancelUrl.PathAndQuery);
        Assert.Contains("data-testid=\"payment-cancelled\"", page);
        Assert.Contains("data-testid=\"pay\"", page);
        Assert.Equal("PendingPayment", await app.StatusAsync(booked.Id));
    }

    [Fact]
    public async Task ReturnPage_WithoutPayment_DoesNotConfirm()
    {
        var booked = await app.BookAsync();
        var success = await SuccessUrlAsync(booked);
        using var browser = app.Factory.ClientForCity("witten");
        using var response = await browser.GetAsync(success.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"payment-pending\"", await response.Content.ReadAsStringAsync());
        Assert.Equal("PendingPayment", await app.StatusAsync(booked.Id));
    }

    [Fact]
    public async Task PayButton_OnTheSummary_LeadsToTheSameCheckout()
    {
        var booked = await app.BookAsync();
        var success = await SuccessUrlAsync(booked);
        var reference = System.Web.HttpUtility.ParseQueryString(success.Query)["reference"]!;
        using var browser = app.Factory.ClientForCity("witten");
        var summary = $"/buchen/reserviert?reference={Uri.EscapeDataString(reference)}";
        using var pay = await browser.SubmitAsync(summary, new Dictionary<string, string> { ["reference"] = reference });
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Assert.Equal(booked.PaymentUrl, pay.Headers.Location);
    }

    private async Task<Uri> SuccessUrlAsync(PaymentsApp.Booked booked)
    {
        var session = await app.StripeNet().V1.Checkout.Sessions.GetAsync(booked.PaymentUrl.Segments[^1]);
        return new Uri(session.SuccessUrl);
    }

    private async Task<string> SummaryPageAsync(Guid bookingId)
    {
        var booked = await app.Database.ScalarAsync<string>("SELECT checkout_session_id FROM payments WHERE booking_id = @p0", bookingId);
        var session = await app.StripeNet().V1.Checkout.Sessions.GetAsync(booked);
        var reference = System.Web.HttpUtility.ParseQueryString(new Uri(session.SuccessUrl).Query)["reference"]!;
        using var browser = app.Factory.ClientForCity("witten");
        return await browser.GetStringAsync($"/buchen/reserviert?reference={Uri.EscapeDataString(reference)}");
    }

    private static string WebUtilityDecode(string html) => System.Net.WebUtility.HtmlDecode(html);
}
