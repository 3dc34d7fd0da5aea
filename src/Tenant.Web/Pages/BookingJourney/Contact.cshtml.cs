using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Quotes;
using Autowartung.Web.Links;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>
/// Step 4: contact, address and plate, then the booking holds the slot. The form carries an
/// idempotency key made when it was shown, so a double tap books once.
/// </summary>
public sealed class ContactModel(PlatformDbContext db, CreateBooking createBooking, CustomerReferences references) : FormPageModel
{
    [BindProperty(SupportsGet = true, Name = "quote")] public Guid QuoteId { get; set; }
    [BindProperty(SupportsGet = true, Name = "slot")] public string? SlotId { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Street { get; set; }
    [BindProperty] public string? Town { get; set; }
    [BindProperty] public string? LicensePlate { get; set; }

    public Quote Quote { get; private set; } = null!;

    public bool SlotGone { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        IdempotencyKey = $"web-{Guid.NewGuid():N}";
        if (HttpContext.Features.Get<UserAccess>() is { } access)
        {
            // Rebooking: the saved contact, address and plate of the customer's latest booking here.
            var last = await db.Bookings.AsNoTracking().Where(b => b.CustomerUserId == access.UserId)
                .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            Email ??= access.Email;
            Name ??= last?.Contact.Name;
            Phone ??= last?.Contact.Phone;
            if (last?.Address.PostalCode == Quote.PostalCode)
            {
                Street ??= last.Address.Street;
                Town ??= last.Address.Town;
            }
            LicensePlate ??= last?.LicensePlate;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var request = new CreateBooking.Request(QuoteId, SlotId, new CreateBooking.ContactInput(Name, Email, Phone),
            new CreateBooking.AddressInput(Street, Quote.PostalCode, Town), LicensePlate);
        var held = await createBooking.RunAsync(request, IdempotencyKey, HttpContext.Features.Get<UserAccess>()?.UserId, cancellationToken);
        if (held.Succeeded) return RedirectToPage("Held", new { reference = references.ForBooking(held.Value.Id) });
        if (held.Failure.Status == ResultStatus.Conflict) SlotGone = true;
        else ModelState.Add(held.Failure);
        Response.StatusCode = ResultPages.StatusCode(held.Failure);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == QuoteId, cancellationToken);
        if (quote is null || !Platform.Scheduling.SlotId.TryParse(SlotId, out _, out _)) return false;
        Quote = quote;
        return true;
    }

}
