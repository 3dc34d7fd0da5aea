using System.Globalization;
using Autowartung.Admin.Web.Csv;
using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Kpis;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Autowartung.Admin.Web.Pages.Kpis;

/// <summary>
/// The key figures of all cities or of one (<c>?stadt=witten</c>) for a period (<c>?from=2026-03-01&amp;to=2026-03-31</c>,
/// the last 30 days without one): figures, paid bookings per day as a chart and a table, one line per city,
/// and each table as CSV. A period that is no period is answered with the form and its errors (400).
/// </summary>
public sealed class KpisModel(
    MeasureKpis measure, PlatformDbContext db, ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy,
    IStringLocalizer<UiText> text) : FormPageModel
{
    /// <summary>The first day, as a date input sends it (<c>yyyy-MM-dd</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    /// <summary>A city's slug; none for all cities.</summary>
    [BindProperty(SupportsGet = true, Name = "stadt")] public string? City { get; set; }

    public CityTenantInfo? SelectedCity { get; private set; }

    public IReadOnlyList<(string Slug, string Name)> Cities { get; private set; } = [];

    public KpiReport? Report { get; private set; }

    /// <summary>The query that shows this report again: for the CSV links and each city's line.</summary>
    public Dictionary<string, string> Query(string? city = null)
    {
        var query = new Dictionary<string, string> { ["from"] = From ?? "", ["to"] = To ?? "" };
        if ((city ?? SelectedCity?.Identifier) is { } slug) query["stadt"] = slug;
        return query;
    }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        MeasureAsync(_ => Page(), cancellationToken);

    public Task<IActionResult> OnGetDaysCsvAsync(CancellationToken cancellationToken) =>
        MeasureAsync(report =>
        {
            var table = new CsvTable(text["Tag"], text["Bezahlte Buchungen"]);
            foreach (var day in report.Days) table.Add(day.Day, day.PaidBookings);
            return table.ToFile($"kennzahlen-{Scope}-tage-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
        }, cancellationToken);

    public Task<IActionResult> OnGetCitiesCsvAsync(CancellationToken cancellationToken) =>
        MeasureAsync(report =>
        {
            var table = new CsvTable(
                text["Stadt"], text["Subdomain"], text["Angebote"], text["Angebote mit bezahlter Buchung"], text["Bezahlte Buchungen"], text["Umsatz brutto (Cent)"],
                text["Durchschnittlicher Auftragswert (Cent)"], text["Stornierte Buchungen"], text["Zahlungen erfolgreich oder in Bearbeitung"],
                text["Zahlungen fehlgeschlagen"], text["Zahlungen abgebrochen"], text["Zahlungen offen"], text["Kunden"], text["Wiederkehrende Kunden"]);
            foreach (var city in report.Cities)
            {
                var f = city.Figures;
                table.Add(city.Name, city.Slug, f.Quotes, f.QuotesPaid, f.PaidBookings, f.GrossCents, f.AverageOrderValueCents, f.CancelledBookings,
                    f.Payments.Succeeded + f.Payments.Processing, f.Payments.Failed, f.Payments.Canceled, f.Payments.Pending, f.Customers, f.ReturningCustomers);
            }
            return table.ToFile($"kennzahlen-{Scope}-staedte-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
        }, cancellationToken);

    private string Scope => SelectedCity?.Identifier ?? "alle";

    /// <summary>Reads the period and the city, measures, and hands the report on; or the form with its errors (400), or 404 for a city that is not there.</summary>
    private async Task<IActionResult> MeasureAsync(Func<KpiReport, IActionResult> answer, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(City))
        {
            SelectedCity = await cities.TryGetByIdentifierAsync(City, cancellationToken);
            if (SelectedCity is null) return NotFound();
        }
        Cities = (await db.Cities.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Slug, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Slug, c.Name)).ToList();

        MeasureKpis.Request request;
        if (From is null && To is null)
        {
            request = measure.DefaultPeriod(SelectedCity?.TimeZoneId ?? MeasureKpis.OverallTimeZoneId);
            (From, To) = (Iso(request.From!.Value), Iso(request.To!.Value));
        }
        else
        {
            request = new MeasureKpis.Request(ParseDate("from", From), ParseDate("to", To));
        }

        Result<KpiReport> measured;
        if (SelectedCity is null)
        {
            measured = await measure.AcrossCitiesAsync(request, cancellationToken);
        }
        else
        {
            using (tenancy.BeginScope(SelectedCity))
                measured = await measure.ForCityAsync(request, cancellationToken);
        }

        IReadOnlyDictionary<string, string[]> errors = measured.Succeeded ? new Dictionary<string, string[]>() : measured.Failure.Errors;
        foreach (var (field, messages) in errors.Where(e => ModelState[e.Key] is not { Errors.Count: > 0 }))
            ModelState.AddModelError(field, text[messages[0]]);
        if (!ModelState.IsValid || !measured.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Report = measured.Value;
        return answer(Report);
    }

    /// <summary>A date as the date input sends it; anything else is a field error (and no date).</summary>
    private DateOnly? ParseDate(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        ModelState.AddModelError(field, text["Bitte ein Datum wie 2026-03-31 angeben."]);
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
