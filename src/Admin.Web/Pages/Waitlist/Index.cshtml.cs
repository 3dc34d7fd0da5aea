using Autowartung.Platform.Waitlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Admin.Web.Pages.Waitlist;

/// <summary>
/// Confirmed waitlist demand, to plan the next city: per PLZ region (Leitregion), and per PLZ with the
/// city that serves it by now. Counts only: the addresses stay out of the admin's view.
/// </summary>
public sealed class IndexModel(WaitlistDemand demand) : PageModel
{
    /// <summary>A region (two digits) to show the PLZ of; all PLZ when none.</summary>
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }

    public IReadOnlyList<WaitlistDemand.RegionDemand> Regions { get; private set; } = [];

    public IReadOnlyList<WaitlistDemand.PostalCodeDemand> PostalCodes { get; private set; } = [];

    public int Confirmed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await demand.RunAsync(cancellationToken);
        Regions = report.Regions;
        Confirmed = report.Regions.Sum(r => r.Confirmed);
        if (Region is not { Length: 2 } || !Region.All(char.IsAsciiDigit)) Region = null;
        PostalCodes = Region is null ? report.PostalCodes : report.PostalCodes.Where(p => p.Region == Region).ToList();
    }
}
