using System.Net.Sockets;
using Autowartung.Platform.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Autowartung.Platform.Notifications;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the job looks for due messages.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 30;

    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>After this many failed attempts (about five hours with the defaults) a message is undeliverable and shown to platform admins.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long one attempt owns its row. The send is cut off well before, so a lease never ends while its send still runs.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>Sent messages carry addresses and text: they are deleted after this many days.</summary>
    public int KeepSentDays { get; set; } = 30;
}

/// <summary>
/// Sends what is due in the outbox. Each message is leased by one sender at a time: a short transaction
/// takes the row with <c>FOR UPDATE SKIP LOCKED</c>, counts the attempt and moves <c>next_attempt_at</c> to
/// the lease's end, so other instances skip it while it is sent, and find it again should this one die.
/// The send is cut off before the lease ends; its outcome is written at once: sent, or a retry with
/// exponential backoff, or undeliverable after <see cref="OutboxOptions.MaxAttempts"/> or a permanent refusal.
/// </summary>
/// <remarks>
/// Once, as far as SMTP can tell: a row is marked sent right after the server's "250" for its message.
/// A message is sent again only when that answer never arrived (the connection broke after the data was
/// handed over: RFC 1047's duplicate) or this process died between the answer and the one UPDATE after
/// it. Every attempt of a row carries the same Message-ID, so a receiving system can drop a repeat.
/// </remarks>
public sealed partial class SendOutbox(PlatformDbContext db, SmtpMailer mailer, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<SendOutbox> logger)
{
    private sealed record Claimed(Guid Id, int Attempts);

    /// <summary>Sends what is due now, at most <paramref name="limit"/> messages; returns how many were sent.</summary>
    public async Task<int> RunAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var sent = 0;
        for (var i = 0; i < limit && !cancellationToken.IsCancellationRequested; i++)
        {
            var claimed = await ClaimAsync(settings, cancellationToken);
            if (claimed is null) break;
            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == claimed.Id, cancellationToken);
            var deadline = TimeSpan.FromSeconds(settings.LeaseSeconds * 0.75);
            var outcome = await SendAsync(message, deadline);
            await RecordAsync(message, claimed.Attempts, outcome, settings);
            if (outcome.Sent) sent++;
            else if (outcome.ServerUnreachable) break;   // the next messages would only fail the same way
        }
        await ForgetSentAsync(settings, cancellationToken);
        return sent;
    }

    private async Task<Claimed?> ClaimAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now + TimeSpan.FromSeconds(settings.LeaseSeconds);
        var claimed = await db.Database.SqlQuery<Claimed>(
            $"""
             UPDATE outbox_messages SET next_attempt_at = {leaseUntil}, attempts = attempts + 1
             WHERE id = (SELECT id FROM outbox_messages WHERE status = 'Pending' AND next_attempt_at <= {now}
                         ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
             RETURNING id AS "Id", attempts AS "Attempts"
             """).ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    private sealed record Outcome(bool Sent, string? Reply = null, string? Error = null, bool Permanent = false, bool ServerUnreachable = false);

    /// <summary>
    /// The send itself is not cancelled by the host stopping (a graceful stop lets the message finish and be
    /// recorded), only by the deadline inside the lease.
    /// </summary>
    private async Task<Outcome> SendAsync(OutboxMessage message, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            var reply = await mailer.SendAsync(message.ToEmail(), $"{message.Id:N}@{mailer.SenderDomain}", message.CreatedAt, timeout.Token);
            return new Outcome(true, Reply: reply);
        }
        catch (SmtpCommandException exception)
        {
            // A 5xx answer refuses this message for good (e.g. no such mailbox); a 4xx one asks to try later.
            mailer.Reset();
            var code = (int)exception.StatusCode;
            return new Outcome(false, Error: $"{exception.ErrorCode} {code}", Permanent: code is >= 500 and < 600);
        }
        catch (ParseException exception)
        {
            return new Outcome(false, Error: exception.GetType().Name, Permanent: true);
        }
        catch (Exception exception) when (exception is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TimedOut })
        {
            mailer.Reset();
            return new Outcome(false, Error: $"{nameof(SocketException)} {((SocketException)exception).SocketErrorCode}", ServerUnreachable: true);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ProtocolException or ServiceNotConnectedException
                                              or AuthenticationException or SslHandshakeException or OperationCanceledException or TimeoutException)
        {
            mailer.Reset();
            return new Outcome(false, Error: exception.GetType().Name, ServerUnreachable: exception is AuthenticationException or SslHandshakeException);
        }
    }

    /// <summary>Written whatever the host is doing: a sent message that is not recorded as sent would go out again.</summary>
    private async Task RecordAsync(OutboxMessage message, int attempts, Outcome outcome, OutboxOptions settings)
    {
        var now = clock.GetUtcNow();
        if (outcome.Sent)
        {
            var reply = outcome.Reply is { Length: > 500 } tooLong ? tooLong[..500] : outcome.Reply;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET status = 'Sent', sent_at = {now}, last_error = NULL, server_reply = {reply} WHERE id = {message.Id}");
            LogSent(logger, message.Kind, message.Id, attempts);
        }
        else if (outcome.Permanent || attempts >= settings.MaxAttempts)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET status = 'Undeliverable', gave_up_at = {now}, last_error = {outcome.Error} WHERE id = {message.Id}");
            LogUndeliverable(logger, message.Kind, message.Id, attempts, outcome.Error);
        }
        else
        {
            var retryAt = now + Backoff(attempts, settings);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET next_attempt_at = {retryAt}, last_error = {outcome.Error} WHERE id = {message.Id}");
            LogRetry(logger, message.Kind, message.Id, attempts, outcome.Error);
        }
    }

    private async Task ForgetSentAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(settings.KeepSentDays);
        await db.Database.ExecuteSqlAsync($"DELETE FROM outbox_messages WHERE status = 'Sent' AND created_at < {before}", cancellationToken);
    }

    internal static TimeSpan Backoff(int attempts, OutboxOptions settings) =>
        TimeSpan.FromSeconds(Math.Min(settings.MaxRetrySeconds, settings.FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Kind}) sent, attempt {Attempts}")]
    private static partial void LogSent(ILogger logger, string kind, Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) not sent, attempt {Attempts}, will retry: {Error}")]
    private static partial void LogRetry(ILogger logger, string kind, Guid messageId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} ({Kind}) undeliverable after {Attempts} attempt(s): {Error}")]
    private static partial void LogUndeliverable(ILogger logger, string kind, Guid messageId, int attempts, string? error);
}
