namespace Autowartung.Platform.Notifications;

/// <summary>How a message leaves: email today, push messages later.</summary>
public enum OutboxChannel
{
    Email,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its (next) attempt, or being sent right now under a lease.</summary>
    Pending,

    Sent,

    /// <summary>Failed too often, or was refused for good: waits for a platform admin.</summary>
    Undeliverable,

    /// <summary>A platform admin decided an undeliverable message is not to be sent.</summary>
    Discarded,
}

/// <summary>
/// One message to one person, written in the same transaction as the change that causes it and sent
/// afterwards by <see cref="SendOutbox"/>: a message exists exactly when its cause was committed, and no
/// request waits for the mail server. Platform data, because account and waitlist mail belong to no city
/// and one sender drains every city's mail; <see cref="CityId"/> says which city it is about, when one is.
/// </summary>
public sealed class OutboxMessage
{
    private readonly List<OutboxAttachment> _attachments = [];

    private OutboxMessage() { }

    public Guid Id { get; private set; }

    public OutboxChannel Channel { get; private set; }

    /// <summary>What the message is (e.g. <c>booking-confirmation</c>), without personal data: for logs and the admin page.</summary>
    public string Kind { get; private set; } = "";

    public Guid? CityId { get; private set; }

    public string Recipient { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    public IReadOnlyList<OutboxAttachment> Attachments => _attachments;

    public OutboxStatus Status { get; private set; }

    /// <summary>Attempts started, counted before each send, so a crash mid-send still counts.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the next attempt is due; while an attempt runs, the end of its lease.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When it was marked undeliverable or discarded.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }

    /// <summary>Why the last attempt failed: an exception type and the server's status code, never an address or text.</summary>
    public string? LastError { get; private set; }

    /// <summary>The server's answer to the accepted message (its queue id), to trace it in the mail provider's logs.</summary>
    public string? ServerReply { get; private set; }

    public static OutboxMessage Email(EmailMessage email, string kind, Guid? cityId, DateTimeOffset now)
    {
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Channel = OutboxChannel.Email,
            Kind = kind,
            CityId = cityId,
            Recipient = email.To,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        message._attachments.AddRange(email.Attachments.Select(a => new OutboxAttachment(a.FileName, a.ContentType, a.Content)));
        return message;
    }

    public EmailMessage ToEmail() => new(Recipient, Subject, TextBody, HtmlBody)
    {
        Attachments = _attachments.Select(a => new EmailAttachment(a.FileName, a.ContentType, a.Content)).ToList(),
    };

    /// <summary>An admin sends an undeliverable message again (e.g. after the mail server was fixed): a fresh round of attempts.</summary>
    public bool Retry(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Undeliverable) return false;
        (Status, Attempts, NextAttemptAt, GaveUpAt) = (OutboxStatus.Pending, 0, now, null);
        return true;
    }

    /// <summary>An admin decides an undeliverable message is not to be sent; it stays visible as discarded.</summary>
    public bool Discard(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Undeliverable) return false;
        (Status, GaveUpAt) = (OutboxStatus.Discarded, now);
        return true;
    }
}

/// <summary>A file stored with its message, e.g. the calendar entry of a pickup.</summary>
public sealed class OutboxAttachment(string fileName, string contentType, byte[] content)
{
    public string FileName { get; private set; } = fileName;

    public string ContentType { get; private set; } = contentType;

    public byte[] Content { get; private set; } = content;
}
