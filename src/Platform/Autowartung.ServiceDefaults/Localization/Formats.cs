using System.Globalization;

namespace Autowartung.ServiceDefaults.Localization;

/// <summary>
/// Dates, times and amounts as the reader's culture writes them (<see cref="CultureInfo.CurrentCulture"/>: de-DE or
/// en-GB), instants in the zone the caller gives (a city's, never the server's). Pages use these instead of German
/// patterns, so an English page reads "Tuesday, 1 December" where a German one reads "Dienstag, 1. Dezember".
/// </summary>
public static class Formats
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool German => Culture.TwoLetterISOLanguageName == "de";

    /// <summary>"Dienstag, 1. Dezember" / "Tuesday, 1 December".</summary>
    public static string Day(DateOnly day) => $"{day.ToString("dddd", Culture)}, {day.ToString("M", Culture)}";

    /// <summary>"Dienstag, 1. Dezember 2026" / "Tuesday, 1 December 2026".</summary>
    public static string DayWithYear(DateOnly day) => day.ToString("D", Culture);

    /// <summary>"07:00–09:00 Uhr" / "07:00–09:00".</summary>
    public static string Window(TimeOnly start, TimeOnly end) => $"{start.ToString("t", Culture)}–{end.ToString("t", Culture)}{(German ? " Uhr" : "")}";

    /// <summary>A pickup window in the city's time: "Dienstag, 1. Dezember 2026, 07:00–09:00 Uhr".</summary>
    public static string Window(DateTimeOffset startUtc, DateTimeOffset endUtc, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(startUtc, zone);
        var end = TimeZoneInfo.ConvertTime(endUtc, zone);
        return $"{DayWithYear(DateOnly.FromDateTime(start.DateTime))}, {Window(TimeOnly.FromDateTime(start.DateTime), TimeOnly.FromDateTime(end.DateTime))}";
    }

    /// <summary>A moment in the city's time, short: "01.12.2026 07:00" / "01/12/2026 07:00".</summary>
    public static string Moment(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("g", Culture);

    /// <summary>A day and time in the city's time, long: "Dienstag, 1. Dezember, 07:00" / "Tuesday, 1 December, 07:00".</summary>
    public static string DayAndTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))}, {local.ToString("t", Culture)}";
    }

    /// <summary>Cents as euros in the reader's way of writing numbers: "1.234,50 €" / "€1,234.50". Always euros, whatever the culture's currency.</summary>
    public static string Euro(long cents)
    {
        var format = Culture.NumberFormat;
        if (format.CurrencySymbol != "€")
        {
            format = (NumberFormatInfo)format.Clone();
            format.CurrencySymbol = "€";
        }
        return (cents / 100m).ToString("C", format);
    }
}
