using System.Security.Cryptography;
using Autowartung.Platform.Waitlist;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Autowartung.Web.Links;

/// <summary>
/// The links of the waitlist emails, to the apex's pages, each with the entry's id protected by the shared
/// key ring: tamper-proof, unguessable, and one purpose per kind, so a removal link never confirms and a
/// confirmation link never removes. Confirming works for <see cref="WaitlistEntry.ConfirmationLifetime"/>;
/// removing has no end, because the right to leave does not expire.
/// </summary>
public sealed class WaitlistLinks(PlatformUrls urls, IDataProtectionProvider protection, TimeProvider clock) : IWaitlistLinks
{
    public const string ConfirmPath = "/warteliste/bestaetigen";
    public const string RemovePath = "/warteliste/austragen";

    private const string ConfirmPurpose = "Autowartung.Waitlist.Confirm";
    private const string RemovePurpose = "Autowartung.Waitlist.Remove";

    public Uri Confirm(Guid entryId) =>
        Link(ConfirmPath, ConfirmProtector.Protect(entryId.ToString("N"), clock.GetUtcNow() + WaitlistEntry.ConfirmationLifetime));

    public Uri Remove(Guid entryId) => Link(RemovePath, RemoveProtector.Protect(entryId.ToString("N")));

    public bool TryReadConfirmation(string? token, out Guid entryId) => TryRead(t => ConfirmProtector.Unprotect(t), token, out entryId);

    public bool TryReadRemoval(string? token, out Guid entryId) => TryRead(t => RemoveProtector.Unprotect(t), token, out entryId);

    private ITimeLimitedDataProtector ConfirmProtector => protection.CreateProtector(ConfirmPurpose).ToTimeLimitedDataProtector();

    private IDataProtector RemoveProtector => protection.CreateProtector(RemovePurpose);

    private Uri Link(string path, string token) => new(QueryHelpers.AddQueryString(new Uri(urls.Apex, path).ToString(), "token", token));

    private static bool TryRead(Func<string, string> unprotect, string? token, out Guid entryId)
    {
        entryId = Guid.Empty;
        if (string.IsNullOrEmpty(token)) return false;
        try
        {
            return Guid.TryParseExact(unprotect(token), "N", out entryId);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
