using System.Globalization;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// The confirmation a customer gets once their payment is verified: an email with the booking number,
/// the pickup window, car, address and price, what happens next, the city's cancellation terms, and
/// the pickup as a calendar entry. Put into the outbox in the transaction that confirms the booking, so
/// it goes out exactly when the confirmation is committed. Runs in the booking's city.
/// </summary>
public sealed class BookingConfirmation(PlatformDbContext db, IOutbox outbox, ICustomerLinks links, TimeProvider clock)
{
    public const string Kind = "booking-confirmation";

    public const string CalendarFileName = "abholung.ics";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>What happens after the booking, as the email and the confirmation page tell it.</summary>
    public const string WhatHappensNext =
        "So geht es weiter: Unser Fahrer kommt im gebuchten Zeitfenster zu Ihnen und übernimmt Ihr Auto mit einem Übergabeprotokoll, " +
        "das Sie per E-Mail bekommen. Die Partnerwerkstatt erledigt die gebuchten Leistungen; schlägt sie weitere Arbeiten vor, " +
        "entscheiden Sie selbst darüber, Posten für Posten, ohne Ihre Zustimmung geschieht nichts zusätzlich. Danach bringen wir Ihr Auto zurück.";

    public async Task AddAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var policy = CancellationPolicy.For(await db.Cities.AsNoTracking().SingleAsync(c => c.Id == city.Id, cancellationToken));
        var (start, end) = (Local(booking.PickupStartUtc, city), Local(booking.PickupEndUtc, city));
        var message = EmailTemplate.Build(
            booking.Contact.Email,
            $"Buchung {booking.Number} bestätigt: Abholung am {start.ToString("d. MMMM", German)}",
            [
                $"Guten Tag {booking.Contact.Name},",
                $"vielen Dank, Ihre Zahlung ist eingegangen und Ihre Buchung in {city.Name} steht. Ihre Buchungsnummer: {booking.Number}.",
                $"Abholung: {start.ToString("dddd, d. MMMM yyyy", German)}, {start:HH:mm}–{end:HH:mm} Uhr, {booking.Address}.",
                $"Auto: {booking.Vehicle.Make} {booking.Vehicle.Model}, {booking.LicensePlate}.",
                $"Leistungen: {string.Join(", ", booking.Lines.Select(l => l.Description))}. Bezahlt: {Euro(booking.TotalGrossCents)} (inkl. 19 % MwSt.).",
                WhatHappensNext,
                $"Den Termin finden Sie im Anhang als Kalendereintrag. {CancellationTerms(policy, booking, city)}",
            ],
            "Meine Buchungen", links.MyBookings()) with
        {
            Attachments = [new EmailAttachment(CalendarFileName, CalendarEvent.ContentType, Calendar(booking, city).ToBytes(clock.GetUtcNow()))],
        };
        outbox.AddEmail(message, Kind);
    }

    /// <summary>The city's terms in one sentence, with the moment the free cancellation ends in the city's time.</summary>
    public static string CancellationTerms(CancellationPolicy policy, Booking booking, CityTenantInfo city)
    {
        var freeUntil = Local(policy.FreeUntil(booking.PickupStartUtc), city);
        var free = $"Bis {freeUntil.ToString("dddd, d. MMMM, HH:mm", German)} Uhr ({policy.FreeWindow.TotalHours:0} Stunden vor der Abholung) " +
                   "können Sie unter „Meine Buchungen“ kostenlos stornieren";
        return policy.LateFeeCents > 0
            ? $"{free}; danach bis zur Abholung behalten wir {Euro(policy.LateFeeCents)} ein."
            : $"{free}, danach bis zur Abholung ebenfalls ohne Gebühr.";
    }

    /// <summary>The pickup as a calendar entry: the same one the email carries and the confirmation page offers.</summary>
    public static CalendarEvent Calendar(Booking booking, CityTenantInfo city) => new(
        $"booking-{booking.Id}@autowartung",
        booking.PickupStartUtc,
        booking.PickupEndUtc,
        $"Abholung Ihres {booking.Vehicle.Make} {booking.Vehicle.Model} (Autowartung {city.Name})",
        booking.Address.ToString(),
        $"Buchung {booking.Number}. Unser Fahrer holt Ihr Auto ({booking.LicensePlate}) in diesem Zeitfenster ab. Leistungen: {string.Join(", ", booking.Lines.Select(l => l.Description))}.");

    internal static DateTimeOffset Local(DateTimeOffset utc, CityTenantInfo city) => TimeZoneInfo.ConvertTime(utc, city.TimeZone);

    internal static string Euro(int cents) => (cents / 100m).ToString("C", German);
}
