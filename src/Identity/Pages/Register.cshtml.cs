using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy.Stores;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Pages;

/// <summary>
/// A customer creates an account for a city. The answer is the same whether the address is new or
/// already has an account; only the email differs, and only its owner reads that.
/// </summary>
[EnableRateLimiting(IdentityService.AccountEmailLimit)]
public sealed class RegisterModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, UserManager<PlatformUser> users, AccountEmails emails,
    PlatformDbContext db, MultiTenantContextAccessor<CityTenantInfo> tenancy, AuditLog audit, TimeProvider clock)
    : AccountPageModel(cities, urls)
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Bitte geben Sie Ihren Namen ein.")]
        [StringLength(120)]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Bitte geben Sie Ihre E-Mail-Adresse ein.")]
        [EmailAddress(ErrorMessage = "Das ist keine gültige E-Mail-Adresse.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Bitte wählen Sie ein Passwort.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadContextAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (!ModelState.IsValid) return Page();

        // The password is judged before anything else, so its errors cannot tell a new address from a known one.
        var candidate = new PlatformUser(Input.Email, clock.GetUtcNow());
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, candidate, Input.Password)).Errors)
                ModelState.AddModelError("Input.Password", error.Description);
        if (!ModelState.IsValid) return Page();

        var existing = await users.FindByEmailAsync(Input.Email);
        if (existing is not null)
        {
            await emails.SendAlreadyRegisteredAsync(existing, cancellationToken);
        }
        else
        {
            candidate.DisplayName = Input.Name.Trim();
            var created = await users.CreateAsync(candidate, Input.Password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors) ModelState.AddModelError(string.Empty, error.Description);
                return Page();
            }
            if (City is not null)
            {
                using (tenancy.BeginScope(City))
                {
                    db.Memberships.Add(Membership.Grant(candidate.Id, MembershipRole.Customer, null, clock.GetUtcNow()));
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            await audit.RecordAsync(AuditAction.Registered, HttpContext.GetAuditOrigin(), candidate.Id, cityId: City?.Id, cancellationToken: cancellationToken);
            await emails.SendConfirmationAsync(candidate, City?.Identifier, cancellationToken);
        }

        Sent = true;
        Input = new InputModel { Email = Input.Email };
        return Page();
    }
}
