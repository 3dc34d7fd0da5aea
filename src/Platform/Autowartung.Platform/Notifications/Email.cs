using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Autowartung.Platform.Notifications;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1025;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Autowartung <no-reply@autowartung.de>";
}

/// <summary>An email to one person: German text and an HTML body, and any files with it.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>A file sent with an email, e.g. the calendar entry of a pickup.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Sends through SMTP: maildev locally, the mail provider in production.</summary>
public sealed partial class SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (smtp.UserName is not null) client.Credentials = new System.Net.NetworkCredential(smtp.UserName, smtp.Password);

        using var mail = new MailMessage { From = new MailAddress(smtp.From), Subject = message.Subject, Body = message.TextBody };
        mail.To.Add(message.To);
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, System.Text.Encoding.UTF8, "text/html"));
        foreach (var file in message.Attachments)
            mail.Attachments.Add(new Attachment(new MemoryStream(file.Content), file.FileName, file.ContentType));
        await client.SendMailAsync(mail, cancellationToken);
        LogSent(logger, message.Subject);   // the subject only: the address is personal data
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email sent: {Subject}")]
    private static partial void LogSent(ILogger logger, string subject);
}
