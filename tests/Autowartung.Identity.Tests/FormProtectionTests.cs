using System.Net;
using Autowartung.Testing;

namespace Autowartung.Identity.Tests;

public sealed class FormProtectionTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Theory]
    [InlineData("/anmelden")]
    [InlineData("/anmelden/zwei-faktor")]
    [InlineData("/anmelden/zwei-faktor-einrichten")]
    [InlineData("/registrieren")]
    [InlineData("/passwort-vergessen")]
    [InlineData("/passwort-neu")]
    [InlineData("/einladung?city=witten&token=x")]
    [InlineData("/konto?handler=Password")]
    [InlineData("/anmelden/link")]
    [InlineData("/anmelden/link/einloesen")]
    [InlineData("/abmelden")]
    public async Task EveryForm_WithoutItsAntiforgeryToken_IsRefused(string path)
    {
        using var client = app.Factory.ClientWithCookie("id.autowartung.localhost", Sessions.Cookie(app.Factory.Services, app.Customer));

        using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@y.test" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AccountPage_NeedsASignedInPerson()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/konto");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://id.autowartung.localhost:8080/anmelden", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ChangingThePassword_OnTheAccountPage_IsAudited_AndEndsOtherSessions()
    {
        var person = await app.Database.AddPersonAsync($"konto-{Guid.NewGuid():N}@identity.test");
        var oldSession = Sessions.Cookie(app.Factory.Services, person);
        using var client = app.Factory.ClientWithCookie("id.autowartung.localhost", oldSession);

        using var response = await client.SubmitAsync("/konto", new Dictionary<string, string>
        {
            ["CurrentPassword"] = People.Password,
            ["NewPassword"] = "ein-ganz-neues-passwort",
        }, "/konto?handler=Password");

        Assert.Contains("Ihr Passwort ist geändert", await response.Content.ReadAsStringAsync());
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'PasswordChanged' AND user_id = @p0", person.Id));
        using var stale = app.Factory.ClientWithCookie("id.autowartung.localhost", oldSession);
        Assert.Equal(HttpStatusCode.Redirect, (await stale.GetAsync("/konto")).StatusCode);
    }
}

/// <summary>The identity service with tight limits, to watch them bite.</summary>
public sealed class TightLimits : AppFixture<Program>
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:AccountEmailsPerTenMinutes"] = "2",
    };

    protected override Task SeedAsync() => Task.CompletedTask;
}

public sealed class RateLimitTests(TightLimits app) : IClassFixture<TightLimits>
{
    [Fact]
    public async Task SignInPage_AndTokenApi_ShareOneLimit_AndRefuseBeyondIt()
    {
        using var client = app.Factory.ClientFor("id.autowartung.localhost");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 3; i++)
        {
            using var page = await client.SubmitAsync("/anmelden", new Dictionary<string, string> { ["Input.Email"] = "x@y.test", ["Input.Password"] = "falsch-falsch" });
            statuses.Add(page.StatusCode);
        }
        using var api = await client.PostAsync("/api/v1/auth/refresh", System.Net.Http.Json.JsonContent.Create(new { refreshToken = "x" }));
        using var again = await client.SubmitAsync("/anmelden", new Dictionary<string, string> { ["Input.Email"] = "x@y.test", ["Input.Password"] = "falsch-falsch" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("60", again.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task PasswordResetRequests_BeyondTheLimit_Are429()
    {
        using var client = app.Factory.ClientFor("id.autowartung.localhost");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SubmitAsync("/passwort-vergessen", new Dictionary<string, string> { ["Email"] = $"x{i}@y.test" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
