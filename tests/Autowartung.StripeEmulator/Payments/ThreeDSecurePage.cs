using Autowartung.StripeEmulator.Pages;
using Microsoft.AspNetCore.WebUtilities;

namespace Autowartung.StripeEmulator.Payments;

/// <summary>
/// The issuer's 3-D Secure page <c>/3ds/{payment_intent}</c>: the customer completes or fails the challenge,
/// then returns to the <c>return_url</c> with Stripe's query parameters.
/// </summary>
public static class ThreeDSecurePage
{
    public static void MapThreeDSecurePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/3ds/{id}", Show);
        app.MapPost("/3ds/{id}", FinishAsync);
    }

    private static IResult Show(string id, Account account) => account.Run(Origin.Automatic, () =>
    {
        var intent = account.Find<PaymentIntent>(id);
        if (intent is null)
        {
            return HostedPage.NotFound();
        }
        if (intent.Status != PaymentIntentStatus.RequiresAction)
        {
            return HostedPage.Gone();
        }
        var last4 = intent.PaymentMethod is { } methodId ? account.Find<PaymentMethod>(methodId)?.Card?.Last4 : null;
        var action = HostedPage.Encode($"{account.Options.PublicBase}/3ds/{intent.Id}");
        var body = $"""
            <h1>3-D Secure</h1>
            <div class="card">
            <p>Testbank: Bitte bestätigen Sie die Zahlung über <strong data-testid="3ds-amount">{HostedPage.Money(intent.Amount, intent.Currency)}</strong>{(last4 is null ? "" : $" mit der Karte •••• {last4}")}.</p>
            <form method="post" action="{action}"><input type="hidden" name="outcome" value="complete"><button type="submit" data-testid="3ds-complete">Authentifizierung abschließen</button></form>
            <form method="post" action="{action}"><input type="hidden" name="outcome" value="fail"><button type="submit" class="secondary" data-testid="3ds-fail">Authentifizierung fehlschlagen lassen</button></form>
            </div>
            """;
        return HostedPage.Render("3-D Secure", body);
    });

    private static async Task<IResult> FinishAsync(string id, HttpRequest request, Account account, PaymentFlow payments)
    {
        var form = await request.ReadFormAsync();
        var outcome = form["outcome"].ToString();
        if (outcome is not ("complete" or "fail"))
        {
            return HostedPage.Render("3-D Secure", """<p class="error" data-testid="form-error">Unbekannte Auswahl.</p>""", 400);
        }
        return account.Run(Origin.Automatic, () =>
        {
            var intent = account.Find<PaymentIntent>(id);
            if (intent is null)
            {
                return HostedPage.NotFound();
            }
            if (intent.Status != PaymentIntentStatus.RequiresAction)
            {
                return HostedPage.Gone();
            }
            var succeeded = outcome == "complete";
            payments.Authenticate(intent, succeeded);
            if (intent.ReturnUrl is not { } returnUrl)
            {
                var text = succeeded ? "Authentifizierung abgeschlossen." : "Authentifizierung fehlgeschlagen.";
                return HostedPage.Render("3-D Secure", $"""<h1 data-testid="3ds-done">{text}</h1><p>Sie können dieses Fenster schließen.</p>""");
            }
            return HostedPage.SeeOther(QueryHelpers.AddQueryString(returnUrl, new Dictionary<string, string?>
            {
                ["payment_intent"] = intent.Id,
                ["payment_intent_client_secret"] = intent.ClientSecret,
                ["redirect_status"] = succeeded ? "succeeded" : "failed",
            }));
        });
    }
}
