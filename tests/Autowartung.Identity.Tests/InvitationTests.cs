using System.Net;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Data;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Identity.Tests;

public sealed class InvitationTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    /// <summary>Invites through the use case, as the admin app does, and returns the link from the email.</summary>
    private async Task<(string Email, string Path)> InviteAsync(MembershipRole role)
    {
        var email = $"eingeladen-{Guid.NewGuid():N}@identity.test";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var workshopId = await db.PartnerWorkshops.AcrossTenantsFor(app.Witten.Id).Select(w => (Guid?)w.Id).FirstAsync();
            using var tenant = app.Database.Tenancy.BeginScope(app.Witten);
            var invited = await scope.ServiceProvider.GetRequiredService<InviteToCity>().RunAsync(app.Witten,
                new InviteToCity.Request(email, role, role == MembershipRole.WorkshopStaff ? workshopId : null), app.Admin.Id,
                token => new Uri($"http://id.autowartung.localhost:8080/einladung?city=witten&token={token}"), AuditOrigin.None);
            Assert.True(invited.Succeeded);
        }
        var link = Maildev.Link(Assert.Single(await Maildev.ToAsync(email)), "http://id.autowartung.localhost:8080/einladung");
        return (email, link.PathAndQuery);
    }

    private static Dictionary<string, string> NewPerson() => new() { ["Name"] = "Max Fahrer", ["Password"] = "mein-fahrer-passwort" };

    [Fact]
    public async Task Jockey_AcceptsWithAPassword_BecomesAJockeyOfTheCity_AndIsSignedIn()
    {
        var (email, path) = await InviteAsync(MembershipRole.Jockey);
        using var client = app.Client();
        Assert.Contains("als Fahrer mitzuarbeiten", await client.GetStringAsync(path));

        using var response = await client.SubmitAsync(path, NewPerson());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://witten.autowartung.localhost:8080/jockey", response.Headers.Location!.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));
        Assert.Equal("Jockey", await app.Database.ScalarAsync<string>(
            "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = @p0 AND m.revoked_at IS NULL", email));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = @p0 AND a.action = 'InvitationAccepted'", email));
    }

    [Fact]
    public async Task UsedLink_IsRefusedClearly_AndGrantsNothingMore()
    {
        var (email, path) = await InviteAsync(MembershipRole.Jockey);
        using var first = app.Client();
        await first.SubmitAsync(path, NewPerson());

        using var second = app.Client();
        var page = await second.GetStringAsync(path);

        Assert.Contains("data-testid=\"invitation-used\"", page);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @p0", email));
    }

    [Fact]
    public async Task ExpiredLink_IsRefusedClearly()
    {
        var (email, path) = await InviteAsync(MembershipRole.Jockey);
        await app.Database.ExecuteAsync("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = @p0", email);
        using var client = app.Client();

        Assert.Contains("data-testid=\"invitation-expired\"", await client.GetStringAsync(path));
        // A forged post straight at the expired link (the token comes from another page) grants nothing either.
        using var post = await client.SubmitAsync("/anmelden", NewPerson(), action: path);
        Assert.Contains("data-testid=\"invitation-expired\"", await post.Content.ReadAsStringAsync());
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @p0", email));
    }

    [Fact]
    public async Task TamperedLink_IsRefused()
    {
        using var client = app.Client();

        Assert.Contains("data-testid=\"invitation-invalid\"", await client.GetStringAsync("/einladung?city=witten&token=erfunden"));
        Assert.Contains("data-testid=\"invitation-invalid\"", await client.GetStringAsync("/einladung?city=atlantis&token=erfunden"));
    }

    [Fact]
    public async Task WorkshopStaff_MustSetUpASecondFactor_BeforeTheirFirstSession()
    {
        var (_, path) = await InviteAsync(MembershipRole.WorkshopStaff);
        using var client = app.Client();

        using var response = await client.SubmitAsync(path, NewPerson());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden/zwei-faktor-einrichten?", response.Headers.Location!.OriginalString);
        Assert.Contains(Uri.EscapeDataString("http://witten.autowartung.localhost:8080/workshop"), response.Headers.Location.OriginalString);
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal) && !c.StartsWith("__aw_session=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoPeopleAcceptingAtOnce_OnlyOneGetsIt()
    {
        var (_, path) = await InviteAsync(MembershipRole.Jockey);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query)["token"]!;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var a = await app.Database.AddPersonAsync($"a-{Guid.NewGuid():N}@identity.test");
        var b = await app.Database.AddPersonAsync($"b-{Guid.NewGuid():N}@identity.test");

        async Task<Result> AcceptAs(PlatformUser person)
        {
            await using var own = app.Factory.Services.CreateAsyncScope();
            using var tenant = app.Database.Tenancy.BeginScope(app.Witten);
            var accept = own.ServiceProvider.GetRequiredService<AcceptInvitation>();
            var invitation = (await accept.FindAsync(token))!;
            return await accept.RunAsync(invitation, person.Id, AuditOrigin.None);
        }

        var results = await Task.WhenAll(AcceptAs(a), AcceptAs(b));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Status == ResultStatus.Conflict && r.Failure?.Details is InvitationState.Used);
    }
}
