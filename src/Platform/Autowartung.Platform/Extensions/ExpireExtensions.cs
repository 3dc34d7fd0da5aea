using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Extensions;

/// <summary>
/// The job's round over sent proposals: once the city's reminder time has passed undecided (default 2 hours)
/// the customer is reminded, once; once its expiry time has passed (default 24 hours) every item lapses as
/// declined and the workshop carries on. It also charges decided proposals a crash left uncharged. Each city
/// in its own tenant scope; each change under the booking's row lock, so a decision racing the expiry wins
/// or loses whole. Runs outside any request.
/// </summary>
public sealed class ExpireExtensions(
    PlatformDbContext db, DecideExtension decide, IOutbox outbox, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    public sealed record Run(int Reminded, int Expired, int Charged);

    public const string ReminderKind = "extension-reminder";

    public const string ExpiredKind = "extension-expired";

    public async Task<Run> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Across cities on purpose: this job serves them all; each proposal is then handled in its own city.
        var open = await db.OrderExtensions.AcrossTenants().AsNoTracking()
            .Where(e => e.Status == ExtensionStatus.Sent || (e.Status == ExtensionStatus.Decided && e.PaymentId == null))
            .Select(e => EF.Property<Guid>(e, MultiTenantModel.TenantIdProperty)).Distinct().ToListAsync(cancellationToken);
        var (reminded, expired, charged) = (0, 0, 0);
        foreach (var cityId in open)
        {
            var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == cityId, cancellationToken);
            using var scope = tenancy.BeginScope(city.ToTenantInfo());
            var sent = await db.OrderExtensions.AsNoTracking().Where(e => e.Status == ExtensionStatus.Sent).Select(e => new { e.Id, e.SentAt, e.ReminderSentAt }).ToListAsync(cancellationToken);
            foreach (var extension in sent)
            {
                if (extension.SentAt!.Value.AddHours(city.ExtensionExpiryHours) <= now)
                {
                    if (await ChangeAsync(extension.Id, Change.Expire, now, cancellationToken)) expired++;
                }
                else if (extension.ReminderSentAt is null && extension.SentAt.Value.AddHours(city.ExtensionReminderHours) <= now)
                {
                    if (await ChangeAsync(extension.Id, Change.Remind, now, cancellationToken)) reminded++;
                }
            }
            charged += await decide.ChargeDecidedAsync(cancellationToken);
        }
        return new Run(reminded, expired, charged);
    }

    private enum Change { Remind, Expire }

    private async Task<bool> ChangeAsync(Guid extensionId, Change change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bookingId = await db.OrderExtensions.AsNoTracking().Where(e => e.Id == extensionId).Select(e => e.BookingId).SingleAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockBookingAsync(bookingId, cancellationToken);
        var extension = await db.OrderExtensions.SingleAsync(e => e.Id == extensionId, cancellationToken);
        var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId, cancellationToken);
        if (change == Change.Remind)
        {
            if (!extension.Remind(now)) return false;
            outbox.AddEmail(Reminder(booking), ReminderKind);
        }
        else
        {
            if (!extension.Expire(now)) return false;
            booking.ResumeService(now);
            outbox.AddEmail(Lapsed(booking), ExpiredKind);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private static EmailMessage Reminder(Booking booking) => booking.InEnglish
        ? EmailTemplate.Build(booking.Contact.Email, $"Booking {booking.Number}: the workshop is waiting for your decision",
            [$"Hello {booking.Contact.Name},", "The extra work the workshop proposed for your car still waits for your decision. Please use the link in our first email."])
        : EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: Die Werkstatt wartet auf Ihre Entscheidung",
            [$"Guten Tag {booking.Contact.Name},", "Die zusätzlichen Arbeiten, die die Werkstatt für Ihr Auto vorschlägt, warten noch auf Ihre Entscheidung. Bitte nutzen Sie den Link aus unserer ersten E-Mail."]);

    private static EmailMessage Lapsed(Booking booking) => booking.InEnglish
        ? EmailTemplate.Build(booking.Contact.Email, $"Booking {booking.Number}: the proposed extra work has lapsed",
            [$"Hello {booking.Contact.Name},", "You did not decide on the proposed extra work in time, so it counts as declined and nothing is charged. The workshop finishes the work you booked."])
        : EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: Die vorgeschlagenen Zusatzarbeiten sind abgelaufen",
            [$"Guten Tag {booking.Contact.Name},", "Sie haben nicht rechtzeitig entschieden; die vorgeschlagenen Arbeiten gelten als abgelehnt, und nichts wird berechnet. Die Werkstatt erledigt den gebuchten Auftrag."]);
}
