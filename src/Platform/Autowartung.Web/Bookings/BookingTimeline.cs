using Autowartung.Platform.Bookings;
using Microsoft.Extensions.Localization;

namespace Autowartung.Web.Bookings;

/// <summary>
/// A booking's timeline in the reader's language: each event's code becomes the German sentence, which the
/// app's localizer translates (the German text is the resource key), followed by what a person wrote with it.
/// </summary>
public static class BookingTimeline
{
    public static string Describe(BookingEvent step, IStringLocalizer text)
    {
        var what = text[German(step.Code)].Value;
        return step.Detail is { } detail ? $"{what}: {detail}" : what;
    }

    /// <summary>The sentence for each code; a code without one fails the build's tests, not a reader's page.</summary>
    public static string German(BookingEventCode code) => code switch
    {
        BookingEventCode.Held => "Termin reserviert, Zahlung ausstehend",
        BookingEventCode.Confirmed => "Zahlung eingegangen, Buchung bestätigt",
        BookingEventCode.CancelledByCustomer => "Vom Kunden storniert",
        BookingEventCode.CancelledByStaff => "Von der Werkstatt storniert",
        BookingEventCode.CancelledBySystem => "Storniert",
        BookingEventCode.TestRunCompleted => "Testlauf bis zur Rückgabe bestätigt",
        BookingEventCode.Expired => "Reservierung abgelaufen",
        BookingEventCode.PickupAssigned => "Fahrer für die Abholung eingeteilt",
        BookingEventCode.PickupReleased => "Fahrer verhindert, wir teilen einen anderen ein",
        BookingEventCode.PickedUp => "Auto abgeholt",
        BookingEventCode.AtWorkshop => "In der Werkstatt angekommen",
        BookingEventCode.ServiceStarted => "Werkstatt arbeitet am Auto",
        BookingEventCode.ReadyForReturn => "Fertig, bereit zur Rückgabe",
        BookingEventCode.ReturnAssigned => "Fahrer für die Rückgabe eingeteilt",
        BookingEventCode.ReturnReleased => "Fahrer für die Rückgabe verhindert, wir teilen einen anderen ein",
        BookingEventCode.ReturnRescheduled => "Rückgabe auf Ihren Wunsch verschoben",
        BookingEventCode.Returned => "Auto zurückgebracht",
        BookingEventCode.Completed => "Auftrag abgeschlossen",
        BookingEventCode.ExtensionProposed => "Die Werkstatt schlägt zusätzliche Arbeiten vor",
        BookingEventCode.ExtensionDecided => "Zusätzliche Arbeiten entschieden, die Werkstatt arbeitet weiter",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "No sentence for this timeline event."),
    };
}
