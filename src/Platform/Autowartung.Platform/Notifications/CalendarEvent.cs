using System.Globalization;
using System.Text;

namespace Autowartung.Platform.Notifications;

/// <summary>
/// One appointment as an iCalendar file (RFC 5545), the few lines calendar apps need: a stable UID so a
/// changed appointment replaces the old one, times in UTC, text escaped and lines folded at 75 octets.
/// </summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Summary, string Location, string Description)
{
    public const string ContentType = "text/calendar; charset=utf-8; method=PUBLISH";

    public string ToIcs(DateTimeOffset stamp)
    {
        var lines = new[]
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Autowartung//Buchungen//DE",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{Escape(Uid)}",
            $"DTSTAMP:{Utc(stamp)}",
            $"DTSTART:{Utc(StartUtc)}",
            $"DTEND:{Utc(EndUtc)}",
            $"SUMMARY:{Escape(Summary)}",
            $"LOCATION:{Escape(Location)}",
            $"DESCRIPTION:{Escape(Description)}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT1H",
            $"DESCRIPTION:{Escape(Summary)}",
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR",
        };
        var ics = new StringBuilder();
        foreach (var line in lines) Fold(ics, line);
        return ics.ToString();
    }

    public byte[] ToBytes(DateTimeOffset stamp) => Encoding.UTF8.GetBytes(ToIcs(stamp));

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after CRLF and a space, never inside a UTF-8 character.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 0;
                limit = 74;   // the leading space counts
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
