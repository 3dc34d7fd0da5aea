using Autowartung.Platform.Data;
using Autowartung.Platform.Vehicles;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>
/// Step 1: the car (from the list, or by its key numbers) and where it is picked up. The PLZ comes
/// first because it decides the workshop, and so the exact prices of the next step.
/// </summary>
public sealed class VehicleModel(PlatformDbContext db, IdentifyVehicle identify) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Model { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Fuel { get; set; }
    [BindProperty(SupportsGet = true)] public int? Mileage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hsn { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tsn { get; set; }
    [BindProperty(SupportsGet = true)] public string? Plz { get; set; }

    public IReadOnlyList<IGrouping<string, Platform.Vehicles.VehicleModel>> Makes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (make, model) = SplitModel(Model);
        var identified = await identify.RunAsync(new VehicleInput(make, model, Year, Fuel, Mileage, Hsn, Tsn), cancellationToken);
        if (!identified.Succeeded) ModelState.Add(identified.Failure);
        if (!Platform.Geography.PostalCode.TryParse(Plz, out _)) ModelState.AddModelError(nameof(Plz), "Die Postleitzahl hat fünf Ziffern.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage("Services", new { Model, Year, Fuel, Mileage, Hsn, Tsn, Plz });
    }

    /// <summary>The list's value is "Make|Model", so one select works without JavaScript.</summary>
    public static (string? Make, string? Model) SplitModel(string? value) =>
        value?.Split('|') is [var make, var model] ? (make, model) : (null, null);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var models = await db.VehicleModels.AsNoTracking().OrderBy(m => m.Make).ThenBy(m => m.Model).ThenBy(m => m.YearFrom).ToListAsync(cancellationToken);
        Makes = models.GroupBy(m => m.Make).ToList();
    }
}
