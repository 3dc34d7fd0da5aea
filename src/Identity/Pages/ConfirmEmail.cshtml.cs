using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Identity;

namespace Autowartung.Identity.Pages;

/// <summary>The link from the registration email.</summary>
public sealed class ConfirmEmailModel(ITenantStore<CityTenantInfo> cities, PlatformUrls urls, UserManager<PlatformUser> users, AuditLog audit)
    : AccountPageModel(cities, urls)
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || string.IsNullOrEmpty(code)) return;
        Confirmed = (await users.ConfirmEmailAsync(user, code)).Succeeded;
        if (Confirmed) await audit.RecordAsync(AuditAction.EmailConfirmed, HttpContext.GetAuditOrigin(), user.Id, cancellationToken: cancellationToken);
    }
}
