namespace Autowartung.Platform.Kpis;

/// <summary>
/// A share as its two counts, so whoever shows it decides how (a percentage with "3 von 7", two CSV
/// columns) and nobody divides by zero: with no <see cref="Denominator"/> there is no <see cref="Share"/>.
/// </summary>
public readonly record struct Rate(int Numerator, int Denominator)
{
    public double? Share => Denominator == 0 ? null : (double)Numerator / Denominator;
}

/// <summary>Paid bookings made on one local day; every day of the period has one, zeros included.</summary>
public sealed record DailyBookings(DateOnly Day, int PaidBookings);

/// <summary>The payments started in the period, by what became of them.</summary>
public sealed record PaymentOutcomes(int Succeeded, int Processing, int Failed, int Canceled, int Pending)
{
    public static readonly PaymentOutcomes None = new(0, 0, 0, 0, 0);

    /// <summary>
    /// Succeeded or processing (a SEPA debit submitted, not yet cleared) out of every payment that reached an
    /// outcome: succeeded, processing, failed (a debit bounced, a charge declined) or canceled (the checkout
    /// expired or was closed unpaid, the customer gave up). Payments still open or waiting for the customer's
    /// bank (<see cref="Pending"/>) have no outcome yet and count on neither side.
    /// </summary>
    public Rate SuccessRate => new(Succeeded + Processing, Succeeded + Processing + Failed + Canceled);

    public static PaymentOutcomes operator +(PaymentOutcomes a, PaymentOutcomes b) =>
        new(a.Succeeded + b.Succeeded, a.Processing + b.Processing, a.Failed + b.Failed, a.Canceled + b.Canceled, a.Pending + b.Pending);
}

/// <summary>
/// The key figures of one city, or of all, for a period. Test bookings, and their quotes and payments, count
/// nowhere. A <em>paid booking</em> is a booking whose own payment (the checkout, not extra work) succeeded
/// or is processing and which did not lapse (money that came after the hold expired is refunded in full).
/// Bookings and quotes belong to the local day they were made on; payments to the day they were started.
/// </summary>
/// <param name="Quotes">Quotes made in the period.</param>
/// <param name="QuotesPaid">Of those, the ones that led to a paid booking (whenever it was made).</param>
/// <param name="PaidBookings">Paid bookings made in the period, later cancellations included.</param>
/// <param name="GrossCents">Their prices, gross, in cents: what was ordered, before any refund.</param>
/// <param name="CancelledBookings">Paid bookings of the period that were cancelled since, by whoever.</param>
/// <param name="Customers">People with a paid booking in the period.</param>
/// <param name="ReturningCustomers">Of those, the ones with more than one paid booking up to the period's end (in this city, or in any city for all cities).</param>
public sealed record KpiFigures(
    int Quotes, int QuotesPaid, int PaidBookings, long GrossCents, int CancelledBookings, PaymentOutcomes Payments, int Customers, int ReturningCustomers)
{
    public static readonly KpiFigures None = new(0, 0, 0, 0, 0, PaymentOutcomes.None, 0, 0);

    /// <summary>Quotes → paid bookings, counted by quote: a quote converts once, however many bookings were tried with it, so the share never passes 100 %.</summary>
    public Rate Conversion => new(QuotesPaid, Quotes);

    /// <summary>Gross order value per paid booking in cents, rounded half away from zero; none without paid bookings.</summary>
    public int? AverageOrderValueCents => PaidBookings == 0 ? null : (int)Math.Round((decimal)GrossCents / PaidBookings, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Cancelled out of the paid bookings of the period. Not split by who cancelled: the booking keeps that only
    /// as words in its timeline, not as data, and a figure must not hang on wording.
    /// </summary>
    public Rate Cancellations => new(CancelledBookings, PaidBookings);

    /// <summary>Returning customers out of the customers with a paid booking in the period.</summary>
    public Rate Rebooking => new(ReturningCustomers, Customers);

    /// <summary>No data yet: order extensions are not built. The feature that brings them fills this.</summary>
    public Rate? ExtensionAcceptance => null;

    /// <summary>No data yet: nobody is asked for a rating so far.</summary>
    public Rate? Satisfaction => null;
}

/// <summary>One city's line in the overview of all cities.</summary>
public sealed record CityKpis(string Slug, string Name, KpiFigures Figures);

/// <summary>
/// The answer of <see cref="MeasureKpis"/>: the period as asked (local dates, both included, in
/// <see cref="TimeZoneId"/>), the figures, paid bookings per day, and, for all cities, one line per city.
/// </summary>
public sealed record KpiReport(
    DateOnly From, DateOnly To, string TimeZoneId, KpiFigures Total, IReadOnlyList<DailyBookings> Days, IReadOnlyList<CityKpis> Cities);
