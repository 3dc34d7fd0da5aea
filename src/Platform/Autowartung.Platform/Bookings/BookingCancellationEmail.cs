using System.Globalization;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// Tells the customer that a confirmed booking is called off, by whom and why, what is refunded and what
/// is kept, and carries the calendar entry's cancellation (<c>METHOD:CANCEL</c>, same UID) so the pickup
/// leaves their calendar. Put into the outbox in the cancelling transaction. Runs in the booking's city.
/// </summary>
public sealed class BookingCancellationEmail(PlatformDbContext db, IOutbox outbox, ICustomerLinks links, TimeProvider clock)
{
    public const string Kind = "booking-cancellation";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <param name="refundCents">What goes back to the customer (0 when nothing was paid).</param>
    /// <param name="feeCents">What the city's terms keep.</param>
    public async Task AddAsync(Booking booking, CancelledBy by, string? reason, int refundCents, int feeCents, CancellationToken cancellationToken = default)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var (start, end) = (BookingConfirmation.Local(booking.PickupStartUtc, city), BookingConfirmation.Local(booking.PickupEndUtc, city));
        var who = by switch
        {
            CancelledBy.Customer => $"Sie haben Ihre Buchung {booking.Number} in {city.Name} storniert.",
            CancelledBy.Staff => $"Wir mussten Ihre Buchung {booking.Number} in {city.Name} leider stornieren. Grund: {reason?.Trim()}.",
            _ => $"Ihre Buchung {booking.Number} in {city.Name} ist storniert{(string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}")}.",
        };
        var money = new List<string>();
        if (refundCents > 0)
            money.Add($"Wir erstatten Ihnen {BookingConfirmation.Euro(refundCents)} auf die Zahlungsart, mit der Sie bezahlt haben. Das Geld ist meist in wenigen Werktagen da.");
        if (feeCents > 0)
        {
            var hours = await db.Cities.AsNoTracking().Where(c => c.Id == city.Id).Select(c => c.FreeCancellationHours).SingleAsync(cancellationToken);
            money.Add($"Nach den Bedingungen von Autowartung {city.Name} behalten wir {BookingConfirmation.Euro(feeCents)} ein, weil weniger als {hours} Stunden bis zur Abholung blieben.");
        }
        if (money.Count == 0) money.Add("Es wird nichts berechnet.");
        var message = EmailTemplate.Build(
            booking.Contact.Email,
            $"Buchung {booking.Number} storniert: keine Abholung am {start.ToString("d. MMMM", German)}",
            [
                $"Guten Tag {booking.Contact.Name},",
                who,
                $"Die Abholung am {start.ToString("dddd, d. MMMM yyyy", German)}, {start:HH:mm}–{end:HH:mm} Uhr entfällt. Öffnen Sie den Anhang, nimmt Ihr Kalender den Termin heraus.",
                .. money,
                "Einen neuen Termin buchen Sie jederzeit auf unserer Seite; Ihre Buchungen sehen Sie unter „Meine Buchungen“.",
            ],
            "Meine Buchungen", links.MyBookings()) with
        {
            Attachments = [new EmailAttachment(BookingConfirmation.CalendarFileName, CalendarEvent.CancelContentType,
                BookingConfirmation.Calendar(booking, city).ToCancellationBytes(clock.GetUtcNow()))],
        };
        outbox.AddEmail(message, Kind);
    }
}
