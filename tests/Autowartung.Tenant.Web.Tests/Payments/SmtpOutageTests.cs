using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>The demo cities, paying through the emulator, with SMTP pointed at a port where nothing listens.</summary>
public sealed class SmtpDownApp : PaymentsApp
{
    public int SmtpPort { get; } = MaildevServer.FreePort();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>The mail server is down while a customer pays: nothing is lost, and the confirmation goes out once it is back.</summary>
public sealed class SmtpOutageTests(SmtpDownApp app) : IClassFixture<SmtpDownApp>
{
    [Fact]
    public async Task SmtpDownWhileTheCustomerPays_ConfirmationWaitsWithItsAttemptsCounted_AndArrivesOnceWhenSmtpIsBack()
    {
        var booked = await app.BookAsync();
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "pm_card_visa"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));

        // The confirmation was written with the booking's confirmation and waits; each failed attempt is counted.
        const string Row = "FROM outbox_messages WHERE recipient = @p0 AND kind = 'booking-confirmation'";
        Assert.Equal(2, await PaymentsApp.EventuallyAsync(async () => Math.Min(2, await app.Database.ScalarAsync<int>($"SELECT attempts {Row}", booked.Email)), 2));
        Assert.Equal("Pending", await app.Database.ScalarAsync<string>($"SELECT status {Row}", booked.Email));
        Assert.StartsWith("SocketException", await app.Database.ScalarAsync<string>($"SELECT last_error {Row}", booked.Email));

        await using var smtp = await MaildevServer.StartAsync(app.SmtpPort);
        // A busy machine may take a while. The jockey's assignment (an email of its own) may come first.
        static bool IsConfirmation(Maildev.Mail m) => m.Subject.Contains("bestätigt", StringComparison.Ordinal);
        var mail = Assert.Single(await Maildev.MatchingAsync(booked.Email, IsConfirmation, seconds: 60, inbox: smtp.Inbox));
        Assert.Equal("abholung.ics", Assert.Single(mail.Attachments).FileName);
        Assert.Equal("Sent", await PaymentsApp.EventuallyAsync(() => app.Database.ScalarAsync<string>($"SELECT status {Row}", booked.Email), "Sent"));

        // Several more runs of the job later (it polls every half second here): still exactly one.
        await Task.Delay(3000);
        Assert.Single(await Maildev.ToAsync(booked.Email, atLeast: 3, seconds: 0, inbox: smtp.Inbox), IsConfirmation);
        Assert.Equal(1, await app.Database.ScalarAsync<long>($"SELECT count(*) {Row}", booked.Email));
    }
}
