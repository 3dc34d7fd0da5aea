using System.Globalization;
using System.Resources;
using Autowartung.Platform.Cities;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// How a booking's status and a city's status read to people, in the reader's language (the current UI culture
/// unless one is given): the one place every page, badge and export of every app takes them from, instead of the
/// enum's name. The German words are written here; the English ones are in <c>StatusText.en.resx</c>, keyed by the
/// German text as the apps' own texts are.
/// </summary>
public static class StatusText
{
    private static readonly ResourceManager Translations = new(typeof(StatusText));

    public static string Of(BookingStatus status, CultureInfo? culture = null) => Translate(German(status), culture);

    public static string Of(CityStatus status, CultureInfo? culture = null) => Translate(German(status), culture);

    public static string German(BookingStatus status) => status switch
    {
        BookingStatus.PendingPayment => "Reserviert, Zahlung ausstehend",
        BookingStatus.Confirmed => "Bestätigt",
        BookingStatus.PickupAssigned => "Fahrer eingeteilt",
        BookingStatus.PickedUp => "Abgeholt",
        BookingStatus.AtWorkshop => "In der Werkstatt",
        BookingStatus.InService => "In Arbeit",
        BookingStatus.AwaitingApproval => "Wartet auf Freigabe",
        BookingStatus.ReadyForReturn => "Fertig zur Rückgabe",
        BookingStatus.ReturnAssigned => "Rückgabe eingeteilt",
        BookingStatus.Returned => "Zurückgebracht",
        BookingStatus.Completed => "Abgeschlossen",
        BookingStatus.Cancelled => "Storniert",
        BookingStatus.Expired => "Reservierung abgelaufen",
        _ => status.ToString(),
    };

    public static string German(CityStatus status) => status switch
    {
        CityStatus.Onboarding => "Im Aufbau",
        CityStatus.Pilot => "Pilotbetrieb",
        CityStatus.Live => "In Betrieb",
        CityStatus.Paused => "Pausiert",
        _ => status.ToString(),
    };

    private static string Translate(string german, CultureInfo? culture) =>
        Translations.GetString(german, culture ?? CultureInfo.CurrentUICulture) ?? german;
}
