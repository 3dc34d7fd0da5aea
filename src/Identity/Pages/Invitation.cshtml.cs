using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Pages;

/// <summary>
/// The link of an invitation: a new person sets a password (and a second factor where the role needs
/// one); a person with an account signs in first and accepts. Used or expired links are refused clearly.
/// </summary>
[EnableRateLimiting(IdentityService.SignInLimit)]
public sealed class InvitationModel(
    ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, AcceptInvitation accept,
    UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, TwoFactorRule twoFactor, PlatformUrls urls, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string City { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    [StringLength(120)]
    public string? Name { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public CityTenantInfo? CityInfo { get; private set; }

    public Invitation? Invite { get; private set; }

    public InvitationState State { get; private set; }

    /// <summary>Whether an account with the invited address exists (then it must be signed in to accept).</summary>
    public bool HasAccount { get; private set; }

    public bool SignedInAsInvitee { get; private set; }

    public Uri SignInUrl => urls.SignIn(null, LoginArea.Customer, new Uri(urls.Identity, $"/einladung?city={Uri.EscapeDataString(City)}&token={Uri.EscapeDataString(Token)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Invite is null || CityInfo is null || State != InvitationState.Open) return Page();

        PlatformUser? user;
        if (HasAccount)
        {
            if (!SignedInAsInvitee) return Page();
            user = await users.GetUserAsync(User);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), "Bitte geben Sie Ihren Namen ein.");
            if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Bitte wählen Sie ein Passwort.");
            if (!ModelState.IsValid) return Page();
            user = new PlatformUser(Invite.Email, clock.GetUtcNow()) { DisplayName = Name!.Trim(), EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password!);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors) ModelState.AddModelError(nameof(Password), error.Description);
                return Page();
            }
        }

        using (tenancy.BeginScope(CityInfo))
        {
            var accepted = await accept.RunAsync(Invite, user!.Id, HttpContext.GetAuditOrigin(), cancellationToken);
            State = accepted.Succeeded ? InvitationState.Open : (InvitationState)accepted.Failure.Details!;
        }
        if (State != InvitationState.Open) return Page();

        var area = Invite.Role == MembershipRole.WorkshopStaff ? "/workshop" : "/jockey";
        var destination = new Uri(urls.City(CityInfo.Identifier), area);
        var query = new { city = CityInfo.Identifier, area = (Invite.Role == MembershipRole.WorkshopStaff ? LoginArea.Workshop : LoginArea.Jockey).Slug(), returnUrl = destination.ToString() };
        if (await twoFactor.IsRequiredAsync(user, cancellationToken) && !user.TwoFactorEnabled)
        {
            await signIn.SignOutAsync();
            await HalfSignIn.RememberAsync(HttpContext, user);
            return RedirectToPage("/TwoFactorSetup", query);
        }
        if (!HasAccount) await signIn.SignInAsync(user, isPersistent: false);
        return Redirect(destination.ToString());
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (City is not { Length: > 0 and <= 63 } || Token is not { Length: > 0 and <= 100 }) return;
        CityInfo = await cities.TryGetByIdentifierAsync(City.ToLowerInvariant(), cancellationToken);
        if (CityInfo is null) return;
        using (tenancy.BeginScope(CityInfo))
        {
            Invite = await accept.FindAsync(Token, cancellationToken);
        }
        if (Invite is null) return;
        State = Invite.StateAt(clock.GetUtcNow());
        var existing = await users.FindByEmailAsync(Invite.Email);
        HasAccount = existing is not null;
        SignedInAsInvitee = existing is not null && User.Identity?.IsAuthenticated == true && users.GetUserId(User) == existing.Id.ToString();
    }
}
