using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autowartung.Platform.Data.Migrations
{
    /// <summary>
    /// A booking's timeline stores what happened (a code, and what a person wrote with it) instead of German
    /// sentences. The events already stored are read back into codes: each sentence was made by one code,
    /// and a cancellation's reason or a test run's note followed it after ": ".
    /// </summary>
    public partial class TimelineEventCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                UPDATE bookings SET events = (
                    SELECT coalesce(jsonb_agg(
                        jsonb_build_object(
                            'At', e.value -> 'At',
                            'Status', e.value -> 'Status',
                            'Code', CASE
                                WHEN e.value ->> 'Status' = 'PendingPayment' THEN 'Held'
                                WHEN e.value ->> 'Status' = 'Confirmed' THEN 'Confirmed'
                                WHEN e.value ->> 'Status' = 'Expired' THEN 'Expired'
                                WHEN e.value ->> 'Status' = 'Completed' THEN 'TestRunCompleted'
                                WHEN e.value ->> 'Note' LIKE 'Vom Kunden storniert%' THEN 'CancelledByCustomer'
                                WHEN e.value ->> 'Note' LIKE 'Von der Werkstatt storniert%' THEN 'CancelledByStaff'
                                ELSE 'CancelledBySystem'
                            END,
                            'Detail', CASE
                                WHEN position(': ' IN e.value ->> 'Note') > 0
                                THEN to_jsonb(substring(e.value ->> 'Note' FROM position(': ' IN e.value ->> 'Note') + 2))
                                ELSE 'null'::jsonb
                            END)
                        ORDER BY e.ordinality), '[]'::jsonb)
                    FROM jsonb_array_elements(bookings.events) WITH ORDINALITY AS e(value, ordinality))
                WHERE jsonb_typeof(events) = 'array';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                UPDATE bookings SET events = (
                    SELECT coalesce(jsonb_agg(
                        jsonb_build_object(
                            'At', e.value -> 'At',
                            'Status', e.value -> 'Status',
                            'Note', concat(CASE e.value ->> 'Code'
                                    WHEN 'Held' THEN 'Termin reserviert, Zahlung ausstehend'
                                    WHEN 'Confirmed' THEN 'Zahlung eingegangen, Buchung bestätigt'
                                    WHEN 'Expired' THEN 'Reservierung abgelaufen'
                                    WHEN 'TestRunCompleted' THEN 'Testlauf bis zur Rückgabe bestätigt'
                                    WHEN 'CancelledByCustomer' THEN 'Vom Kunden storniert'
                                    WHEN 'CancelledByStaff' THEN 'Von der Werkstatt storniert'
                                    ELSE 'Storniert'
                                END,
                                CASE WHEN e.value ->> 'Detail' IS NOT NULL THEN ': ' || (e.value ->> 'Detail') END))
                        ORDER BY e.ordinality), '[]'::jsonb)
                    FROM jsonb_array_elements(bookings.events) WITH ORDINALITY AS e(value, ordinality))
                WHERE jsonb_typeof(events) = 'array';
                """);
        }
    }
}
