using Autowartung.Platform.Geography;
using Autowartung.Platform.Waitlist;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Platform.Tests;

public sealed class WaitlistEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_NormalisesTheAddress_AndStartsUnconfirmed()
    {
        var entry = WaitlistEntry.Create("  Anna.Muster@Example.DE ", PostalCode.Parse("10115"), Now);

        Assert.Equal("anna.muster@example.de", entry.Email);
        Assert.Equal("10115", entry.PostalCode);
        Assert.False(entry.IsConfirmed);
        Assert.Equal(Now, entry.ConfirmationSentAt);
    }

    [Fact]
    public void TryResendConfirmation_WhenWithinTheInterval_IsRefused_AndAfterItRecordsTheSending()
    {
        var entry = WaitlistEntry.Create("a@example.de", PostalCode.Parse("10115"), Now);

        Assert.False(entry.TryResendConfirmation(Now + WaitlistEntry.ResendInterval - TimeSpan.FromSeconds(1)));
        Assert.Equal(Now, entry.ConfirmationSentAt);
        Assert.True(entry.TryResendConfirmation(Now + WaitlistEntry.ResendInterval));
        Assert.Equal(Now + WaitlistEntry.ResendInterval, entry.ConfirmationSentAt);
    }

    [Fact]
    public void TryResendConfirmation_WhenConfirmed_IsRefused()
    {
        var entry = WaitlistEntry.Create("a@example.de", PostalCode.Parse("10115"), Now);
        entry.Confirm(Now);

        Assert.False(entry.TryResendConfirmation(Now.AddDays(1)));
    }

    [Fact]
    public void Confirm_Twice_KeepsTheFirstTime()
    {
        var entry = WaitlistEntry.Create("a@example.de", PostalCode.Parse("10115"), Now);

        entry.Confirm(Now);
        entry.Confirm(Now.AddHours(1));

        Assert.Equal(Now, entry.ConfirmedAt);
    }
}

public sealed class ForgetUnconfirmedEntriesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Run_DeletesOnlyUnconfirmedEntriesWhoseLinkExpired()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = database.CreateContext())
        {
            db.WaitlistEntries.Add(WaitlistEntry.Create("expired@example.de", PostalCode.Parse("10115"), now.AddDays(-8)));
            db.WaitlistEntries.Add(WaitlistEntry.Create("waiting@example.de", PostalCode.Parse("10115"), now.AddDays(-6)));
            var confirmed = WaitlistEntry.Create("confirmed@example.de", PostalCode.Parse("10115"), now.AddDays(-30));
            confirmed.Confirm(now.AddDays(-29));
            db.WaitlistEntries.Add(confirmed);
            await db.SaveChangesAsync();
        }
        await using var services = database.CreateServices();
        await using var scope = services.CreateAsyncScope();

        var forgotten = await scope.ServiceProvider.GetRequiredService<ForgetUnconfirmedEntries>().RunAsync();

        await using var check = database.CreateContext();
        Assert.Equal(1, forgotten);
        Assert.Equal(["confirmed@example.de", "waiting@example.de"], await check.WaitlistEntries.OrderBy(e => e.Email).Select(e => e.Email).ToListAsync());
    }
}
