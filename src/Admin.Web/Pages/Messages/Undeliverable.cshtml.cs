using Autowartung.Platform.Notifications;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Admin.Web.Pages.Messages;

/// <summary>
/// The outbox's messages that could not be delivered, across all cities: what each was, for whom (masked),
/// how often it was tried and why it failed. An admin sends one again once the cause is fixed, or lets it go.
/// </summary>
public sealed class UndeliverableModel(UndeliverableMessages messages) : PageModel
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public IReadOnlyList<UndeliverableMessages.Item> Items { get; private set; } = [];

    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await messages.ListAsync(cancellationToken: cancellationToken);

    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, UndeliverableMessages.Decision.Retry, "Die Nachricht wird erneut gesendet.", cancellationToken);

    public Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, UndeliverableMessages.Decision.Discard, "Die Nachricht wird nicht mehr gesendet.", cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, UndeliverableMessages.Decision decision, string notice, CancellationToken cancellationToken)
    {
        var decided = await messages.DecideAsync(id, decision, cancellationToken);
        if (!decided.Succeeded) return await this.ShowAsync(decided.Failure, () => OnGetAsync(cancellationToken));
        Notice = notice;
        return RedirectToPage();
    }

    public static string Local(DateTimeOffset? at) => at is { } value ? TimeZoneInfo.ConvertTime(value, Berlin).ToString("dd.MM.yyyy HH:mm") : "–";

    /// <summary>The German name of a message kind; the page translates it.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        "booking-confirmation" => "Buchungsbestätigung",
        "booking-cancellation" => "Stornierung einer Buchung",
        "waitlist-confirmation" => "Warteliste: Eintrag bestätigen",
        "city-invitation" => "Einladung in eine Stadt",
        "account-confirmation" => "Konto: Adresse bestätigen",
        "account-already-registered" => "Konto: schon registriert",
        "password-reset" => "Passwort neu setzen",
        "email-change" => "Neue E-Mail-Adresse bestätigen",
        "account-locked-out" => "Konto vorübergehend gesperrt",
        "sign-in-link" => "Anmeldelink",
        "pickup-assigned" => "Fahrer für die Abholung",
        "task-unstaffed" => "Kein Fahrer frei",
        _ => kind,
    };
}
