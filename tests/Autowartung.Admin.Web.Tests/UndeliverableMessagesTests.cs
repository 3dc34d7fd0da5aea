using System.Net;
using Autowartung.Platform.Notifications;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Tests;

/// <summary>
/// The outbox's undeliverable messages on the admin app: listed with the recipient masked, sent again
/// or discarded by an admin; a message that is not undeliverable is left alone (409), an unknown one is 404.
/// </summary>
public sealed class UndeliverableMessagesTests(AdminApp app) : IClassFixture<AdminApp>
{
    private async Task<Guid> UndeliverableAsync(string recipient)
    {
        // Written and given up in one transaction: the app's outbox job must never see it pending (it would send it).
        await using var db = app.Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var message = OutboxMessage.Email(EmailTemplate.Build(recipient, "Buchung bestätigt", ["Guten Tag"]), "booking-confirmation", app.Witten.Id, DateTimeOffset.UtcNow);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE outbox_messages SET status = 'Undeliverable', attempts = 12, gave_up_at = now(), last_error = 'SocketException ConnectionRefused' WHERE id = {message.Id}");
        await transaction.CommitAsync();
        return message.Id;
    }

    [Fact]
    public async Task Page_ListsUndeliverableMessages_WithTheRecipientMasked_AndTheStartPageLinksThem()
    {
        var id = await UndeliverableAsync("max.muster@kunde.example");
        using var client = app.AdminClient();

        var start = await client.GetStringAsync("/");
        Assert.Contains("href=\"/nachrichten/unzustellbar\"", start);
        Assert.Matches(@"Unzustellbare Nachrichten \([1-9][0-9]*\)", start);

        var page = await client.GetStringAsync("/nachrichten/unzustellbar");
        Assert.Contains($"data-message=\"{id}\"", page);
        Assert.Contains("m•••r@kunde.example", page);
        Assert.DoesNotContain("max.muster@kunde.example", page);
        Assert.Contains("Buchungsbestätigung", page);
        Assert.Contains("Witten", page);
        Assert.Contains("SocketException ConnectionRefused", page);
    }

    [Fact]
    public async Task Retry_SendsTheMessageAgain_WithAFreshRoundOfAttempts()
    {
        var recipient = $"retry-{Guid.NewGuid():N}@kunde.example";
        var id = await UndeliverableAsync(recipient);
        using var client = app.AdminClient();

        using var retried = await client.SubmitAsync("/nachrichten/unzustellbar", new Dictionary<string, string> { ["id"] = id.ToString() }, "/nachrichten/unzustellbar?handler=Retry");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);

        // The outbox's job takes it up again and the stack's maildev receives it.
        Assert.Equal("Buchung bestätigt", Assert.Single(await Maildev.ToAsync(recipient)).Subject);
        Assert.Equal("Sent", await EventuallySentAsync(id));
        Assert.DoesNotContain($"data-message=\"{id}\"", await client.GetStringAsync("/nachrichten/unzustellbar"));
    }

    [Fact]
    public async Task Discard_KeepsTheMessageAsDiscarded_AndDecidingAgainIs409_AnUnknownOne404()
    {
        var id = await UndeliverableAsync("discard@kunde.example");
        using var client = app.AdminClient();

        using var discarded = await client.SubmitAsync("/nachrichten/unzustellbar", new Dictionary<string, string> { ["id"] = id.ToString() }, "/nachrichten/unzustellbar?handler=Discard");
        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Equal("Discarded", await app.Database.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @p0", id));

        using var again = await client.SubmitAsync("/nachrichten/unzustellbar", new Dictionary<string, string> { ["id"] = id.ToString() }, "/nachrichten/unzustellbar?handler=Retry");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("nicht mehr unzustellbar", await again.Content.ReadAsStringAsync());   // the page says why
        using var unknown = await client.SubmitAsync("/nachrichten/unzustellbar", new Dictionary<string, string> { ["id"] = Guid.NewGuid().ToString() }, "/nachrichten/unzustellbar?handler=Discard");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Page_IsNotFoundForSomeoneWhoIsNoAdmin()
    {
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Customer, secondFactor: true));
        using var response = await client.GetAsync("/nachrichten/unzustellbar");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string?> EventuallySentAsync(Guid id)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await app.Database.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @p0", id) == "Sent") return "Sent";
            await Task.Delay(100);
        }
        return await app.Database.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @p0", id);
    }
}
