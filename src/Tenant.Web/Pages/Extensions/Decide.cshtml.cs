using Autowartung.Platform.Accounts;
using Autowartung.Platform.Extensions;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;

namespace Autowartung.Tenant.Web.Pages.Extensions;

/// <summary>
/// The customer's decision on extra work, on the phone: each item with its photos, urgency and gross price,
/// and side by side the order's total, the approved extras and the new total. Approve or decline each item
/// (or take "all as recommended"), then confirm once. Opened signed in, or by the emailed link, which opens
/// only this page. Afterwards it shows what was decided and whether it is paid.
/// </summary>
public sealed class DecideModel(ReadExtensions read, DecideExtension decide) : FormPageModel
{
    /// <summary>The link's secret, carried through the form; never logged, never shown.</summary>
    [BindProperty(SupportsGet = true, Name = "k")] public string? Token { get; set; }

    [BindProperty] public Dictionary<Guid, string> Choices { get; set; } = [];

    [BindProperty] public string? PageVersion { get; set; }

    public ReadExtensions.View View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var request = new DecideExtension.Request(
            [.. View.Extension.Items.Select(i => new DecideExtension.ItemChoice(i.Id, Choices.GetValueOrDefault(i.Id) switch { "yes" => true, "no" => false, _ => null }))],
            PageVersion);
        var decided = await decide.RunAsync(id, request, new Decider(HttpContext.Features.Get<UserAccess>()?.UserId, Token), HttpContext.GetAuditOrigin(), cancellationToken);
        if (decided.Failure is { } failure)
        {
            ModelState.Add(failure);
            if (failure.Reason is { } reason) ModelState.AddModelError("", reason);
            Response.StatusCode = ResultPages.StatusCode(failure);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        return RedirectToPage(new { id, k = Token });
    }

    /// <summary>What "all as recommended" approves: the safety-critical and the recommended items.</summary>
    public static bool Recommended(Urgency urgency) => urgency is Urgency.SafetyCritical or Urgency.Recommended;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await read.FindAsync(id, HttpContext.Caller(), Token, cancellationToken) is not { } view || view.Extension.Status == ExtensionStatus.Draft) return false;
        // Staff may look, but only the customer (or their link) decides: the use case says so when they try.
        View = view;
        return true;
    }
}
