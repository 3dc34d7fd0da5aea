using System.Net;
using System.Net.Http.Headers;
using Autowartung.Testing;

namespace Autowartung.Admin.Web.Tests;

public sealed class AdminAccessTests(AdminApp app) : IClassFixture<AdminApp>
{
    [Fact]
    public async Task Anonymous_IsSentToThePlatformSignIn_AndBackHere()
    {
        using var client = app.Factory.ClientFor("admin.autowartung.localhost");

        using var response = await client.GetAsync("/staedte/witten/team");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://id.autowartung.localhost:8080/anmelden?area=plattform&returnUrl=" + Uri.EscapeDataString("http://admin.autowartung.localhost:8080/staedte/witten/team"),
            response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Customer_GetsA404()
    {
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Customer, secondFactor: true));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Admin_WithoutASecondFactor_GetsA404()
    {
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Admin, secondFactor: false));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Admin_WithASecondFactor_GetsIn()
    {
        using var client = app.AdminClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Session_WithAnOutdatedSecurityStamp_CountsAsSignedOut()
    {
        var stale = new Platform.Accounts.PlatformUser(app.Admin.Email!, DateTimeOffset.UtcNow) { SecurityStamp = "OUTDATED" };
        typeof(Platform.Accounts.PlatformUser).GetProperty("Id")!.SetValue(stale, app.Admin.Id);
        using var client = app.Factory.ClientWithCookie("admin.autowartung.localhost", Sessions.Cookie(app.Factory.Services, stale, secondFactor: true));

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_AcceptsAnAdminsBearerToken_AndRefusesOthers()
    {
        using var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://admin.autowartung.localhost:8080") });

        using var anonymous = await client.GetAsync("/api/v1/cities");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sessions.BearerToken(app.Factory.Services, app.Customer, true));
        using var customer = await client.GetAsync("/api/v1/cities");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sessions.BearerToken(app.Factory.Services, app.Admin, true));
        using var admin = await client.GetAsync("/api/v1/cities");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var forged = await client.GetAsync("/api/v1/cities");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, customer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("\"slug\":\"witten\"", await admin.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Health_NeedsNoSignIn()
    {
        using var client = app.Factory.ClientFor("admin.autowartung.localhost");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
