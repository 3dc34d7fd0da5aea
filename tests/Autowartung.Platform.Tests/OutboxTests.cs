using Autowartung.Platform.Data;
using Autowartung.Platform.Notifications;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Platform.Tests;

/// <summary>
/// The outbox's sender against the real PostgreSQL and the stack's maildev (or a port where nothing
/// listens): each row is sent once, however many senders run at the same time; a failed attempt is
/// counted and retried later; a row that keeps failing becomes undeliverable.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private ServiceProvider Services(int smtpPort, Action<OutboxOptions>? outbox = null) =>
        new ServiceCollection().AddLogging().AddMemoryCache()
            .AddPlatformDatabase(_database.ConnectionString)
            .Configure<SmtpOptions>(smtp => (smtp.Host, smtp.Port, smtp.TimeoutSeconds) = ("127.0.0.1", smtpPort, 5))
            .Configure<OutboxOptions>(options => outbox?.Invoke(options))
            .BuildServiceProvider();

    private async Task<Guid> AddAsync(string to, string kind = "test-message")
    {
        await using var db = _database.CreateContext();
        var message = OutboxMessage.Email(EmailTemplate.Build(to, "Ein Test", ["Hallo"]) with
        {
            Attachments = [new EmailAttachment("abholung.ics", CalendarEvent.ContentType, "BEGIN:VCALENDAR"u8.ToArray())],
        }, kind, null, DateTimeOffset.UtcNow);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private static async Task<int> RunAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendOutbox>().RunAsync();
    }

    private Task<string?> StatusAsync(Guid id) => _database.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @p0", id);

    [Fact]
    public async Task ThreeSendersAtOnce_SendEachMessageOnce_WithItsAttachment_AndMarkItSent()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var recipients = Enumerable.Range(0, 12).Select(i => $"outbox-{run}-{i}@test.example").ToList();
        var ids = new List<Guid>();
        foreach (var to in recipients) ids.Add(await AddAsync(to));
        await using var services = Services(Maildev.SmtpPort);

        var sent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => RunAsync(services))));

        Assert.Equal(recipients.Count, sent.Sum());
        foreach (var (to, id) in recipients.Zip(ids))
        {
            var mail = Assert.Single(await Maildev.ToAsync(to));
            Assert.Equal("abholung.ics", Assert.Single(mail.Attachments).FileName);
            Assert.Equal("Sent", await StatusAsync(id));
            Assert.Equal(1, await _database.ScalarAsync<int>("SELECT attempts FROM outbox_messages WHERE id = @p0", id));
            Assert.NotNull(await _database.ScalarAsync<string>("SELECT server_reply FROM outbox_messages WHERE id = @p0", id));
        }
        Assert.Equal(0, await RunAsync(services));   // nothing is due any more
        Assert.Single(await Maildev.ToAsync(recipients[0], atLeast: 2, seconds: 0));
    }

    [Fact]
    public async Task SmtpDown_CountsTheAttempt_WaitsItsBackoff_AndAfterTheLastAttemptMarksItUndeliverable()
    {
        var id = await AddAsync($"down-{Guid.NewGuid():N}@test.example");
        var deadPort = MaildevServer.FreePort();

        await using (var slow = Services(deadPort, o => (o.FirstRetrySeconds, o.MaxAttempts) = (60, 3)))
        {
            Assert.Equal(0, await RunAsync(slow));
            Assert.Equal(0, await RunAsync(slow));   // not due again before its backoff
        }
        Assert.Equal(1, await _database.ScalarAsync<int>("SELECT attempts FROM outbox_messages WHERE id = @p0", id));
        Assert.Equal("Pending", await StatusAsync(id));
        Assert.Equal("SocketException ConnectionRefused", await _database.ScalarAsync<string>("SELECT last_error FROM outbox_messages WHERE id = @p0", id));
        var wait = await _database.ScalarAsync<double>("SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM outbox_messages WHERE id = @p0", id);
        Assert.InRange(wait, 50, 61);

        await _database.ExecuteAsync("UPDATE outbox_messages SET next_attempt_at = now() WHERE id = @p0", id);
        await using (var fast = Services(deadPort, o => (o.FirstRetrySeconds, o.MaxAttempts) = (0, 3)))
        {
            await RunAsync(fast);
            await RunAsync(fast);
            await RunAsync(fast);   // past the last attempt: nothing is tried any more
        }
        Assert.Equal("Undeliverable", await StatusAsync(id));
        Assert.Equal(3, await _database.ScalarAsync<int>("SELECT attempts FROM outbox_messages WHERE id = @p0", id));
        Assert.True(await _database.ScalarAsync<bool>("SELECT gave_up_at IS NOT NULL FROM outbox_messages WHERE id = @p0", id));
    }

    [Fact]
    public async Task AMessageWhoseTransactionRollsBack_IsNeverWritten()
    {
        await using var services = Services(Maildev.SmtpPort);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().AddEmail(EmailTemplate.Build("rollback@test.example", "Nie", ["Nie"]), "test-message");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE recipient = 'rollback@test.example'"));
    }

    [Fact]
    public async Task SentMessages_AreDeletedAfterTheirRetention_PendingOnesNever()
    {
        var old = await AddAsync($"old-{Guid.NewGuid():N}@test.example");
        await using var services = Services(Maildev.SmtpPort, o => o.KeepSentDays = 30);
        await RunAsync(services);
        var pending = await AddAsync($"pending-{Guid.NewGuid():N}@test.example");
        await _database.ExecuteAsync("UPDATE outbox_messages SET created_at = now() - interval '31 days'");
        await _database.ExecuteAsync("UPDATE outbox_messages SET next_attempt_at = now() + interval '1 hour' WHERE id = @p0", pending);

        await RunAsync(services);

        Assert.Null(await StatusAsync(old));
        Assert.Equal("Pending", await StatusAsync(pending));
    }

    [Fact]
    public void Mask_ShowsTheFirstAndLastLetterAndTheDomain() =>
        Assert.Equal(("m•••r@kunde.example", "a•••@b.example"), (UndeliverableMessages.Mask("max.muster@kunde.example"), UndeliverableMessages.Mask("a@b.example")));
}
