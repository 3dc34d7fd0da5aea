using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace Autowartung.Platform.Notifications;

/// <summary>
/// One appointment as an iCalendar file (RFC 5545), built by Ical.Net: a stable UID so a changed or
/// cancelled appointment replaces the one a calendar holds, times in UTC, and an alarm an hour before.
/// </summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Summary, string Location, string Description)
{
    public const string ContentType = "text/calendar; charset=utf-8; method=PUBLISH";

    public const string CancelContentType = "text/calendar; charset=utf-8; method=CANCEL";

    /// <summary>The entry to put into a calendar (<c>METHOD:PUBLISH</c>).</summary>
    public string ToIcs(DateTimeOffset stamp) => Serialize(stamp, cancel: false);

    public byte[] ToBytes(DateTimeOffset stamp) => Encoding.UTF8.GetBytes(ToIcs(stamp));

    /// <summary>
    /// The same entry called off (<c>METHOD:CANCEL</c>, <c>STATUS:CANCELLED</c>, same UID, a higher
    /// SEQUENCE): calendar apps that took the first one remove or strike it.
    /// </summary>
    public byte[] ToCancellationBytes(DateTimeOffset stamp) => Encoding.UTF8.GetBytes(Serialize(stamp, cancel: true));

    private string Serialize(DateTimeOffset stamp, bool cancel)
    {
        var appointment = new Ical.Net.CalendarComponents.CalendarEvent
        {
            Uid = Uid,
            DtStamp = Utc(stamp),
            DtStart = Utc(StartUtc),
            DtEnd = Utc(EndUtc),
            Summary = Summary,
            Location = Location,
            Description = Description,
            Sequence = cancel ? 1 : 0,
            Status = cancel ? "CANCELLED" : "CONFIRMED",
        };
        if (!cancel)
            appointment.Alarms.Add(new Alarm { Action = "DISPLAY", Description = Summary, Trigger = new Trigger(Duration.FromHours(-1)) });
        var calendar = new IcalCalendar { ProductId = "-//Autowartung//Buchungen//DE", Scale = "GREGORIAN", Method = cancel ? "CANCEL" : "PUBLISH" };
        calendar.Events.Add(appointment);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTimeOffset at) => new(at.UtcDateTime, CalDateTime.UtcTzId, hasTime: true);
}
