using Autowartung.Platform.Catalog;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Vehicles;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>Step 2: the services, each with its exact gross price for this car at the workshop the PLZ routes to.</summary>
public sealed class ServicesModel(IdentifyVehicle identify, CreateQuote createQuote, PlatformUrls urls) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Model { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Fuel { get; set; }
    [BindProperty(SupportsGet = true)] public int? Mileage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hsn { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tsn { get; set; }
    [BindProperty(SupportsGet = true)] public string? Plz { get; set; }

    [BindProperty] public List<string> Codes { get; set; } = [];

    public IdentifiedVehicle? Vehicle { get; private set; }

    public IReadOnlyList<(CatalogItem Item, int GrossCents)> Offer { get; private set; } = [];

    public int FeeGrossCents { get; private set; }

    /// <summary>Set when another city serves the PLZ: where to book instead.</summary>
    public (string Name, Uri Url)? ElsewhereCity { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : RedirectToPage("Vehicle", RouteValues);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return RedirectToPage("Vehicle", RouteValues);
        var (make, model) = VehicleModel.SplitModel(Model);
        var quoted = await createQuote.RunAsync(
            new CreateQuote.Request(new VehicleInput(make, model, Year, Fuel, Mileage, Hsn, Tsn), Codes, Plz), cancellationToken);
        if (quoted.Succeeded) return RedirectToPage("Slot", new { quote = quoted.Value.Id });
        Problem = quoted.Failure.Errors.Values.First()[0];
        return Page();
    }

    private object RouteValues => new { Model, Year, Fuel, Mileage, Hsn, Tsn, Plz };

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var (make, model) = VehicleModel.SplitModel(Model);
        var identified = await identify.RunAsync(new VehicleInput(make, model, Year, Fuel, Mileage, Hsn, Tsn), cancellationToken);
        if (!identified.Succeeded) return false;
        Vehicle = identified.Value;

        var preview = await createQuote.PreviewAsync(Vehicle, Plz, cancellationToken);
        (Offer, FeeGrossCents, Problem) = (preview.Services, preview.FeeGrossCents, preview.Problem);
        if (preview.ServedBy is { } other) ElsewhereCity = (other.Name, new Uri(urls.City(other.Slug), "/buchen"));
        return true;
    }
}
