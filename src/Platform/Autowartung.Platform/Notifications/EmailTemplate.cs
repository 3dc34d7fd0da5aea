using System.Net;

namespace Autowartung.Platform.Notifications;

/// <summary>
/// The one look of the platform's emails: a greeting, a few paragraphs, at most one button, and a
/// quiet link below the signature for what a reader may want besides (such as leaving a list).
/// </summary>
public static class EmailTemplate
{
    public static EmailMessage Build(
        string to, string subject, IReadOnlyList<string> paragraphs, string? buttonText = null, Uri? buttonUrl = null,
        (string Text, Uri Url)? footerLink = null)
    {
        var text = string.Join("\n\n", paragraphs) + (buttonUrl is null ? "" : $"\n\n{buttonText}: {buttonUrl}") +
                   "\n\nIhr Autowartung-Team" + (footerLink is { } footer ? $"\n\n{footer.Text}: {footer.Url}" : "");
        var button = buttonUrl is null ? "" :
            $"""<p><a href="{WebUtility.HtmlEncode(buttonUrl.ToString())}" style="display:inline-block;padding:12px 20px;background:#0b6e79;color:#fff;border-radius:8px;text-decoration:none;font-weight:600">{WebUtility.HtmlEncode(buttonText)}</a></p>""";
        var footerHtml = footerLink is { } link
            ? $"""<p style="font-size:0.875rem;color:#5b6b78"><a href="{WebUtility.HtmlEncode(link.Url.ToString())}" style="color:#5b6b78">{WebUtility.HtmlEncode(link.Text)}</a></p>"""
            : "";
        var html = $"""
            <!DOCTYPE html><html lang="de"><body style="font-family:system-ui,sans-serif;color:#1d2b36;line-height:1.5">
            <div style="max-width:32rem;margin:auto;padding:1.5rem">
            <p style="font-weight:700;color:#0b6e79">Autowartung</p>
            {string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))}
            {button}
            <p>Ihr Autowartung-Team</p>
            {footerHtml}
            </div></body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }
}
