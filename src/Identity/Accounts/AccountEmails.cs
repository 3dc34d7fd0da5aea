using Autowartung.Platform.Accounts;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Autowartung.Identity.Accounts;

/// <summary>
/// The emails of the identity service. Links carry Identity's own single-use tokens, never passwords.
/// Each goes into the outbox and is committed at once: Identity's user manager has saved the change
/// that causes it already (its tokens can only be made for a saved account), so no request waits for
/// the mail server, and a mail server that is down loses nothing.
/// </summary>
public sealed class AccountEmails(UserManager<PlatformUser> users, IOutbox outbox, PlatformUrls urls)
{
    public async Task SendConfirmationAsync(PlatformUser user, string? citySlug, CancellationToken cancellationToken)
    {
        var code = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = Link("/email-bestaetigen", ("userId", user.Id.ToString()), ("code", code), ("city", citySlug));
        await AddAsync(EmailTemplate.Build(user.Email!, "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            ["Willkommen bei Autowartung!", "Bitte bestätigen Sie Ihre E-Mail-Adresse, damit Sie sich anmelden können. Der Link gilt 24 Stunden."],
            "E-Mail-Adresse bestätigen", link), "account-confirmation", cancellationToken);
    }

    /// <summary>Someone registered with an address that already has an account: tell its owner, nobody else.</summary>
    public Task SendAlreadyRegisteredAsync(PlatformUser user, CancellationToken cancellationToken) =>
        AddAsync(EmailTemplate.Build(user.Email!, "Sie haben bereits ein Konto",
            ["Jemand wollte mit dieser E-Mail-Adresse ein Konto anlegen. Sie haben schon eines.",
             "Falls Sie Ihr Passwort vergessen haben, können Sie es hier neu setzen. Waren Sie es nicht, können Sie diese E-Mail ignorieren."],
            "Passwort neu setzen", Link("/passwort-vergessen")), "account-already-registered", cancellationToken);

    public async Task SendPasswordResetAsync(PlatformUser user, CancellationToken cancellationToken)
    {
        var code = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link("/passwort-neu", ("email", user.Email), ("code", code));
        await AddAsync(EmailTemplate.Build(user.Email!, "Passwort neu setzen",
            ["Sie haben ein neues Passwort angefordert. Der Link gilt 24 Stunden.", "Haben Sie nichts angefordert, können Sie diese E-Mail ignorieren."],
            "Neues Passwort setzen", link), "password-reset", cancellationToken);
    }

    public async Task SendChangeEmailAsync(PlatformUser user, string newEmail, CancellationToken cancellationToken)
    {
        var code = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var link = Link("/email-aendern", ("userId", user.Id.ToString()), ("email", newEmail), ("code", code));
        await AddAsync(EmailTemplate.Build(newEmail, "Neue E-Mail-Adresse bestätigen",
            ["Bitte bestätigen Sie Ihre neue E-Mail-Adresse für Autowartung."], "Adresse bestätigen", link), "email-change", cancellationToken);
    }

    /// <summary>The owner learns of a lockout by email; the page says nothing that would confirm the account exists.</summary>
    public Task SendLockedOutAsync(PlatformUser user, CancellationToken cancellationToken) =>
        AddAsync(EmailTemplate.Build(user.Email!, "Ihr Konto ist vorübergehend gesperrt",
            ["Nach mehreren falschen Passwörtern ist die Anmeldung für 15 Minuten gesperrt.",
             "Waren Sie das nicht, setzen Sie bitte Ihr Passwort neu."],
            "Passwort neu setzen", Link("/passwort-vergessen")), "account-locked-out", cancellationToken);

    public async Task SendSignInLinkAsync(PlatformUser user, string? citySlug, string? returnUrl, CancellationToken cancellationToken)
    {
        var code = await users.GenerateUserTokenAsync(user, SignInLinkTokenProvider.ProviderName, SignInLinkTokenProvider.Purpose);
        var link = Link("/anmelden/link/einloesen", ("userId", user.Id.ToString()), ("code", code), ("city", citySlug), ("returnUrl", returnUrl));
        await AddAsync(EmailTemplate.Build(user.Email!, "Ihr Anmeldelink",
            ["Mit diesem Link melden Sie sich ohne Passwort an. Er gilt 20 Minuten und nur einmal.",
             "Haben Sie keinen Link angefordert, können Sie diese E-Mail ignorieren."],
            "Jetzt anmelden", link), "sign-in-link", cancellationToken);
    }

    private async Task AddAsync(EmailMessage email, string kind, CancellationToken cancellationToken)
    {
        await outbox.AddEmailNowAsync(email, kind, cancellationToken);
    }

    private Uri Link(string path, params (string Key, string? Value)[] query) =>
        new(QueryHelpers.AddQueryString(new Uri(urls.Identity, path).ToString(),
            query.Where(q => q.Value is not null).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value))));
}
