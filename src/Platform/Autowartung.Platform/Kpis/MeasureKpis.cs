using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Kpis;

/// <summary>
/// Measures the key figures (<see cref="KpiFigures"/>) of one city or of all cities for a period of local
/// dates: a city's in its own time zone, all cities together in Europe/Berlin (each city's line too, so the
/// lines add up to the total). Every figure is counted by the database (GROUP BY); no booking is loaded, the
/// platform is measured with a million of them.
/// </summary>
public sealed class MeasureKpis(PlatformDbContext db, TimeProvider clock)
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;
    public const string OverallTimeZoneId = "Europe/Berlin";

    /// <summary>From and to are local dates, both included.</summary>
    public sealed record Request(DateOnly? From, DateOnly? To);

    /// <summary>The last <see cref="DefaultDays"/> days up to today in <paramref name="timeZoneId"/>.</summary>
    public Request DefaultPeriod(string timeZoneId)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime);
        return new Request(today.AddDays(1 - DefaultDays), today);
    }

    private static Dictionary<string, string[]> Validate(Request request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.From is null) errors["from"] = ["Bitte den ersten Tag angeben."];
        if (request.To is null) errors["to"] = ["Bitte den letzten Tag angeben."];
        if (request is { From: { } from, To: { } to })
        {
            if (to < from) errors["to"] = ["Der letzte Tag darf nicht vor dem ersten liegen."];
            else if (to.DayNumber - from.DayNumber + 1 > MaxDays) errors["to"] = [$"Höchstens {MaxDays} Tage auf einmal."];
        }
        return errors;
    }

    /// <summary>The current city's figures. Runs in the city's tenant scope.</summary>
    public async Task<Result<KpiReport>> ForCityAsync(Request request, CancellationToken cancellationToken = default)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return Result.Invalid(errors);
        var cityId = db.CurrentTenantId;
        var city = await db.Cities.AsNoTracking().Where(c => c.Id == cityId).Select(c => new { c.Slug, c.Name, c.TimeZoneId }).SingleAsync(cancellationToken);
        var period = Period.Of(request, city.TimeZoneId);
        var scope = new Scope(db.Bookings, db.Payments, db.Quotes);

        var figures = await PerCityAsync(scope, period, cancellationToken);
        var total = figures.GetValueOrDefault(cityId, KpiFigures.None);
        var days = await PerDayAsync(scope, period, cancellationToken);
        return new KpiReport(period.From, period.To, period.TimeZoneId, total, days, [new CityKpis(city.Slug, city.Name, total)]);
    }

    /// <summary>All cities together, with one line per city (sorted by name, cities without a figure included).</summary>
    public async Task<Result<KpiReport>> AcrossCitiesAsync(Request request, CancellationToken cancellationToken = default)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return Result.Invalid(errors);
        var period = Period.Of(request, OverallTimeZoneId);
        // The platform team's view over every city: deliberately across tenants.
        var scope = new Scope(db.Bookings.AcrossTenants(), db.Payments.AcrossTenants(), db.Quotes.AcrossTenants());

        var figures = await PerCityAsync(scope, period, cancellationToken);
        var cities = (await db.Cities.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Slug, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new CityKpis(c.Slug, c.Name, figures.GetValueOrDefault(c.Id, KpiFigures.None)))
            .ToList();
        // A person may book in several cities: they count once in the total, so customers are counted anew rather than added up.
        var (customers, returning) = await CustomersAsync(scope, period, cancellationToken);
        var total = cities.Select(c => c.Figures).Aggregate(KpiFigures.None, (sum, f) => sum with
        {
            Quotes = sum.Quotes + f.Quotes,
            QuotesPaid = sum.QuotesPaid + f.QuotesPaid,
            PaidBookings = sum.PaidBookings + f.PaidBookings,
            GrossCents = sum.GrossCents + f.GrossCents,
            CancelledBookings = sum.CancelledBookings + f.CancelledBookings,
            Payments = sum.Payments + f.Payments,
        }) with
        { Customers = customers, ReturningCustomers = returning };
        var days = await PerDayAsync(scope, period, cancellationToken);
        return new KpiReport(period.From, period.To, period.TimeZoneId, total, days, cities);
    }

    /// <summary>The rows measured: one city's (through the tenant filter) or every city's.</summary>
    private sealed record Scope(IQueryable<Booking> Bookings, IQueryable<Payment> Payments, IQueryable<Quote> Quotes)
    {
        /// <summary>See <see cref="KpiFigures"/>: not a test, did not lapse, its checkout payment succeeded or is processing.</summary>
        public IQueryable<Booking> PaidBookings
        {
            get
            {
                var payments = Payments;
                return Bookings.Where(b => !b.IsTest && b.Status != BookingStatus.Expired
                    && payments.Where(CheckoutPayment.IsCheckout).Any(p => EF.Property<Guid>(p, MultiTenantModel.TenantIdProperty) == EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty)
                        && p.BookingId == b.Id
                        && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.Processing)));
            }
        }
    }

    /// <summary>The period's local dates and the instants they begin and end at.</summary>
    private sealed record Period(DateOnly From, DateOnly To, string TimeZoneId, DateTimeOffset Start, DateTimeOffset End)
    {
        public static Period Of(Request request, string timeZoneId)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            var (from, to) = (request.From!.Value, request.To!.Value);
            return new Period(from, to, timeZoneId, SlotCalendar.ToUtc(from, TimeOnly.MinValue, zone), SlotCalendar.ToUtc(to.AddDays(1), TimeOnly.MinValue, zone));
        }
    }

    private static async Task<Dictionary<Guid, KpiFigures>> PerCityAsync(Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start, period.End);
        var bookings = scope.Bookings;
        var paid = scope.PaidBookings;

        // One pass over each customer's paid bookings up to the period's end: what they ordered in the period, and
        // whether they had paid for another booking (before or in it) that makes them a returning customer.
        var orders = await paid.Where(b => b.CreatedAt < end)
            .GroupBy(b => new { CityId = EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty), b.CustomerUserId })
            .Select(g => new
            {
                g.Key.CityId,
                Paid = g.Count(),
                InPeriod = g.Count(b => b.CreatedAt >= start),
                Gross = g.Sum(b => b.CreatedAt >= start ? (long)b.TotalGrossCents : 0L),
                Cancelled = g.Count(b => b.CreatedAt >= start && b.Status == BookingStatus.Cancelled),
            })
            .Where(c => c.InPeriod > 0)
            .GroupBy(c => c.CityId)
            .Select(g => new
            {
                CityId = g.Key,
                Bookings = g.Sum(c => c.InPeriod),
                Gross = g.Sum(c => c.Gross),
                Cancelled = g.Sum(c => c.Cancelled),
                Customers = g.Count(),
                Returning = g.Count(c => c.Paid > 1),
            })
            .ToDictionaryAsync(x => x.CityId, cancellationToken);

        // Quotes made while their city was in onboarding are tests, as are their bookings. The conversion is a join the
        // database can hash: an EXISTS inside the aggregate would run once per quote, and bookings have no index on quote_id.
        var quotesInPeriod = scope.Quotes.Where(q => q.CreatedAt >= start && q.CreatedAt < end && !q.IsTest);
        var quoted = await quotesInPeriod
            .GroupBy(q => EF.Property<Guid>(q, MultiTenantModel.TenantIdProperty))
            .Select(g => new { CityId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.CityId, x => x.Count, cancellationToken);
        // A booking is made after its quote, so only bookings from the period's start on can be one of these quotes' bookings.
        var converted = await paid.Where(b => b.CreatedAt >= start
                && quotesInPeriod.Any(q => EF.Property<Guid>(q, MultiTenantModel.TenantIdProperty) == EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty)
                    && q.Id == b.QuoteId))
            .GroupBy(b => EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty))
            .Select(g => new { CityId = g.Key, Count = g.Select(b => b.QuoteId).Distinct().Count() })
            .ToDictionaryAsync(x => x.CityId, x => x.Count, cancellationToken);

        var payments = (await scope.Payments
                .Where(p => p.CreatedAt >= start && p.CreatedAt < end
                    && bookings.Any(b => EF.Property<Guid>(b, MultiTenantModel.TenantIdProperty) == EF.Property<Guid>(p, MultiTenantModel.TenantIdProperty)
                        && b.Id == p.BookingId && !b.IsTest))
                .GroupBy(p => new { CityId = EF.Property<Guid>(p, MultiTenantModel.TenantIdProperty), p.Status })
                .Select(g => new { g.Key.CityId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.CityId)
            .ToDictionary(g => g.Key, g => g.Aggregate(PaymentOutcomes.None, (sum, x) => sum + Counted(x.Status, x.Count)));

        return orders.Keys.Union(quoted.Keys).Union(payments.Keys).ToDictionary(id => id, id =>
        {
            var order = orders.GetValueOrDefault(id);
            return new KpiFigures(
                quoted.GetValueOrDefault(id), converted.GetValueOrDefault(id), order?.Bookings ?? 0, order?.Gross ?? 0, order?.Cancelled ?? 0,
                payments.GetValueOrDefault(id, PaymentOutcomes.None), order?.Customers ?? 0, order?.Returning ?? 0);
        });
    }

    /// <summary>Customers with a paid booking in the period and, of those, the ones who paid for more than one booking up to its end, in any city.</summary>
    private static async Task<(int Customers, int Returning)> CustomersAsync(Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start, period.End);
        var counts = await scope.PaidBookings.Where(b => b.CreatedAt < end)
            .GroupBy(b => b.CustomerUserId)
            .Select(g => new { InPeriod = g.Count(b => b.CreatedAt >= start), Paid = g.Count() })
            .Where(c => c.InPeriod > 0)
            .GroupBy(c => 1)
            .Select(g => new { Count = g.Count(), Returning = g.Count(c => c.Paid > 1) })
            .SingleOrDefaultAsync(cancellationToken);
        return (counts?.Count ?? 0, counts?.Returning ?? 0);
    }

    private static async Task<IReadOnlyList<DailyBookings>> PerDayAsync(Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end, zone) = (period.Start, period.End, period.TimeZoneId);
        var counts = await scope.PaidBookings.Where(b => b.CreatedAt >= start && b.CreatedAt < end)
            // (created_at AT TIME ZONE zone)::date; Npgsql translates the DateTime overload only.
            .GroupBy(b => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(b.CreatedAt.UtcDateTime, zone)))
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Day, x => x.Count, cancellationToken);
        return Enumerable.Range(0, period.To.DayNumber - period.From.DayNumber + 1)
            .Select(period.From.AddDays)
            .Select(day => new DailyBookings(day, counts.GetValueOrDefault(day)))
            .ToList();
    }

    private static PaymentOutcomes Counted(PaymentStatus status, int count) => status switch
    {
        PaymentStatus.Succeeded => PaymentOutcomes.None with { Succeeded = count },
        PaymentStatus.Processing => PaymentOutcomes.None with { Processing = count },
        PaymentStatus.Failed => PaymentOutcomes.None with { Failed = count },
        PaymentStatus.Canceled => PaymentOutcomes.None with { Canceled = count },
        _ => PaymentOutcomes.None with { Pending = count },
    };
}
