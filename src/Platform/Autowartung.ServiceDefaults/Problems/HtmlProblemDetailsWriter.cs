using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Autowartung.ServiceDefaults.Problems;

/// <summary>
/// Writes a problem as a small, plain HTML page when a browser asks for HTML; API clients keep getting
/// <c>application/problem+json</c> from the default writer. The page says what kind of error it is and
/// nothing more: no stack traces, no hint whether something exists.
/// </summary>
internal sealed class HtmlProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var accept = context.HttpContext.Request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var (title, text) = GermanText(status);
        (title, text) = (ProblemText.Localize(context.HttpContext, title), ProblemText.Localize(context.HttpContext, text));
        var language = ProblemText.CultureOf(context.HttpContext).TwoLetterISOLanguageName;
        var correlationId = context.HttpContext.TraceIdentifier;
        var request = context.HttpContext.Request;
        // A way back: the start page always, and for a failed GET the same page again (a POST is not repeated by a link).
        var again = HttpMethods.IsGet(request.Method) && status >= 500
            ? $"""<a href="{WebUtility.HtmlEncode(request.PathBase + request.Path + request.QueryString)}">{WebUtility.HtmlEncode(ProblemText.Localize(context.HttpContext, "Erneut versuchen"))}</a> · """ : "";
        var response = context.HttpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers[HeaderNames.CacheControl] = "no-store";
        // The page is self-contained: its own small style block and nothing else.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'";
        return new ValueTask(response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{status}} – {{WebUtility.HtmlEncode(title)}}</title>
              <link rel="icon" href="/_content/Autowartung.ServiceDefaults/favicon.svg" type="image/svg+xml">
              <style>body{font-family:system-ui,sans-serif;margin:0;padding:3rem 1.5rem;color:#1d2b36;background:#f5f7f8}
              main{max-width:32rem;margin:auto}h1{font-size:1.5rem}small{color:#5b6b77}a{color:#0b6e79}</style>
            </head>
            <body>
              <main>
                <h1>{{WebUtility.HtmlEncode(title)}}</h1>
                <p>{{WebUtility.HtmlEncode(text)}}</p>
                <p data-testid="way-back">{{again}}<a href="/">{{WebUtility.HtmlEncode(ProblemText.Localize(context.HttpContext, "Zur Startseite"))}}</a></p>
                <p><small>{{WebUtility.HtmlEncode(ProblemText.Localize(context.HttpContext, "Fehler"))}} {{status}} · {{WebUtility.HtmlEncode(ProblemText.Localize(context.HttpContext, "Vorgang"))}} {{WebUtility.HtmlEncode(correlationId)}}</small></p>
              </main>
            </body>
            </html>
            """));
    }

    private static (string Title, string Text) GermanText(int status) => status switch
    {
        400 => ("Ungültige Anfrage", "Die Angaben konnten nicht verarbeitet werden. Bitte prüfen Sie Ihre Eingaben."),
        404 => ("Seite nicht gefunden", "Diese Seite gibt es nicht."),
        405 => ("Nicht erlaubt", "Diese Aktion ist hier nicht möglich."),
        409 => ("Nicht möglich", "Das geht im aktuellen Zustand nicht."),
        413 => ("Zu groß", "Die Anfrage ist zu groß."),
        415 => ("Dateityp nicht unterstützt", "Dieser Dateityp wird nicht angenommen."),
        429 => ("Zu viele Anfragen", "Bitte warten Sie einen Moment und versuchen Sie es dann erneut."),
        >= 500 => ("Da ist etwas schiefgelaufen", "Ein Fehler auf unserer Seite. Bitte versuchen Sie es später erneut."),
        _ => ("Fehler", "Die Anfrage konnte nicht beantwortet werden."),
    };
}
