using System.Globalization;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Expansion;

/// <summary>One expansion criterion: met or not, and the evidence either way, in words an admin reads.</summary>
public sealed record Criterion(string Key, string Title, bool Met, string Evidence);

/// <summary>
/// Checks a city against the seven expansion criteria, from the data wherever the data can tell and from
/// admins' attestations where it cannot (trainings, marketing). Runs in the city's tenant scope.
/// </summary>
public sealed class AssessReadiness(PlatformDbContext db, FindSlots findSlots, IOptions<SchedulingOptions> scheduling, TimeProvider clock)
{
    public const int RequiredJockeys = 3;

    public static class Keys
    {
        public const string Workshop = "workshop_active_with_prices";
        public const string WorkshopTrained = "workshop_trained";
        public const string Jockeys = "jockeys_recruited_and_trained";
        public const string ReplacementCars = "replacement_cars";
        public const string Marketing = "local_marketing";
        public const string Slots = "slots_configured";
        public const string TestBooking = "test_booking_completed";
    }

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public async Task<IReadOnlyList<Criterion>> RunAsync(CancellationToken cancellationToken = default)
    {
        var city = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == db.CurrentTenantId, cancellationToken);
        var workshops = await db.PartnerWorkshops.AsNoTracking().Where(w => w.IsActive)
            .Select(w => new { w.Id, w.Name, Prices = db.WorkshopPrices.Count(p => p.WorkshopId == w.Id) })
            .ToListAsync(cancellationToken);
        var attestations = await db.ExpansionAttestations.AsNoTracking().OrderByDescending(a => a.AttestedAt).ToListAsync(cancellationToken);
        var attesters = await db.Users.AsNoTracking().Where(u => attestations.Select(a => a.AttestedBy).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancellationToken);
        string By(ExpansionAttestation a) => $"{a.Date.ToString("d. MMMM yyyy", German)}{(a.Trainer is null ? "" : $", Trainer: {a.Trainer}")}; bestätigt von {attesters.GetValueOrDefault(a.AttestedBy, "?")}";

        var criteria = new List<Criterion>();

        var priced = workshops.Where(w => w.Prices > 0).ToList();
        criteria.Add(new(Keys.Workshop, "Partnerwerkstatt aktiv mit Preisliste", priced.Count > 0,
            priced.Count > 0 ? string.Join("; ", priced.Select(w => $"{w.Name}: {w.Prices} Preise"))
            : workshops.Count > 0 ? $"{string.Join(", ", workshops.Select(w => w.Name))}: noch keine Preisliste" : "Noch keine aktive Partnerwerkstatt."));

        var trained = priced.Select(w => (w.Name, Attestation: attestations.FirstOrDefault(a => a.Kind == AttestationKind.WorkshopTraining && a.SubjectId == w.Id)))
            .Where(t => t.Attestation is not null).ToList();
        criteria.Add(new(Keys.WorkshopTrained, "Werkstatt geschult", trained.Count > 0,
            trained.Count > 0 ? string.Join("; ", trained.Select(t => $"{t.Name}: geschult am {By(t.Attestation!)}")) : "Keine Schulung einer aktiven Partnerwerkstatt bestätigt."));

        var jockeys = await db.Memberships.AsNoTracking().Where(m => m.Role == MembershipRole.Jockey && m.RevokedAt == null)
            .Select(m => m.UserId).Distinct().ToListAsync(cancellationToken);
        var trainedJockeys = jockeys.Count(j => attestations.Any(a => a.Kind == AttestationKind.JockeyTraining && a.SubjectId == j));
        criteria.Add(new(Keys.Jockeys, $"Mindestens {RequiredJockeys} Fahrer angeworben und geschult", trainedJockeys >= RequiredJockeys,
            $"{jockeys.Count} Fahrer mit aktiver Mitgliedschaft, davon {trainedJockeys} geschult (nötig: {RequiredJockeys})."));

        // A car out with a customer is still part of the fleet; one in the garage or retired is not.
        var cars = await db.ReplacementCars.CountAsync(c => c.Status == ReplacementCarStatus.Available || c.Status == ReplacementCarStatus.InUse, cancellationToken);
        criteria.Add(new(Keys.ReplacementCars, "Ersatzwagen verfügbar", cars >= city.MinimumReplacementCars,
            $"{cars} im Einsatz, mindestens {city.MinimumReplacementCars} nötig."));

        var marketing = attestations.FirstOrDefault(a => a.Kind == AttestationKind.Marketing);
        criteria.Add(new(Keys.Marketing, "Lokales Marketing vorbereitet", marketing is not null,
            marketing is null ? "Noch nicht bestätigt." : $"{marketing.Note} ({By(marketing)})"));

        criteria.Add(await SlotsAsync(workshops.Select(w => w.Id).ToList(), city.TimeZoneId, cancellationToken));

        // Done when the jockey's return protocol is recorded (Returned, or Completed with nothing left to pay); an admin's
        // manual close (CompleteTestRun, audited) also completes it, as the override for a dry run without the app.
        var testBookings = await db.Bookings.AsNoTracking().Where(b => b.IsTest).Select(b => b.Status).ToListAsync(cancellationToken);
        var completed = testBookings.Count(s => s is BookingStatus.Returned or BookingStatus.Completed);
        criteria.Add(new(Keys.TestBooking, "Testbuchung von der Zahlung bis zur Rückgabe", completed > 0,
            completed > 0 ? $"{completed} Testbuchung(en) abgeschlossen." : $"{testBookings.Count} Testbuchung(en), keine abgeschlossen."));
        return criteria;
    }

    /// <summary>
    /// Bookable capacity on each day of the slot calendar's 14-day horizon, Sundays excepted, when German workshops are
    /// closed: from the first whole day past the minimum lead time through 13 days ahead. The day on which the lead time
    /// ends is left out, because its windows may all lie before it (on a Friday evening, Saturday's morning window can no
    /// longer be booked), and a city that is ready must not read as unready at some hours of the week.
    /// </summary>
    private async Task<Criterion> SlotsAsync(IReadOnlyList<Guid> workshops, string timeZoneId, CancellationToken cancellationToken)
    {
        var days = new HashSet<DateOnly>();
        foreach (var workshop in workshops)
            foreach (var slot in await findSlots.CapacityAsync(workshop, cancellationToken)) days.Add(slot.Date);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime);
        var earliest = TimeZoneInfo.ConvertTime(clock.GetUtcNow() + scheduling.Value.MinimumLeadTime, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime;
        var first = DateOnly.FromDateTime(earliest).AddDays(earliest.TimeOfDay == TimeSpan.Zero ? 0 : 1);
        var needed = Enumerable.Range(1, 13).Select(today.AddDays).Where(d => d >= first && d.DayOfWeek != DayOfWeek.Sunday).ToList();
        var missing = needed.Where(d => !days.Contains(d)).ToList();
        return new Criterion(Keys.Slots, "Terminverwaltung eingerichtet: Kapazität an jedem der nächsten 14 Tage", missing.Count == 0,
            missing.Count == 0 ? $"An allen {needed.Count} Werktagen sind Abholfenster frei."
            : $"Ohne freie Abholfenster: {string.Join(", ", missing.Take(14).Select(d => d.ToString("ddd d.M.", German)))}.");
    }
}
