using System.Text;
using Autowartung.StripeEmulator.Pages;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Checkout;

/// <summary>
/// The hosted checkout page <c>/c/pay/{session}</c>: line items, total, a choice of test payment methods and a
/// pay button. Plain forms, so a test can drive it with HttpClient and a person with any phone browser.
/// </summary>
public static class CheckoutPage
{
    private const string Sepa = "sepa_debit";

    private sealed record Choice(string Value, string Label, string Hint, string Type);

    private static readonly Choice[] Choices =
    [
        new(TestPaymentMethods.Visa, "Visa •••• 4242", "Zahlung gelingt", PaymentMethodTypes.Card),
        new(TestPaymentMethods.Declined, "Visa •••• 0002", "wird abgelehnt", PaymentMethodTypes.Card),
        new(TestPaymentMethods.AuthenticationRequired, "Visa •••• 3184", "verlangt 3-D Secure", PaymentMethodTypes.Card),
        new(Sepa, "SEPA-Lastschrift", "IBAN unten eingeben", PaymentMethodTypes.SepaDebit),
    ];

    /// <summary>What the customer typed, shown again after an error.</summary>
    private sealed record Entry(string? Choice, string? Iban, string? AccountHolder);

    private sealed record PageError(string Message, string? Detail, string TestId = "payment-error");

    public static void MapCheckoutPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/pay/{id}", Show);
        app.MapPost("/c/pay/{id}", PayAsync);
        app.MapGet("/c/pay/{id}/return", Return);
    }

    private static IResult Show(string id, Account account) => account.Run(Origin.Automatic, () =>
        account.Find<CheckoutSession>(id) switch
        {
            null => HostedPage.NotFound(),
            { Status: not CheckoutSessionStatus.Open } => HostedPage.Gone(),
            var session => Render(session, new Entry(null, null, null), null),
        });

    private static async Task<IResult> PayAsync(string id, HttpRequest request, Account account, CheckoutFlow checkout)
    {
        var form = await request.ReadFormAsync();
        var entry = new Entry(form["payment_method"].ToString(), form["iban"].ToString().Trim(), form["account_holder"].ToString().Trim());
        return account.Run(Origin.Automatic, () =>
        {
            var session = account.Find<CheckoutSession>(id);
            if (session is null)
            {
                return HostedPage.NotFound();
            }
            if (session.Status != CheckoutSessionStatus.Open)
            {
                return HostedPage.Gone();
            }
            var choice = Allowed(session).FirstOrDefault(c => c.Value == entry.Choice);
            if (choice is null)
            {
                return Render(session, entry, new PageError("Bitte wählen Sie eine Zahlungsmethode.", null, "form-error"), 400);
            }
            var email = session.CustomerEmail;
            var testMethod = choice.Value;
            var billing = new BillingDetails { Email = email };
            if (choice.Value == Sepa)
            {
                if (string.IsNullOrEmpty(entry.AccountHolder))
                {
                    return Render(session, entry, new PageError("Bitte geben Sie den Kontoinhaber an.", null, "form-error"), 400);
                }
                if (TestPaymentMethods.ForIban(entry.Iban ?? "") is not { } sepaMethod)
                {
                    return Render(session, entry, new PageError(
                        "Diese IBAN kennt der Emulator nicht. Bitte verwenden Sie eine der Test-IBANs.", null, "iban-error"), 400);
                }
                testMethod = sepaMethod;
                billing = new BillingDetails { Email = email, Name = entry.AccountHolder };
            }
            var result = checkout.Pay(session, testMethod, billing);
            return result.RedirectTo is { } target
                ? HostedPage.SeeOther(target)
                : Render(session, entry, Describe(result.Error));
        });
    }

    /// <summary>Back from 3-D Secure: on to the merchant when paid, else the page again with the reason.</summary>
    private static IResult Return(string id, Account account) => account.Run(Origin.Automatic, () =>
    {
        var session = account.Find<CheckoutSession>(id);
        switch (session?.Status)
        {
            case null:
                return HostedPage.NotFound();
            case CheckoutSessionStatus.Complete:
                return HostedPage.SeeOther(CheckoutFlow.SuccessUrl(session));
            case CheckoutSessionStatus.Expired:
                return HostedPage.Gone();
        }
        var intent = session.PaymentIntent is { } intentId ? account.Find<PaymentIntent>(intentId) : null;
        var error = intent?.LastPaymentError is { } lastError ? Describe(lastError) : null;
        return Render(session, new Entry(null, null, null), error);
    });

    private static IEnumerable<Choice> Allowed(CheckoutSession session) =>
        Choices.Where(c => session.PaymentMethodTypes.Contains(c.Type));

    private static PageError Describe(PaymentError? error)
    {
        var message = (error?.DeclineCode ?? error?.Code) switch
        {
            "generic_decline" => "Ihre Karte wurde abgelehnt.",
            "insufficient_funds" => "Ihre Karte ist nicht ausreichend gedeckt.",
            "payment_intent_authentication_failure" => "Die Authentifizierung ist fehlgeschlagen. Bitte wählen Sie eine andere Zahlungsmethode.",
            _ => "Die Zahlung ist fehlgeschlagen.",
        };
        return new PageError(message, error is null ? null : $"{error.Message} ({error.Code})");
    }

    private static IResult Render(CheckoutSession session, Entry entry, PageError? error, int status = 200)
    {
        var total = HostedPage.Money(session.AmountTotal, session.Currency);
        var html = new StringBuilder();
        html.Append("<h1>Bezahlen</h1>\n<div class=\"card\"><table>\n");
        foreach (var item in session.LineItems)
        {
            html.Append($"""<tr><td>{HostedPage.Encode(item.Name)}<br><small>{item.Quantity} × {HostedPage.Money(item.UnitAmount, session.Currency)}</small></td><td class="num">{HostedPage.Money(item.Total, session.Currency)}</td></tr>""").Append('\n');
        }
        html.Append($"""<tr class="total"><th>Gesamt</th><td class="num" data-testid="total">{total}</td></tr>""").Append("\n</table></div>\n");

        if (error is not null)
        {
            html.Append($"""<div class="error" role="alert" data-testid="{error.TestId}">{HostedPage.Encode(error.Message)}""");
            if (error.Detail is not null)
            {
                html.Append($"<br><small>{HostedPage.Encode(error.Detail)}</small>");
            }
            html.Append("</div>\n");
        }

        var allowed = Allowed(session).ToList();
        var selected = allowed.FirstOrDefault(c => c.Value == entry.Choice) ?? allowed[0];
        html.Append($"""<form method="post" action="{HostedPage.Encode(session.HostedUrl)}" class="card">""").Append('\n');
        html.Append("<fieldset><legend>Zahlungsmethode (Testdaten)</legend>\n");
        foreach (var choice in allowed)
        {
            var isChecked = choice == selected ? " checked" : "";
            html.Append($"""<label class="method"><input type="radio" name="payment_method" value="{choice.Value}" data-testid="method-{choice.Value}"{isChecked}><span>{choice.Label}<br><small>{choice.Hint}</small></span></label>""").Append('\n');
            if (choice.Value == Sepa)
            {
                html.Append($"""
                    <div class="sepa">
                    <label>IBAN<input type="text" name="iban" data-testid="iban" autocomplete="off" value="{HostedPage.Encode(entry.Iban)}"></label>
                    <small>Test-IBANs: DE89 3704 0044 0532 0130 00 (gelingt), DE62 3704 0044 0532 0130 01 (schlägt fehl)</small>
                    <label>Kontoinhaber<input type="text" name="account_holder" data-testid="account-holder" value="{HostedPage.Encode(entry.AccountHolder)}"></label>
                    </div>
                    """).Append('\n');
            }
        }
        html.Append("</fieldset>\n");
        html.Append($"""<button type="submit" data-testid="pay">{total} bezahlen</button>""").Append("\n</form>\n");
        if (session.CancelUrl is { } cancelUrl)
        {
            html.Append($"""<a class="back" href="{HostedPage.Encode(cancelUrl)}" data-testid="cancel">Zurück</a>""").Append('\n');
        }
        return HostedPage.Render("Bezahlen", html.ToString(), status);
    }
}
