using System.Globalization;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// Gives each confirmed booking its pickup task and each task a jockey of the city: one on shift for the
/// whole window, not busy with another task at that time, the one with the fewest tasks that day (ties go
/// to the lower user id, so the choice is stable). The database decides between two assignments racing
/// for one jockey: an exclusion constraint keeps a jockey's assigned tasks from overlapping, and the
/// loser tries the next jockey. The booking moves to <see cref="BookingStatus.PickupAssigned"/> and the
/// customer learns the jockey's first name, in one transaction with the assignment. A task nobody can
/// take is flagged, and the platform's admins are told once; the customer is not. Tasks whose jockey left
/// (shift removed, membership revoked) or whose booking was called off are cleared first. Runs in the
/// city's tenant scope.
/// </summary>
public sealed class AssignJockeys(PlatformDbContext db, IOutbox outbox, FindSlots findSlots, SlotPlaces places, CarLoans carLoans, ICustomerLinks links, TimeProvider clock)
{
    public sealed record Run(int Planned, int Released, int Assigned, int Unstaffed);

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public const string AssignedKind = "pickup-assigned";

    public const string ReturnAssignedKind = "return-assigned";

    public const string UnstaffedKind = "task-unstaffed";

    public async Task<Run> RunAsync(CancellationToken cancellationToken = default)
    {
        var planned = await PlanAsync(cancellationToken) + await PlanReturnsAsync(cancellationToken);
        var released = await ReleaseUnavailableAsync(null, cancellationToken);
        var (assigned, unstaffed) = (0, 0);
        var now = clock.GetUtcNow();
        var open = await db.JockeyTasks.AsNoTracking().Where(t => t.Status == JockeyTaskStatus.Unassigned && t.StartUtc > now)
            .OrderBy(t => t.StartUtc).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var taskId in open)
        {
            if (await AssignAsync(taskId, cancellationToken)) assigned++;
            else unstaffed++;
        }
        return new Run(planned, released, assigned, unstaffed);
    }

    /// <summary>Takes open tasks back from <paramref name="jockeyUserId"/> (or from every jockey) who can no longer do them, and finds others.</summary>
    public async Task<int> ReassignAsync(Guid jockeyUserId, CancellationToken cancellationToken = default)
    {
        var released = await ReleaseUnavailableAsync(jockeyUserId, cancellationToken);
        if (released > 0) await RunAsync(cancellationToken);
        return released;
    }

    /// <summary>A pickup task for every confirmed booking that has none; a second planning finds the first.</summary>
    private async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await (
            from booking in db.Bookings.AsNoTracking()
            where booking.Status == BookingStatus.Confirmed && booking.PickupStartUtc > now
                  && !db.JockeyTasks.Any(t => t.BookingId == booking.Id && t.Kind == JockeyTaskKind.Pickup)
            join window in db.PickupWindows.AsNoTracking() on booking.SlotWindowId equals window.Id
            select new { booking.Id, booking.SlotWindowId, booking.SlotDate, window.Start, window.End, booking.PickupStartUtc, booking.PickupEndUtc })
            .ToListAsync(cancellationToken);
        var planned = 0;
        foreach (var b in due)
        {
            db.JockeyTasks.Add(JockeyTask.Create(b.Id, JockeyTaskKind.Pickup, b.SlotWindowId, b.SlotDate, b.Start, b.End, b.PickupStartUtc, b.PickupEndUtc, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                planned++;
            }
            catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();   // another instance planned it a moment ago
            }
        }
        db.ChangeTracker.Clear();
        return planned;
    }

    /// <summary>
    /// A return task for every car ready to go back that has none: the first free window from when the
    /// customer wants it (or from now), its places taken like a pickup's, so the database decides. A car with
    /// no free window in the calendar's horizon waits for the next run.
    /// </summary>
    private async Task<int> PlanReturnsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ready = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.ReadyForReturn && !db.JockeyTasks.Any(t => t.BookingId == b.Id && t.Kind == JockeyTaskKind.Return))
            .Select(b => new { b.Id, b.WorkshopId, b.ReturnFromUtc }).ToListAsync(cancellationToken);
        var planned = 0;
        foreach (var booking in ready)
        {
            var from = booking.ReturnFromUtc > now ? booking.ReturnFromUtc : now;
            foreach (var slot in (await findSlots.ReturnWindowsAsync(booking.WorkshopId, from, cancellationToken)).Take(5))
            {
                if (await TryPlanReturnAsync(booking.Id, slot, now, cancellationToken) is not { } done) continue;
                if (done) planned++;
                break;
            }
        }
        return planned;
    }

    /// <summary>True when planned in that window, false when another run planned it first, null when the window filled up meanwhile.</summary>
    private async Task<bool?> TryPlanReturnAsync(Guid bookingId, BookableSlot slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SlotId.TryParse(slot.Id, out var windowId, out _);
        var window = await db.PickupWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await places.TakeAsync(window, slot.Date, cancellationToken, countsAsBooking: false)) return null;
            db.JockeyTasks.Add(JockeyTask.Create(bookingId, JockeyTaskKind.Return, window.Id, slot.Date, slot.Start, slot.End, slot.StartUtc, slot.EndUtc, now));
            // An order that took longer keeps its replacement car until the return; a clash goes to the admins.
            await carLoans.ExtendAsync(bookingId, Booking.NumberFor(bookingId), slot.Date, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;   // another instance planned it a moment ago; this transaction's places go back with it
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Clears open tasks that cannot stand: their booking was called off (the task is cancelled), or their
    /// jockey no longer holds the city's jockey role or a shift covering the window (the task goes back to unassigned).
    /// </summary>
    private async Task<int> ReleaseUnavailableAsync(Guid? jockeyUserId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var endedStatuses = new[] { BookingStatus.Cancelled, BookingStatus.Expired };
        await db.JockeyTasks
            .Where(t => (t.Status == JockeyTaskStatus.Unassigned || t.Status == JockeyTaskStatus.Assigned)
                        && db.Bookings.Any(b => b.Id == t.BookingId && endedStatuses.Contains(b.Status)))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, JockeyTaskStatus.Cancelled), cancellationToken);

        var assigned = await db.JockeyTasks.AsNoTracking()
            .Where(t => t.Status == JockeyTaskStatus.Assigned && t.StartUtc > now && (jockeyUserId == null || t.JockeyUserId == jockeyUserId))
            .ToListAsync(cancellationToken);
        // Whose jockey still may do it, asked once per weekday (shifts are kept per weekday), not once per task.
        var standing = new HashSet<Guid>();
        foreach (var day in assigned.GroupBy(t => t.Date.DayOfWeek))
        {
            var (weekday, ids) = (day.Key, day.Select(t => t.Id).ToList());
            standing.UnionWith(await db.JockeyTasks.AsNoTracking()
                .Where(t => ids.Contains(t.Id)
                            && db.Memberships.Any(m => m.UserId == t.JockeyUserId && m.Role == MembershipRole.Jockey && m.RevokedAt == null)
                            && db.JockeyShifts.Any(s => s.JockeyUserId == t.JockeyUserId && s.Day == weekday && s.Start <= t.Start && s.End >= t.End)
                            && db.Users.Any(u => u.Id == t.JockeyUserId && !u.IsDisabled))
                .Select(t => t.Id).ToListAsync(cancellationToken));
        }
        var released = 0;
        foreach (var task in assigned.Where(t => !standing.Contains(t.Id)))
            if (await ReleaseAsync(task.Id, now, cancellationToken)) released++;
        return released;
    }

    private async Task<bool> ReleaseAsync(Guid taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var task = await db.JockeyTasks.SingleAsync(t => t.Id == taskId, cancellationToken);
            var booking = await db.Bookings.SingleAsync(b => b.Id == task.BookingId, cancellationToken);
            if (!task.Release()) return false;
            if (task.Kind == JockeyTaskKind.Pickup) booking.ReleasePickup(now);
            else booking.ReleaseReturn(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;   // moved meanwhile (assigned anew, cancelled): the next run looks again
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The city's jockeys who hold the role and are on shift for the whole window (and have not given this task back).</summary>
    private IQueryable<Guid> Jockeys(JockeyTask task)
    {
        var day = task.Date.DayOfWeek;
        var declined = task.DeclinedBy;
        return from membership in db.Memberships
               where membership.Role == MembershipRole.Jockey && membership.RevokedAt == null && !declined.Contains(membership.UserId)
                     && db.JockeyShifts.Any(s => s.JockeyUserId == membership.UserId && s.Day == day && s.Start <= task.Start && s.End >= task.End)
                     && db.Users.Any(u => u.Id == membership.UserId && !u.IsDisabled)
               select membership.UserId;
    }

    /// <summary>Finds the task a jockey; false when none is free (the task is flagged then).</summary>
    private async Task<bool> AssignAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.JockeyTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
        var candidates = await (
            from jockey in Jockeys(task)
            where !db.JockeyTasks.Any(t => t.JockeyUserId == jockey && t.Status == JockeyTaskStatus.Assigned && t.StartUtc < task.EndUtc && t.EndUtc > task.StartUtc)
            orderby db.JockeyTasks.Count(t => t.JockeyUserId == jockey && t.Date == task.Date && t.Status != JockeyTaskStatus.Cancelled), jockey
            select jockey).ToListAsync(cancellationToken);

        foreach (var jockey in candidates)
        {
            switch (await TryAssignAsync(taskId, jockey, cancellationToken))
            {
                case Attempt.Assigned: return true;
                case Attempt.Gone: return true;   // assigned or cancelled by someone else meanwhile: nothing left to do
                case Attempt.JockeyTaken: continue;
            }
        }
        await FlagAsync(taskId, cancellationToken);
        return false;
    }

    private enum Attempt { Assigned, JockeyTaken, Gone }

    private async Task<Attempt> TryAssignAsync(Guid taskId, Guid jockeyUserId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var task = await db.JockeyTasks.SingleAsync(t => t.Id == taskId, cancellationToken);
        try
        {
            if (!await HandOverAsync(task, jockeyUserId, now, cancellationToken)) return Attempt.Gone;
            await transaction.CommitAsync(cancellationToken);
            return Attempt.Assigned;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
        {
            return Attempt.JockeyTaken;   // another task took this jockey for that time a moment ago
        }
        catch (DbUpdateConcurrencyException)
        {
            return Attempt.Gone;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Gives an unassigned (tracked) task to a jockey and saves, with the booking's step and the customer's
    /// email, inside the caller's transaction. False when the task or its booking no longer allows it.
    /// Throws the database's refusal when the jockey is busy at that time.
    /// </summary>
    internal async Task<bool> HandOverAsync(JockeyTask task, Guid jockeyUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.SingleAsync(b => b.Id == task.BookingId, cancellationToken);
        var firstName = FirstName(await db.Users.AsNoTracking().Where(u => u.Id == jockeyUserId).Select(u => u.DisplayName).SingleAsync(cancellationToken));
        var stepped = task.Kind == JockeyTaskKind.Pickup ? booking.AssignPickup(now, firstName) : booking.AssignReturn(now, firstName);
        if (!task.AssignTo(jockeyUserId, now) || !stepped) return false;
        if (task.Kind == JockeyTaskKind.Pickup) outbox.AddEmail(AssignedEmail(booking, firstName), AssignedKind);
        else outbox.AddEmail(ReturnEmail(booking, task, firstName), ReturnAssignedKind);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task FlagAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var task = await db.JockeyTasks.SingleAsync(t => t.Id == taskId, cancellationToken);
        if (!task.MarkUnstaffed(clock.GetUtcNow()))
        {
            db.ChangeTracker.Clear();
            return;
        }
        var booking = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == task.BookingId, cancellationToken);
        var admins = await db.Users.AsNoTracking().Where(u => u.IsPlatformAdmin && !u.IsDisabled && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken);
        var city = (CityTenantInfo)db.TenantInfo!;
        var start = TimeZoneInfo.ConvertTime(task.StartUtc, city.TimeZone);
        foreach (var admin in admins)
            outbox.AddEmail(EmailTemplate.Build(admin, $"{city.Name}: kein Fahrer für Buchung {booking.Number}",
                [$"Für die {(task.Kind == JockeyTaskKind.Pickup ? "Abholung" : "Rückgabe")} von Buchung {booking.Number} am {start.ToString("dddd, d. MMMM yyyy", German)} " +
                 $"um {task.Start:HH\\:mm}–{task.End:HH\\:mm} Uhr ist kein Fahrer frei, der Schicht hat.",
                 "Bitte weisen Sie einen Fahrer von Hand zu oder ergänzen Sie eine Schicht; der Kunde weiß davon nichts."]), UnstaffedKind);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Assigned meanwhile: nobody needs to hear of it.
        }
        db.ChangeTracker.Clear();
    }

    private EmailMessage AssignedEmail(Booking booking, string firstName)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var (start, end) = (TimeZoneInfo.ConvertTime(booking.PickupStartUtc, city.TimeZone), TimeZoneInfo.ConvertTime(booking.PickupEndUtc, city.TimeZone));
        return EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: {firstName} holt Ihr Auto ab",
            [$"Guten Tag {booking.Contact.Name},",
             $"{firstName} holt Ihr Auto ({booking.Vehicle.Make} {booking.Vehicle.Model}, {booking.LicensePlate}) am {start.ToString("dddd, d. MMMM yyyy", German)} " +
             $"zwischen {start:HH:mm} und {end:HH:mm} Uhr ab, bei {booking.Address}.",
             "Bitte halten Sie Fahrzeugschein und Schlüssel bereit; bei der Übergabe halten wir den Zustand des Autos gemeinsam in einem Protokoll fest."]);
    }

    private EmailMessage ReturnEmail(Booking booking, JockeyTask task, string firstName)
    {
        var city = (CityTenantInfo)db.TenantInfo!;
        var start = TimeZoneInfo.ConvertTime(task.StartUtc, city.TimeZone);
        return EmailTemplate.Build(booking.Contact.Email, $"Buchung {booking.Number}: {firstName} bringt Ihr Auto zurück",
            [$"Guten Tag {booking.Contact.Name},",
             $"Ihr Auto ({booking.Vehicle.Make} {booking.Vehicle.Model}, {booking.LicensePlate}) ist fertig. {firstName} bringt es am " +
             $"{start.ToString("dddd, d. MMMM yyyy", German)} zwischen {task.Start:HH\\:mm} und {task.End:HH\\:mm} Uhr zurück, zu {booking.Address}.",
             "Passt Ihnen das nicht, wählen Sie hier ein anderes freies Zeitfenster:"],
            "Anderes Zeitfenster wählen", links.ChooseReturn(booking.Id));
    }

    /// <summary>What the customer is told of their jockey: the first name only.</summary>
    public static string FirstName(string? displayName) =>
        displayName?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { Length: > 0 } first ? first : "Ihr Fahrer";
}
