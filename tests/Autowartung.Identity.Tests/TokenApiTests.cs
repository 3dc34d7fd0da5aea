using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Testing;

namespace Autowartung.Identity.Tests;

public sealed class TokenApiTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private HttpClient Api() => app.Factory.CreateClient(new() { BaseAddress = new Uri("http://id.autowartung.localhost:8080") });

    [Fact]
    public async Task Login_ReturnsAccessAndRefreshTokens_AndRefreshGivesNewOnes()
    {
        using var client = Api();

        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = app.Customer.Email, password = People.Password });
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        var renewed = await refresh.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
        Assert.Equal(1800, tokens.GetProperty("expiresIn").GetInt32());
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.NotEqual(tokens.GetProperty("accessToken").GetString(), renewed.GetProperty("accessToken").GetString());
    }

    [Fact]
    public async Task Login_WithAWrongPasswordOrUnknownAddress_Is401_AndTheSame()
    {
        using var client = Api();

        using var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = app.Customer.Email, password = "falsch-falsch-falsch" });
        using var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "niemand@identity.test", password = "falsch-falsch-falsch" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Login_ForAnAdmin_NeedsTheCode()
    {
        using var client = Api();

        using var without = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = app.Admin.Email, password = People.Password });
        using var wrongCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = app.Admin.Email, password = People.Password, totp = "000000" });
        using var withCode = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = app.Admin.Email, password = People.Password, totp = Totp.Code(IdentityApp.AdminTotp) });

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("totp_required", (await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task Refresh_ForADisabledPerson_Is401()
    {
        var person = await app.Database.AddPersonAsync($"api-{Guid.NewGuid():N}@identity.test");
        using var client = Api();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = person.Email, password = People.Password });
        var refreshToken = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();

        await app.Database.ExecuteAsync("UPDATE users SET is_disabled = true WHERE id = @p0", person.Id);
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithAForgedToken_Is401()
    {
        using var client = Api();

        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "erfunden" });

        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }
}
