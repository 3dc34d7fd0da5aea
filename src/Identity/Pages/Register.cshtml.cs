using System.ComponentModel.DataAnnotations;
using Autowartung.Identity.Accounts;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Autowartung.Identity.Pages;

/// <summary>
/// A customer creates an account for a city. The answer is the same whether the address is new or
/// already has an account; only the email differs, and only its owner reads that.
/// </summary>
[EnableRateLimiting(IdentityService.AccountEmailLimit)]
public sealed class RegisterModel(
    ITenantStore<CityTenantInfo> cities, PlatformUrls urls, RegisterCustomer register, AccountEmails emails)
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

        var registered = await register.RunAsync(new RegisterCustomer.Request(Input.Name, Input.Email, Input.Password), City, HttpContext.GetAuditOrigin(), cancellationToken);
        if (registered.Failure is { } failure) return await this.ShowAsync(failure, () => Task.CompletedTask, prefix: nameof(Input));
        if (registered.Value.IsNew) await emails.SendConfirmationAsync(registered.Value.User, City?.Identifier, cancellationToken);
        else await emails.SendAlreadyRegisteredAsync(registered.Value.User, cancellationToken);

        Sent = true;
        Input = new InputModel { Email = Input.Email };
        return Page();
    }
}
