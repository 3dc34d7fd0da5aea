using Autowartung.Platform.Bookings;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Payments;

namespace Autowartung.Platform.Tests;

public sealed class PaymentDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoMetadata = [];

    private static Payment NewPayment(int amount = 12_900) => Payment.Create(Guid.NewGuid(), PaymentPurpose.Booking, "booking", "Buchung", amount, Now);

    private static GatewayPayment Intent(GatewayPaymentState state, PaymentFailure? failure = null, Uri? action = null) =>
        new("pi_1", state, 12_900, state == GatewayPaymentState.Succeeded ? 12_900 : 0, state == GatewayPaymentState.Succeeded ? "ch_1" : null,
            "pm_1", "visa •••• 4242", action, failure, NoMetadata);

    private static GatewayCheckout Checkout(GatewayCheckoutState state, GatewayPayment? payment, bool paid = false) =>
        new("cs_1", state, paid, state == GatewayCheckoutState.Open ? new Uri("http://stripe.test/c/pay/cs_1") : null, payment, NoMetadata);

    [Fact]
    public void Create_DerivesTheIdempotencyKeyFromItsOwnId()
    {
        var payment = NewPayment();
        Assert.Equal($"payment-{payment.Id:N}", payment.IdempotencyKey);
        Assert.Equal(PaymentStatus.Created, payment.Status);
    }

    [Fact]
    public void Observe_WhenTheCheckoutIsPaid_Succeeds_AndKeepsTheProviderIds()
    {
        var payment = NewPayment();
        payment.OpenCheckout(Checkout(GatewayCheckoutState.Open, null), Now);
        Assert.True(payment.Observe(Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.Succeeded), paid: true), Now));
        Assert.Equal((PaymentStatus.Succeeded, "pi_1", "ch_1", "pm_1"), (payment.Status, payment.PaymentIntentId, payment.ChargeId, payment.PaymentMethodId));
        Assert.Null(payment.CheckoutUrl);
    }

    [Fact]
    public void Observe_WhenTheSameNewsComesTwice_ChangesNothingTheSecondTime()
    {
        var payment = NewPayment();
        var paid = Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.Succeeded), paid: true);
        Assert.True(payment.Observe(paid, Now));
        Assert.False(payment.Observe(paid, Now.AddMinutes(1)));
    }

    [Fact]
    public void Observe_WhenOlderNewsArrivesAfterSuccess_StaysSucceeded()
    {
        var payment = NewPayment();
        payment.Observe(Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.Succeeded), paid: true), Now);
        Assert.False(payment.Observe(Checkout(GatewayCheckoutState.Open, Intent(GatewayPaymentState.RequiresPaymentMethod, new(PaymentFailureKind.Declined, "card_declined"))), Now));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
    }

    [Fact]
    public void Observe_WhenACardWasDeclinedInAnOpenCheckout_StaysOpenWithTheReason()
    {
        var payment = NewPayment();
        payment.Observe(Checkout(GatewayCheckoutState.Open, Intent(GatewayPaymentState.RequiresPaymentMethod, new(PaymentFailureKind.Declined, "generic_decline"))), Now);
        Assert.Equal((PaymentStatus.Open, PaymentFailureKind.Declined, "generic_decline"), (payment.Status, payment.FailureKind, payment.FailureCode));
    }

    [Fact]
    public void Observe_WhenADebitBouncesAfterTheCheckoutCompleted_Fails()
    {
        var payment = NewPayment();
        payment.Observe(Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.Processing)), Now);
        Assert.Equal(PaymentStatus.Processing, payment.Status);
        payment.Observe(Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.RequiresPaymentMethod, new(PaymentFailureKind.Other, "payment_method_not_available"))), Now);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
    }

    [Fact]
    public void Observe_OffSessionWhenTheBankWantsTheCustomer_RequiresAction()
    {
        var payment = Payment.Create(Guid.NewGuid(), PaymentPurpose.ExtraWork, "ext-1", "Bremsscheiben", 24_000, Now);
        payment.Observe(Intent(GatewayPaymentState.RequiresPaymentMethod, new(PaymentFailureKind.AuthenticationRequired, "authentication_required")), Now);
        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        payment.Observe(Intent(GatewayPaymentState.RequiresAction, action: new Uri("http://stripe.test/3ds/pi_1")), Now);
        Assert.Equal("http://stripe.test/3ds/pi_1", payment.ActionUrl);
        payment.Observe(Intent(GatewayPaymentState.Succeeded), Now);
        Assert.Equal((PaymentStatus.Succeeded, null), (payment.Status, payment.ActionUrl));
    }

    [Fact]
    public void Refund_Request_ReservesTheAmount_AndRefusesMoreThanWasPaid()
    {
        var payment = NewPayment(10_000);
        payment.Observe(Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.Succeeded), paid: true), Now);
        var refund = Refund.Request(payment, 8_500, "Stornierung", Now);
        Assert.Equal((8_500, 1_500, RefundStatus.Requested), (payment.RefundedCents, payment.RefundableCents, refund.Status));
        Assert.Equal($"refund-{refund.Id:N}", refund.IdempotencyKey);
        Assert.Throws<InvalidOperationException>(() => Refund.Request(payment, 1_501, "zu viel", Now));
    }

    [Fact]
    public void Refund_Observe_WhenItFailed_GivesTheAmountBack()
    {
        var payment = NewPayment(10_000);
        payment.Observe(Checkout(GatewayCheckoutState.Complete, Intent(GatewayPaymentState.Succeeded), paid: true), Now);
        var refund = Refund.Request(payment, 10_000, "Stornierung", Now);
        Assert.True(refund.Observe(new GatewayRefund("re_1", GatewayRefundState.Failed, 10_000, "lost_or_stolen_card"), Now));
        payment.RevertRefund(refund.AmountCents, Now);
        Assert.Equal(10_000, payment.RefundableCents);
        Assert.False(refund.Observe(new GatewayRefund("re_1", GatewayRefundState.Failed, 10_000, "lost_or_stolen_card"), Now));
    }

    [Theory]
    [InlineData(48, CancelledBy.Customer, 0)]      // two days ahead: inside the free window
    [InlineData(24, CancelledBy.Customer, 0)]      // exactly at the edge: still free
    [InlineData(23, CancelledBy.Customer, 1_500)]  // later: the city's fee
    [InlineData(1, CancelledBy.Staff, 0)]          // staff never cost the customer
    public void CancellationPolicy_FeeCents_FollowsTheCitysWindow(int hoursBeforePickup, CancelledBy by, int expectedFee)
    {
        var policy = new CancellationPolicy(TimeSpan.FromHours(24), 1_500);
        var pickup = Now.AddHours(hoursBeforePickup);
        Assert.Equal(expectedFee, policy.FeeCents(pickup, 12_900, Now, by));
    }

    [Fact]
    public void CancellationPolicy_FeeCents_NeverExceedsWhatWasPaid() =>
        Assert.Equal(900, new CancellationPolicy(TimeSpan.FromHours(24), 1_500).FeeCents(Now.AddHours(2), 900, Now, CancelledBy.Customer));

    [Fact]
    public void CalendarEvent_ToIcs_WritesUtcTimesEscapedTextAndFoldedLines()
    {
        var ics = new CalendarEvent("booking-1@autowartung", new(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), new(2026, 3, 29, 9, 0, 0, TimeSpan.Zero),
            "Abholung; Opel, Corsa", "Bahnhofstraße 2, 58452 Witten", new string('ä', 60)).ToIcs(Now);

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.Contains("\r\nVERSION:2.0\r\n", ics);
        Assert.Contains("\r\nMETHOD:PUBLISH\r\n", ics);
        Assert.Contains("\r\nUID:booking-1@autowartung\r\n", ics);
        // The alarm an hour before.
        Assert.Contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n", ics);
        Assert.Contains("\r\nTRIGGER:-PT1H\r\n", ics);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.Contains("DTSTART:20260329T070000Z\r\n", ics);
        Assert.Contains("DTEND:20260329T090000Z\r\n", ics);
        Assert.Contains("DTSTAMP:20261121T120000Z\r\n", ics);
        Assert.Contains(@"SUMMARY:Abholung\; Opel\, Corsa", ics);
        Assert.Contains(@"LOCATION:Bahnhofstraße 2\, 58452 Witten", ics);
        foreach (var line in ics.Split("\r\n")) Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line);
        // Unfolded, the long description is whole again.
        Assert.Contains("DESCRIPTION:" + new string('ä', 60), ics.Replace("\r\n ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void CalendarEvent_Cancellation_CallsOffTheSameUid_WithAHigherSequence_AndNoAlarm()
    {
        var appointment = new CalendarEvent("booking-1@autowartung", new(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), new(2026, 3, 29, 9, 0, 0, TimeSpan.Zero),
            "Abholung", "Bahnhofstraße 2, 58452 Witten", "Leistungen");
        var published = appointment.ToIcs(Now);
        var cancelled = System.Text.Encoding.UTF8.GetString(appointment.ToCancellationBytes(Now));

        Assert.Contains("\r\nMETHOD:CANCEL\r\n", cancelled);
        Assert.Contains("\r\nSTATUS:CANCELLED\r\n", cancelled);
        Assert.Contains("\r\nUID:booking-1@autowartung\r\n", cancelled);
        Assert.Contains("\r\nDTSTART:20260329T070000Z\r\n", cancelled);
        Assert.Contains("\r\nSEQUENCE:0\r\n", published);
        Assert.Contains("\r\nSEQUENCE:1\r\n", cancelled);
        Assert.DoesNotContain("VALARM", cancelled);
    }

    [Fact]
    public void BookingNumber_IsStableAndReadable_FromTheIdsRandomEnd()
    {
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0123456789ab");
        Assert.Equal(Bookings.Booking.NumberFor(id), Bookings.Booking.NumberFor(id));
        Assert.Matches("^AW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", Bookings.Booking.NumberFor(id));
        Assert.NotEqual(Bookings.Booking.NumberFor(id), Bookings.Booking.NumberFor(Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0123456789ac")));
    }
}
