using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Quotes;
using Autowartung.Web.Links;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Pages.BookingJourney;

/// <summary>
/// Step 4: contact, address and plate, when the car should come back and whether a replacement car goes
/// along (offered while the fleet has one free from the pickup on), then the booking holds the slot. The
/// form carries an idempotency key made when it was shown, so a double tap books once.
/// </summary>
public sealed class ContactModel(PlatformDbContext db, CreateBooking createBooking, CarLoans carLoans, CustomerReferences references) : FormPageModel
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
    [BindProperty] public DateOnly? ReturnDay { get; set; }
    [BindProperty] public TimeOnly? ReturnTime { get; set; }
    [BindProperty] public bool ReplacementCar { get; set; }

    /// <summary>The days the car can come back on: the pickup day and the week after it.</summary>
    public IReadOnlyList<DateOnly> ReturnDays { get; private set; } = [];

    public static readonly IReadOnlyList<TimeOnly> ReturnTimes = [.. Enumerable.Range(8, 11).Select(hour => new TimeOnly(hour, 0))];

    /// <summary>The fleet has cars at all: only then is a replacement car offered.</summary>
    public bool HasFleet { get; private set; }

    /// <summary>Until which day a car is free from the pickup on; null when none is free on the pickup day.</summary>
    public DateOnly? CarFreeUntil { get; private set; }

    /// <summary>Why the booking could not be held (the slot or the car gone meanwhile), with a way on.</summary>
    public string? Refused { get; private set; }

    public Quote Quote { get; private set; } = null!;

    public DateOnly PickupDay { get; private set; }

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
        // The default (the pickup day from 16:00) goes as none, so a late pickup moves it to the pickup's end.
        var returnDay = ReturnDay ?? PickupDay;
        var returnTime = ReturnTime ?? CreateBooking.DefaultReturnFrom;
        DateTime? returnFrom = returnDay == PickupDay && returnTime == CreateBooking.DefaultReturnFrom ? null : returnDay.ToDateTime(returnTime);
        var request = new CreateBooking.Request(QuoteId, SlotId, new CreateBooking.ContactInput(Name, Email, Phone),
            new CreateBooking.AddressInput(Street, Quote.PostalCode, Town), LicensePlate, returnFrom, ReplacementCar && HasFleet,
            // The page's language is the customer's: what they read while booking, they get their protocols in.
            System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Booking.English ? Booking.English : Booking.German);
        var held = await createBooking.RunAsync(request, IdempotencyKey, HttpContext.Features.Get<UserAccess>()?.UserId, cancellationToken);
        if (held.Succeeded) return RedirectToPage("Held", new { reference = references.ForBooking(held.Value.Id) });
        if (held.Failure.Status == ResultStatus.Conflict) (SlotGone, Refused) = (held.Failure.Reason != CreateBooking.NoCarFree, held.Failure.Reason);
        else ModelState.Add(held.Failure);
        Response.StatusCode = ResultPages.StatusCode(held.Failure);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == QuoteId, cancellationToken);
        if (quote is null || !Platform.Scheduling.SlotId.TryParse(SlotId, out _, out var day)) return false;
        Quote = quote;
        PickupDay = day;
        ReturnDays = [.. Enumerable.Range(0, 7).Select(offset => day.AddDays(offset))];
        HasFleet = await carLoans.FleetSizeAsync(cancellationToken) > 0;
        if (HasFleet) CarFreeUntil = await carLoans.FreeUntilAsync(day, CreateBooking.MaxReturnDays, cancellationToken);
        return true;
    }

}
