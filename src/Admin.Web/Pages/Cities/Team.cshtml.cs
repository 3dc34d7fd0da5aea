using System.ComponentModel.DataAnnotations;
using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages.Cities;

/// <summary>A city's team: who holds which role, open invitations, and inviting, revoking and disabling.</summary>
public sealed class TeamModel(
    ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, PlatformDbContext db,
    InviteToCity invite, RevokeMembership revoke, DisableUser disable, PlatformUrls urls, TimeProvider clock) : PageModel
{
    public sealed record Member(Guid UserId, string Email, string? Name, MembershipRole Role, string? Workshop, bool IsActive, bool IsDisabled);

    public sealed record OpenInvitation(string Email, MembershipRole Role, DateTimeOffset ExpiresAt, InvitationState State);

    public CityTenantInfo City { get; private set; } = null!;

    public IReadOnlyList<Member> Members { get; private set; } = [];

    public IReadOnlyList<OpenInvitation> Invitations { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Workshops { get; private set; } = [];

    public string? Message { get; private set; }

    [BindProperty]
    [EmailAddress(ErrorMessage = "Bitte eine gültige E-Mail-Adresse angeben.")]
    public string? Email { get; set; }

    [BindProperty]
    public MembershipRole Role { get; set; } = MembershipRole.Jockey;

    [BindProperty]
    public Guid? WorkshopId { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        using (tenancy.BeginScope(City))
        {
            var invited = await invite.RunAsync(City, new InviteToCity.Request(Email ?? "", Role, WorkshopId), AdminId,
                token => new Uri(urls.Identity, $"/einladung?city={City.Identifier}&token={token}"), HttpContext.GetAuditOrigin(), cancellationToken);
            if (!invited.Succeeded) return await this.ShowAsync(invited.Failure, () => Task.CompletedTask);
        }
        Message = $"Einladung an {Email} verschickt.";
        Email = null;
        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string slug, Guid userId, MembershipRole role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        using (tenancy.BeginScope(City))
        {
            if (!(await revoke.RunAsync(userId, role, AdminId, HttpContext.GetAuditOrigin(), cancellationToken)).Succeeded) return NotFound();
        }
        return RedirectToPage(new { slug });
    }

    public async Task<IActionResult> OnPostDisableAsync(string slug, Guid userId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        if (Members.All(m => m.UserId != userId)) return NotFound();   // only people of this city, from this page
        // Locked out already is where the admin wanted them: back to the list either way.
        await disable.RunAsync(userId, AdminId, HttpContext.GetAuditOrigin(), cancellationToken);
        return RedirectToPage(new { slug });
    }

    private Guid AdminId => HttpContext.Features.Get<UserAccess>()!.UserId;

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return false;
        City = city;
        using (tenancy.BeginScope(city))
        {
            var workshops = await db.PartnerWorkshops.AsNoTracking().OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken);
            Workshops = workshops.Select(w => (w.Id, w.Name)).ToList();
            Members = await (from m in db.Memberships.AsNoTracking()
                             join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                             orderby m.Role, u.Email
                             select new Member(u.Id, u.Email!, u.DisplayName, m.Role,
                                 db.PartnerWorkshops.Where(w => w.Id == m.WorkshopId).Select(w => w.Name).FirstOrDefault(),
                                 m.RevokedAt == null, u.IsDisabled))
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var invitations = await db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(cancellationToken);
            Invitations = invitations.Select(i => new OpenInvitation(i.Email, i.Role, i.ExpiresAt, i.StateAt(now))).ToList();
        }
        return true;
    }
}
