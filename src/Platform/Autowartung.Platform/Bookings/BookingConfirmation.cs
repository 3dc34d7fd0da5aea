using System.Globalization;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// The confirmation a customer gets once their payment is verified: an email with the pickup window,
/// car, address and price, and the pickup as a calendar entry. Runs in the booking's city.
/// </summary>
public sealed class BookingConfirmation(PlatformDbContext db, IEmailSender email, ICustomerLinks links, TimeProvider clock)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public const string CalendarFileName = "abholung.ics";

    public async Task SendAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var (start, end) = (TimeZoneInfo.ConvertTime(booking.PickupStartUtc, city.TimeZone), TimeZoneInfo.ConvertTime(booking.PickupEndUtc, city.TimeZone));
        var message = EmailTemplate.Build(
            booking.Contact.Email,
            $"Buchung bestätigt: Abholung am {start.ToString("d. MMMM", German)}",
            [
                $"Guten Tag {booking.Contact.Name},",
                $"vielen Dank, Ihre Zahlung ist eingegangen und Ihre Buchung in {city.Name} steht.",
                $"Abholung: {start.ToString("dddd, d. MMMM yyyy", German)}, {start:HH:mm}–{end:HH:mm} Uhr, {booking.Address}.",
                $"Auto: {booking.Vehicle.Make} {booking.Vehicle.Model}, {booking.LicensePlate}.",
                $"Leistungen: {string.Join(", ", booking.Lines.Select(l => l.Description))}. Bezahlt: {Euro(booking.TotalGrossCents)} (inkl. 19 % MwSt.).",
                "Den Termin finden Sie im Anhang als Kalendereintrag. Bis zur Abholung können Sie die Buchung unter „Meine Buchungen“ ansehen oder stornieren.",
            ],
            "Meine Buchungen", links.MyBookings()) with
        {
            Attachments = [new EmailAttachment(CalendarFileName, CalendarEvent.ContentType, Calendar(booking, city).ToBytes(clock.GetUtcNow()))],
        };
        await email.SendAsync(message, cancellationToken);
    }

    /// <summary>The pickup as a calendar entry: the same one the email carries and the confirmation page offers.</summary>
    public static CalendarEvent Calendar(Booking booking, CityTenantInfo city) => new(
        $"booking-{booking.Id}@autowartung",
        booking.PickupStartUtc,
        booking.PickupEndUtc,
        $"Abholung Ihres {booking.Vehicle.Make} {booking.Vehicle.Model} (Autowartung {city.Name})",
        booking.Address.ToString(),
        $"Unser Fahrer holt Ihr Auto ({booking.LicensePlate}) in diesem Zeitfenster ab. Leistungen: {string.Join(", ", booking.Lines.Select(l => l.Description))}.");

    private static string Euro(int cents) => (cents / 100m).ToString("C", German);
}
