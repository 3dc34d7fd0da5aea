using Autowartung.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autowartung.Identity.Accounts;

public sealed class SignInLinkTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public SignInLinkTokenProviderOptions()
    {
        Name = SignInLinkTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromMinutes(20);
    }
}

/// <summary>
/// Tokens of the "sign in by email link": Identity's data-protection tokens, bound to the security
/// stamp, valid for 20 minutes. Redeeming one renews the stamp, so each link works once.
/// </summary>
public sealed class SignInLinkTokenProvider(
    IDataProtectionProvider protection, IOptions<SignInLinkTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<PlatformUser>> logger)
    : DataProtectorTokenProvider<PlatformUser>(protection, options, logger)
{
    public const string ProviderName = "SignInLink";

    public const string Purpose = "sign-in-by-link";
}
