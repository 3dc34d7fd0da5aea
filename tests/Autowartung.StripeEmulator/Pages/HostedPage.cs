using System.Globalization;
using System.Text;

namespace Autowartung.StripeEmulator.Pages;

/// <summary>
/// The frame of every page a browser sees (checkout, 3-D Secure): plain HTML with inline CSS, mobile first,
/// and a banner that says plainly this is the emulator and no money moves.
/// </summary>
public static class HostedPage
{
    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f9fc}
        .banner{background:#ffd84d;color:#3d2e00;padding:.6rem 1rem;font-weight:600;text-align:center}
        main{max-width:32rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;margin:.5rem 0 1rem}
        .card{background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1rem;margin-bottom:1rem}
        table{width:100%;border-collapse:collapse}
        td,th{padding:.4rem 0;text-align:left;vertical-align:top}
        .num{text-align:right;white-space:nowrap}
        tr.total th,tr.total td{border-top:1px solid #e3e8ee;font-weight:700;padding-top:.6rem}
        small{color:#697386}
        fieldset{border:0;margin:0;padding:0}
        legend{font-weight:600;margin-bottom:.5rem}
        label.method{display:flex;gap:.6rem;align-items:flex-start;padding:.7rem;border:1px solid #e3e8ee;border-radius:.4rem;margin-bottom:.5rem;background:#fff}
        .sepa{padding:.2rem .2rem .6rem 2.2rem}
        .sepa label{display:block;margin-top:.5rem}
        input[type=text]{width:100%;padding:.6rem;border:1px solid #cfd7df;border-radius:.4rem;font:inherit}
        button{width:100%;padding:.8rem;border:0;border-radius:.4rem;background:#635bff;color:#fff;font:inherit;font-weight:600;margin-top:.5rem}
        button.secondary{background:#fff;color:#c0123c;border:1px solid #c0123c}
        .error{background:#fde8ec;color:#8a0b2b;border-radius:.4rem;padding:.7rem;margin-bottom:1rem}
        a.back{display:inline-block;margin-top:1rem;color:#635bff}
        """;

    public static IResult Render(string title, string body, int status = 200)
    {
        var html = $"""
            <!doctype html>
            <html lang="de">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · Stripe-Emulator</title>
            <style>{Style}</style>
            </head>
            <body>
            <div class="banner" data-testid="emulator-banner">Stripe-Emulator · Testumgebung · Kein echtes Geld</div>
            <main>
            {body}
            <p><small>Diese Seite gehört zum Stripe-Emulator, einer Testumgebung. Es wird kein echtes Geld bewegt.</small></p>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Gone() =>
        Render("Nicht mehr gültig", """<h1 data-testid="page-gone">Diese Zahlungsseite ist nicht mehr gültig.</h1>""", StatusCodes.Status410Gone);

    public static IResult NotFound() =>
        Render("Nicht gefunden", """<h1 data-testid="page-not-found">Diese Zahlungsseite gibt es nicht.</h1>""", StatusCodes.Status404NotFound);

    /// <summary>303 See Other: the browser follows with a GET, as after Stripe's hosted pages.</summary>
    public static IResult SeeOther(string url) => new SeeOtherResult(url);

    /// <summary>Escapes text for HTML without turning umlauts into entities.</summary>
    public static string Encode(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>German money format: <c>1.234,56 €</c>; other currencies by their code.</summary>
    public static string Money(long minorUnits, string currency)
    {
        var absolute = Math.Abs(minorUnits);
        var units = (absolute / 100).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
        var symbol = currency == "eur" ? "€" : currency.ToUpperInvariant();
        return $"{(minorUnits < 0 ? "-" : "")}{units},{absolute % 100:00} {symbol}";
    }

    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}
