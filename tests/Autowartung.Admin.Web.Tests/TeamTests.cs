using System.Net;
using System.Text.RegularExpressions;
using Autowartung.Testing;

namespace Autowartung.Admin.Web.Tests;

public sealed partial class TeamTests(AdminApp app) : IClassFixture<AdminApp>
{
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(path.Split('?')[0]);
        form["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Invite_SendsALinkToTheIdentityService_AndListsTheInvitation()
    {
        using var client = app.AdminClient();
        var email = $"fahrer-{Guid.NewGuid():N}@test.example";

        using var response = await PostAsync(client, "/staedte/witten/team?handler=Invite",
            new() { ["Email"] = email, ["Role"] = "Jockey" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Einladung an {email} verschickt.", await response.Content.ReadAsStringAsync());
        var mail = Assert.Single(await Maildev.ToAsync(email));
        Assert.Equal("Einladung: Autowartung Witten", mail.Subject);
        Assert.StartsWith("http://id.autowartung.localhost:8080/einladung?city=witten&token=", Maildev.Link(mail, "http://id.").ToString());
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM invitations WHERE email = @p0 AND tenant_id = @p1", email, app.Witten.Id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'InvitationSent' AND city_id = @p0 AND actor_user_id = @p1", app.Witten.Id, app.Admin.Id));
    }

    [Fact]
    public async Task Invite_WithBadInput_ShowsFieldErrors_AndStoresNothing()
    {
        using var client = app.AdminClient();
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM invitations");

        using var response = await PostAsync(client, "/staedte/witten/team?handler=Invite",
            new() { ["Email"] = "werkstatt@test.example", ["Role"] = "WorkshopStaff" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bitte eine Partnerwerkstatt dieser Stadt wählen.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM invitations"));
    }

    [Fact]
    public async Task Revoke_EndsTheMembership_AndIsAudited()
    {
        var person = await app.Database.AddPersonAsync($"ex-fahrer-{Guid.NewGuid():N}@test.example");
        await app.Database.GrantAsync(app.Witten, person, Platform.Accounts.MembershipRole.Jockey);
        using var client = app.AdminClient();

        using var response = await PostAsync(client, "/staedte/witten/team?handler=Revoke",
            new() { ["userId"] = person.Id.ToString(), ["role"] = "Jockey" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await app.Database.ScalarAsync<DateTime?>("SELECT revoked_at FROM memberships WHERE user_id = @p0", person.Id));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'MembershipRevoked' AND user_id = @p0", person.Id));
    }

    [Fact]
    public async Task Team_OfAnUnknownCity_Is404()
    {
        using var client = app.AdminClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/staedte/atlantis/team")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = app.AdminClient();

        using var response = await client.PostAsync("/staedte/witten/team?handler=Invite",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@test.example", ["Role"] = "Jockey" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
