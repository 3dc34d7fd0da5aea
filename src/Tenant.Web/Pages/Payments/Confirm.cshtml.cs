using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Payments;
using Autowartung.Web.Links;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.Payments;

/// <summary>
/// The link a customer gets when their bank wants to confirm a charge of their saved payment method
/// (approved extra work): they see what it is for, confirm with the bank (3-D Secure), and come back
/// here, where the payment is synced from Stripe before the page says how it ended.
/// </summary>
public sealed class ConfirmModel(
    PlatformDbContext db, AuthenticatePayment authenticate, SyncPayment syncPayment, ICustomerLinks links, CustomerReferences references) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Reference { get; set; }

    /// <summary>Present when the bank sends the customer back.</summary>
    [BindProperty(SupportsGet = true, Name = "payment_intent")] public string? ReturnedFrom { get; set; }

    public Payment Payment { get; private set; } = null!;

    public bool Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!references.TryReadPayment(Reference, out var id)) return NotFound();
        if (ReturnedFrom is not null)
        {
            try
            {
                await syncPayment.RunAsync(id, cancellationToken);
            }
            catch (PaymentGatewayException)
            {
                Unavailable = true;
            }
        }
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null) return NotFound();
        Payment = payment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!references.TryReadPayment(Reference, out var id)) return NotFound();
        var authenticated = await authenticate.RunAsync(id, links.ConfirmPayment(id), cancellationToken);
        if (!authenticated.Succeeded) return NotFound();
        var (state, payment, bankUrl) = authenticated.Value;
        if (state == AuthenticatePayment.AuthenticationState.RedirectToBank) return Redirect(bankUrl!.ToString());
        Payment = payment;
        Unavailable = state == AuthenticatePayment.AuthenticationState.Unavailable;
        return Page();
    }
}
