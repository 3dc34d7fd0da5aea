using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Autowartung.MultiTenancy;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Kpis;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Admin.Web.Tests;

/// <summary>
/// Witten and Dortmund with quotes, bookings and payments of March 2026 whose figures are known (listed with
/// the tests), and a third city in onboarding without any, named like a spreadsheet formula. Times are
/// written in UTC; Berlin is UTC+1 until 29 March 2026, 02:00, and UTC+2 after.
/// </summary>
public sealed class KpiApp : AppFixture<Program>
{
    public const string FormulaName = "=HYPERLINK(\"http://evil.example\";\"klick\")";

    public PlatformUser Admin { get; private set; } = null!;

    public PlatformUser Someone { get; private set; } = null!;

    public HttpClient AdminClient(string language = "de-DE")
    {
        var client = Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(Factory.Services, Admin, secondFactor: true));
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public async Task<KpiReport> CityAsync(string slug, DateOnly from, DateOnly to)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var city = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Cities.AsNoTracking().SingleAsync(c => c.Slug == slug);
        using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(city.ToTenantInfo());
        var outcome = await scope.ServiceProvider.GetRequiredService<MeasureKpis>().ForCityAsync(new(from, to));
        return outcome.Value;
    }

    public async Task<KpiReport> AllAsync(DateOnly from, DateOnly to) => (await MeasureAllAsync(from, to)).Value;

    public async Task<Result<KpiReport>> MeasureAllAsync(DateOnly? from, DateOnly? to)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MeasureKpis>().AcrossCitiesAsync(new(from, to));
    }

    protected override async Task SeedAsync()
    {
        Admin = await Database.AddPersonAsync("kpi-admin@test.example", platformAdmin: true);
        Someone = await Database.AddPersonAsync("kpi-someone@test.example");
        var witten = await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452", "58453"], "Werkstatt Witten");
        var dortmund = await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135"], "Werkstatt Dortmund");
        await Database.AddCityAsync("bochum", FormulaName, CityStatus.Onboarding, ["44787"]);
        await Database.ExecuteAsync("""
            INSERT INTO pickup_windows (tenant_id, id, workshop_id, day, start, "end", capacity)
            SELECT tenant_id, gen_random_uuid(), id, 'Monday', '07:00', '09:00', 5 FROM partner_workshops
            """);
        var (c1, c2, c3, c4, c5, c6, c8) = (await Customer("c1"), await Customer("c2"), await Customer("c3"), await Customer("c4"),
            await Customer("c5"), await Customer("c6"), await Customer("c8"));

        // Witten, 20–31 March: quotes Q1–Q5, Q7–Q10 (9; Q6 is a test's), paid bookings B1, B2, B3, B11 (4, gross 50,002 ct).
        await Booking(witten, "2026-03-15T10:00Z", "2026-03-19T22:59Z", c2, "Completed", 8_000, "Succeeded");       // B7: 23:59 on the 19th, before
        var b1 = await Booking(witten, "2026-03-19T23:00Z", "2026-03-19T23:30Z", c1, "Confirmed", 10_000, "Succeeded"); // B1: 00:30 on the 20th
        await Payment(witten, b1, "ExtraWork", "Failed", "2026-03-21T10:00Z");                                         // extra work declined
        await Booking(witten, "2026-03-31T21:00Z", "2026-03-31T21:59Z", c2, "Confirmed", 20_002, "Processing");      // B2: 23:59 CEST on the 31st, SEPA
        await Booking(witten, "2026-03-25T10:00Z", "2026-03-25T11:00Z", c1, "Cancelled", 15_000, "Succeeded");       // B3: paid, then cancelled
        await Booking(witten, "2026-03-25T12:00Z", "2026-03-25T12:05Z", c3, "Expired", 9_000, "Canceled");           // B4: never paid
        await Booking(witten, "2026-03-26T09:00Z", "2026-03-26T09:05Z", c3, "PendingPayment", 9_000, "Open");        // B5: still open
        await Booking(witten, "2026-03-23T10:00Z", "2026-03-23T10:05Z", c4, "Confirmed", 99_999, "Succeeded", isTest: true); // B6: a test
        await Booking(witten, "2026-03-31T21:50Z", "2026-03-31T22:00Z", c5, "Confirmed", 7_000, "Succeeded");        // B8: quote on the 31st, paid 00:00 on 1 April
        await Booking(witten, "2026-03-26T10:00Z", "2026-03-26T10:05Z", c6, "Cancelled", 9_000, "Failed");           // B9: the debit bounced
        await Booking(witten, "2026-03-27T10:00Z", "2026-03-27T10:05Z", c6, "Expired", 9_000, "Succeeded");          // B10: money after the hold lapsed
        await Booking(witten, "2026-03-28T09:00Z", "2026-03-28T09:05Z", c5, "Confirmed", 5_000, "Succeeded");        // B11
        await Booking(witten, "2026-03-10T09:00Z", "2026-03-10T09:05Z", c8, "Completed", 6_000, "Succeeded");        // B12: C8's first, long before

        // Dortmund: quotes QD1–QD3, paid bookings D1 (C1, who also books in Witten) and D2 (C8, cancelled).
        await Booking(dortmund, "2026-03-22T08:00Z", "2026-03-22T09:00Z", c1, "Confirmed", 30_000, "Succeeded");
        await Booking(dortmund, "2026-03-25T07:00Z", "2026-03-25T08:00Z", c8, "Cancelled", 7_000, "Succeeded");
        await Quote(dortmund, "2026-03-30T07:00Z");
    }

    private async Task<Guid> Customer(string name) => (await Database.AddPersonAsync($"kpi-{name}@test.example")).Id;

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    /// <summary>A quote; a test quote is one made while its city was in onboarding, as a test booking's is.</summary>
    private async Task<Guid> Quote(CityTenantInfo city, string createdAt, bool isTest = false)
    {
        var id = Guid.NewGuid();
        await Database.ExecuteAsync("""
            INSERT INTO quotes (tenant_id, id, workshop_id, postal_code, total_net_cents, total_vat_cents, total_gross_cents, created_at, valid_until,
                                vehicle_make, vehicle_model, vehicle_year, vehicle_fuel, vehicle_class, lines, is_test)
            SELECT @p0, @p1, w.id, '58452', 0, 0, 0, @p2, @p2, 'Opel', 'Corsa', 2021, 'Petrol', 'Compact', '[]'::jsonb, @p3
            FROM partner_workshops w WHERE w.tenant_id = @p0
            """, city.Id, id, Utc(createdAt), isTest);
        return id;
    }

    /// <summary>A quote, a booking made from it and the booking's checkout payment, as the platform would have stored them.</summary>
    private async Task<Guid> Booking(
        CityTenantInfo city, string quotedAt, string bookedAt, Guid customer, string status, int grossCents, string paymentStatus, bool isTest = false)
    {
        var quote = await Quote(city, quotedAt, isTest);
        var id = Guid.NewGuid();
        await Database.ExecuteAsync("""
            INSERT INTO bookings (tenant_id, id, quote_id, workshop_id, customer_user_id, status, slot_window_id, slot_date, pickup_start_utc, pickup_end_utc,
                                  hold_expires_at, license_plate, total_gross_cents, created_at, address_postal_code, address_street, address_town,
                                  contact_email, contact_name, contact_phone, vehicle_class, vehicle_fuel, vehicle_make, vehicle_model, vehicle_year,
                                  events, lines, is_test)
            SELECT q.tenant_id, @p1, q.id, q.workshop_id, @p2, @p3, p.id, date '2026-04-20', @p5 + interval '20 days', @p5 + interval '20 days 2 hours',
                   @p5 + interval '15 minutes', 'EN-KP 1', @p4, @p5, '58452', 'Ruhrstraße 1', 'Witten',
                   'kunde@booking.test', 'Kunde', '02302 1', 'Compact', 'Petrol', 'Opel', 'Corsa', 2021, '[]'::jsonb, '[]'::jsonb, @p6
            FROM quotes q JOIN pickup_windows p ON p.tenant_id = q.tenant_id
            WHERE q.id = @p0
            """, quote, id, customer, status, grossCents, Utc(bookedAt), isTest);
        await Payment(city, id, "Booking", paymentStatus, bookedAt, grossCents);
        return id;
    }

    private async Task Payment(CityTenantInfo city, Guid booking, string purpose, string status, string createdAt, int amountCents = 1_000)
    {
        var id = Guid.NewGuid();
        await Database.ExecuteAsync("""
            INSERT INTO payments (tenant_id, id, booking_id, purpose, reference, description, amount_cents, status, idempotency_key, refunded_cents, created_at, updated_at)
            VALUES (@p0, @p1, @p2, @p3, @p3, 'Test', @p4, @p5, 'payment-' || @p1::text, 0, @p6, @p6)
            """, city.Id, id, booking, purpose, amountCents, status, Utc(createdAt));
    }
}

public sealed partial class KpiTests(KpiApp app) : IClassFixture<KpiApp>
{
    private static readonly DateOnly March20 = new(2026, 3, 20);
    private static readonly DateOnly March31 = new(2026, 3, 31);

    [Fact]
    public async Task City_CountsPaidBookingsQuotesAndPayments_AsDefined()
    {
        var report = await app.CityAsync("witten", March20, March31);
        var f = report.Total;

        Assert.Equal(4, f.PaidBookings);                  // B1, B2 (SEPA processing), B3 (cancelled later), B11; not B4, B5, B9, B10, the test B6
        Assert.Equal(50_002, f.GrossCents);
        Assert.Equal(12_501, f.AverageOrderValueCents);   // 12,500.5 rounds away from zero
        Assert.Equal(new Rate(5, 9), f.Conversion);       // Q7's booking (B8) came after the period and still counts for Q7
        Assert.Equal(new PaymentOutcomes(Succeeded: 4, Processing: 1, Failed: 2, Canceled: 1, Pending: 1), f.Payments);
        Assert.Equal(new Rate(5, 8), f.Payments.SuccessRate);
        Assert.Equal(new Rate(1, 4), f.Cancellations);
        Assert.Equal(new Rate(2, 3), f.Rebooking);         // C1 twice in the period, C2 before it; C5's second comes after it
        Assert.Null(f.ExtensionAcceptance);
        Assert.Null(f.Satisfaction);
        Assert.Equal("Europe/Berlin", report.TimeZoneId);
        Assert.Equal("witten", Assert.Single(report.Cities).Slug);
    }

    [Fact]
    public async Task City_SeesNothingOfAnotherCity()
    {
        var f = (await app.CityAsync("dortmund", March20, March31)).Total;

        Assert.Equal(new KpiFigures(Quotes: 3, QuotesPaid: 2, PaidBookings: 2, GrossCents: 37_000, CancelledBookings: 1,
            new PaymentOutcomes(2, 0, 0, 0, 0), Customers: 2, ReturningCustomers: 0), f);   // C1 and C8 booked before only in Witten
        Assert.Equal(18_500, f.AverageOrderValueCents);
    }

    [Fact]
    public async Task AllCities_AddUp_AndCountAPersonOfTwoCitiesOnce()
    {
        var report = await app.AllAsync(March20, March31);
        var f = report.Total;

        Assert.Equal([KpiApp.FormulaName, "Dortmund", "Witten"], report.Cities.Select(c => c.Name));
        Assert.Equal(KpiFigures.None, report.Cities[0].Figures);
        Assert.Equal(6, f.PaidBookings);
        Assert.Equal(87_002, f.GrossCents);
        Assert.Equal(14_500, f.AverageOrderValueCents);
        Assert.Equal(new Rate(7, 12), f.Conversion);
        Assert.Equal(new Rate(7, 10), f.Payments.SuccessRate);
        Assert.Equal(new Rate(2, 6), f.Cancellations);
        Assert.Equal(new Rate(3, 4), f.Rebooking);   // C1, C2, C5, C8 once each; C8 returns to the platform in Dortmund after Witten
        Assert.Equal(report.Cities.Sum(c => c.Figures.PaidBookings), f.PaidBookings);
    }

    [Fact]
    public async Task PerDay_HasEveryDay_CountedByLocalDay_AcrossTheChangeToSummerTime()
    {
        var witten = await app.CityAsync("witten", March20, March31);
        var all = await app.AllAsync(March20, March31);

        Assert.Equal(12, witten.Days.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(March20.AddDays), witten.Days.Select(d => d.Day));
        Assert.Equal([1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1], witten.Days.Select(d => d.PaidBookings));
        Assert.Equal([1, 0, 1, 0, 0, 2, 0, 0, 1, 0, 0, 1], all.Days.Select(d => d.PaidBookings));
    }

    [Fact]
    public async Task Period_BeginsAndEndsAtLocalMidnight()
    {
        var nineteenth = (await app.CityAsync("witten", new(2026, 3, 19), new(2026, 3, 19))).Total;
        var firstOfApril = (await app.CityAsync("witten", new(2026, 4, 1), new(2026, 4, 1))).Total;

        Assert.Equal(1, nineteenth.PaidBookings);          // B7 at 23:59 CET; B1 at 00:30 the next day is not in it
        Assert.Equal(8_000, nineteenth.GrossCents);
        Assert.Equal(0, nineteenth.Quotes);                // Q1 at 00:00 on the 20th belongs to the 20th
        Assert.Equal(1, firstOfApril.PaidBookings);         // B8 at 00:00 CEST; B2 at 23:59 the evening before is not
        Assert.Equal(7_000, firstOfApril.GrossCents);
    }

    [Fact]
    public async Task TestBookings_TheirQuotesAndPayments_CountNowhere()
    {
        // 23 March: only the test booking B6 (paid, 999.99 €), its quote and its payment.
        var f = (await app.CityAsync("witten", new(2026, 3, 23), new(2026, 3, 23))).Total;

        Assert.Equal(KpiFigures.None, f);
    }

    [Theory]
    [InlineData("2026-03-31", "2026-03-20", "to")]
    [InlineData("2026-01-01", "2027-01-02", "to")]
    [InlineData(null, "2026-03-20", "from")]
    public async Task Measuring_NamesTheFieldThatIsWrong(string? from, string? to, string field)
    {
        var measured = await app.MeasureAllAsync(from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));

        Assert.Equal(ResultStatus.Invalid, measured.Status);
        Assert.Equal([field], measured.Failure!.Errors.Keys);
    }

    [Fact]
    public async Task Measuring_TakesAYearWithAFebruary29th()
    {
        Assert.True((await app.MeasureAllAsync(new DateOnly(2028, 1, 1), new DateOnly(2028, 12, 31))).Succeeded);   // 366 days
    }

    [Fact]
    public async Task Page_ShowsTheFigures_AndAChartWithOneBarPerDay()
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync("/kennzahlen?from=2026-03-20&to=2026-03-31");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("6", Figure(page, "paid-bookings"));
        Assert.Equal("58,3 % (7 von 12)", Figure(page, "conversion"));
        Assert.Equal("70,0 % (7 von 10)", Figure(page, "payment-success"));
        Assert.Equal("145,00 €", Figure(page, "average-order-value"));
        Assert.Equal("Noch keine Daten", Figure(page, "extension-acceptance"));
        Assert.Equal("Noch keine Daten", Figure(page, "satisfaction"));

        var svg = SvgPattern().Match(page).Value;
        Assert.Contains("<title id=\"chart-title\">Bezahlte Buchungen pro Tag</title>", svg);
        Assert.Contains("<desc id=\"chart-desc\">", svg);
        var bars = BarPattern().Matches(svg).Select(m => (Day: m.Groups["day"].Value, Count: m.Groups["count"].Value, Height: m.Groups["height"].Value)).ToList();
        Assert.Equal(12, bars.Count);
        Assert.Equal(("2026-03-25", "2", "100"), bars[5]);   // the highest day fills the chart
        Assert.Equal(("2026-03-20", "1", "50"), bars[0]);
        Assert.Equal(("2026-03-21", "0", "0"), bars[1]);
        Assert.Contains("<tr data-day=\"2026-03-25\">", page);  // the same numbers as a table
        Assert.Contains("data-city=\"witten\"", page);
    }

    [Fact]
    public async Task Page_ForOneCity_ShowsThatCityOnly_InEnglishOnRequest()
    {
        using var admin = app.AdminClient("en");

        var page = await admin.GetStringAsync("/kennzahlen?stadt=dortmund&from=2026-03-20&to=2026-03-31");

        Assert.Equal("2", Figure(page, "paid-bookings"));
        Assert.Equal("No data yet", Figure(page, "satisfaction"));
        Assert.DoesNotContain("data-city=", page);
    }

    [Fact]
    public async Task Page_WithoutAPeriod_ShowsTheLast30DaysUpToToday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        using var admin = app.AdminClient();

        var page = await admin.GetStringAsync("/kennzahlen");

        Assert.Equal(30, BarPattern().Matches(page).Count);
        Assert.Contains($"name=\"from\" value=\"{today.AddDays(-29):yyyy-MM-dd}\"", page);
        Assert.Contains($"name=\"to\" value=\"{today:yyyy-MM-dd}\"", page);
    }

    [Theory]
    [InlineData("from=2026-03-31&to=2026-03-20", "to", "Der letzte Tag darf nicht vor dem ersten liegen.")]
    [InlineData("from=2026-01-01&to=2027-01-02", "to", "Höchstens 366 Tage auf einmal.")]
    [InlineData("from=2026-13-45&to=2026-03-20", "from", "Bitte ein Datum wie 2026-03-31 angeben.")]
    [InlineData("from=20.03.2026&to=2026-03-20", "from", "Bitte ein Datum wie 2026-03-31 angeben.")]
    [InlineData("from=2026-03-20&to=", "to", "Bitte den letzten Tag angeben.")]
    [InlineData("handler=DaysCsv&from=2026-03-31&to=2026-03-20", "to", "Der letzte Tag darf nicht vor dem ersten liegen.")]
    public async Task Page_WithAWrongPeriod_Is400_NamingTheField(string query, string field, string message)
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync($"/kennzahlen?{query}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, System.Net.WebUtility.HtmlDecode(Regex.Match(page, $"data-error=\"{field}\">(?<message>[^<]*)</span>").Groups["message"].Value));
        Assert.DoesNotContain("data-kpi=", page);
    }

    [Fact]
    public async Task Page_ForACityThatIsNotThere_Is404()
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync("/kennzahlen?stadt=atlantis&from=2026-03-20&to=2026-03-31");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/kennzahlen")]
    [InlineData("/kennzahlen?handler=DaysCsv&from=2026-03-20&to=2026-03-31")]
    [InlineData("/kennzahlen?handler=CitiesCsv&from=2026-03-20&to=2026-03-31")]
    [InlineData("/?handler=Csv")]
    [InlineData("/staedte/witten/buchungen?handler=Csv")]
    public async Task KpisAndExports_AreForPlatformAdminsOnly(string url)
    {
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Someone, secondFactor: true));

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StartPage_LinksToTheKpis()
    {
        using var admin = app.AdminClient();

        var page = await admin.GetStringAsync("/");

        Assert.Contains("href=\"/kennzahlen\"", page);
    }

    [Fact]
    public async Task DaysCsv_HasEveryDay_ForExcel()
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync("/kennzahlen?handler=DaysCsv&stadt=witten&from=2026-03-20&to=2026-03-31");
        var rows = await CsvAsync(response);

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("kennzahlen-witten-tage-2026-03-20-2026-03-31.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(["Tag", "Bezahlte Buchungen"], rows[0]);
        Assert.Equal(13, rows.Count);
        Assert.Equal(["2026-03-20", "1"], rows[1]);
        Assert.Equal(["2026-03-21", "0"], rows[2]);
        Assert.Equal(["2026-03-31", "1"], rows[12]);
    }

    [Fact]
    public async Task CitiesCsv_HasALinePerCity_AndDefusesANameThatIsAFormula()
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync("/kennzahlen?handler=CitiesCsv&from=2026-03-20&to=2026-03-31");
        var rows = await CsvAsync(response);

        Assert.Equal(4, rows.Count);
        Assert.Equal("Stadt", rows[0][0]);
        Assert.Equal("'" + KpiApp.FormulaName, rows[1][0]);
        var witten = rows.Single(r => r[1] == "witten");
        Assert.Equal(
            ["Witten", "witten", "9", "5", "4", "50002", "12501", "1", "5", "2", "1", "1", "3", "2"], witten);
    }

    [Fact]
    public async Task CityListCsv_HasEveryCity()
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync("/?handler=Csv");
        var rows = await CsvAsync(response);

        Assert.Equal("staedte.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal(["Stadt", "Subdomain", "Status", "Kriterien erfüllt", "Postleitzahlen", "Partnerwerkstätten", "Adresse"], rows[0]);
        Assert.Equal(["'" + KpiApp.FormulaName, "bochum", "Im Aufbau", "0/7", "1", "0", "http://bochum.autowartung.localhost:8080/"], rows[1]);
        Assert.Equal(["Dortmund", "dortmund", "In Betrieb", "", "1", "1", "http://dortmund.autowartung.localhost:8080/"], rows[2]);   // live: past the gate
        Assert.Equal(["Witten", "witten", "Pilotbetrieb", "0/7", "2", "1", "http://witten.autowartung.localhost:8080/"], rows[3]);
    }

    [Fact]
    public async Task BookingsCsv_HasTheCitysBookings_WithAmountsInCents()
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync("/staedte/dortmund/buchungen?handler=Csv");
        var rows = await CsvAsync(response);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Buchung", "Gebucht (UTC)", "Abholung (UTC)", "Kennzeichen", "Status", "Betrag (Cent)", "Zahlung", "Erstattet (Cent)", "Testbuchung"], rows[0]);
        Assert.Equal(["2026-03-25 08:00:00", "2026-04-14 08:00:00", "EN-KP 1", "Cancelled", "7000", "Succeeded", "0", ""], rows[1][1..]);
        Assert.Equal("2026-03-22 09:00:00", rows[2][1]);

        // Witten's test booking is there, and says so.
        using var witten = await admin.GetAsync("/staedte/witten/buchungen?handler=Csv");
        Assert.Equal("ja", Assert.Single(await CsvAsync(witten), row => row[5] == "99999")[8]);
    }

    private static string Figure(string page, string kpi) =>
        Regex.Match(page, $"data-kpi=\"{kpi}\"><dt>[^<]*</dt><dd>(?<value>[^<]*)</dd>").Groups["value"].Value is { Length: > 0 } value
            ? System.Net.WebUtility.HtmlDecode(value).Replace('\u00A0', ' ').Replace('\u202F', ' ')
            : throw new Xunit.Sdk.XunitException($"No figure {kpi} on the page.");

    private static async Task<List<string[]>> CsvAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return CsvReader.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [GeneratedRegex("<svg class=\"chart\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();

    [GeneratedRegex("<rect data-day=\"(?<day>[0-9-]+)\" data-count=\"(?<count>[0-9]+)\"[^>]*?height=\"(?<height>[0-9.]+)\"", RegexOptions.Singleline)]
    private static partial Regex BarPattern();
}
