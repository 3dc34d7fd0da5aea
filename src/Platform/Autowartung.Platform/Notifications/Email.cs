using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Autowartung.Platform.Notifications;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1025;

    /// <summary>STARTTLS (or TLS from the start on port 465); off for the local maildev.</summary>
    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Autowartung <no-reply@autowartung.de>";

    /// <summary>How long one step of the SMTP conversation may take before the attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>An email to one person: German text and an HTML body, and any files with it.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>A file sent with an email, e.g. the calendar entry of a pickup.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One SMTP connection through MailKit (maildev locally, the mail provider in production), opened on the
/// first message and kept for the rest of a run of <see cref="SendOutbox"/>. Only the outbox sends.
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options) : IAsyncDisposable
{
    private SmtpClient? _client;

    /// <summary>Sends one message; returns the server's reply to it (its queue id). Throws what MailKit throws.</summary>
    /// <param name="messageId">The Message-ID header: the same on every attempt of one outbox row, so a repeat can be told apart as one.</param>
    public async Task<string> SendAsync(EmailMessage email, string messageId, DateTimeOffset date, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var mime = Compose(email, smtp.From, messageId, date);
        var client = await ConnectedAsync(smtp, cancellationToken);
        return await client.SendAsync(mime, cancellationToken);
    }

    /// <summary>After a failure the conversation is in an unknown state: the next message starts a new one.</summary>
    public void Reset()
    {
        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or OperationCanceledException)
            {
                // Everything was sent and recorded; a QUIT that fails changes nothing.
            }
        }
        _client?.Dispose();
    }

    /// <summary>The domain of the sender address, for Message-IDs.</summary>
    public string SenderDomain => MailboxAddress.Parse(options.Value.From).Domain;

    internal static MimeMessage Compose(EmailMessage email, string from, string messageId, DateTimeOffset date)
    {
        var mime = new MimeMessage { Subject = email.Subject, MessageId = messageId, Date = date };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(email.To));
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var file in email.Attachments) body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private async Task<SmtpClient> ConnectedAsync(SmtpOptions smtp, CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } connected) return connected;
        _client?.Dispose();
        _client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(smtp.TimeoutSeconds).TotalMilliseconds };
        await _client.ConnectAsync(smtp.Host, smtp.Port, smtp.EnableSsl ? SecureSocketOptions.Auto : SecureSocketOptions.None, cancellationToken);
        if (smtp.UserName is not null) await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        return _client;
    }
}
