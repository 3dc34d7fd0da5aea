using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autowartung.Testing;
using Xunit.Abstractions;

namespace Autowartung.Identity.Tests;

/// <summary>
/// Bad input to every route of the identity service's OpenAPI document and to its sign-in form: never a
/// 5xx, a 400 that names the field, nothing written (not even a failed sign-in in the audit log).
/// </summary>
public sealed partial class HostileInputTests(IdentityApp app, ITestOutputHelper output) : IClassFixture<IdentityApp>
{
    private HttpClient Api()
    {
        var client = app.Factory.CreateClient(new() { BaseAddress = new Uri("http://id.autowartung.localhost:8080"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    [Fact]
    public async Task EveryRouteOfTheOpenApiDocument_RefusesBadInput_NamingTheField_AndWritesNothing()
    {
        using var client = Api();
        using var document = await HostileRequests.OpenApiAsync(client);
        var cases = HostileRequests.For(document, HostileRequests.Operations(document));
        Assert.Contains(cases, c => c.Path == "/api/v1/auth/login" && c.Field == "email");
        Assert.Contains(cases, c => c.Path == "/api/v1/auth/refresh" && c.Field == "refreshToken");

        var before = await app.Database.CountRowsAsync();
        var failures = await HostileRequests.SendAsync(client, cases);
        output.WriteLine($"{cases.Count} requests to {cases.Select(c => $"{c.Method} {c.Path.Split('?')[0]}").Distinct().Count()} operations");

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} requests:\n{string.Join("\n", failures)}");
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
    }

    [Fact]
    public async Task SignInForm_WithNulInTheEmail_IsA400_AndWritesNothing()
    {
        using var client = app.Client();
        var page = await client.GetAsync("/anmelden?city=witten&area=kunde");
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/anmelden")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["city"] = "witten",
                ["area"] = "kunde",
                ["Input.Email"] = "kunde\0@identity.test",
                ["Input.Password"] = People.Password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var before = await app.Database.CountRowsAsync();

        using var response = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
    }

    [Fact]
    public async Task Login_WithoutEmailOrPassword_IsA400NamingThem_AndNoAuditedFailure()
    {
        using var client = Api();
        var before = await app.Database.CountRowsAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _) && errors.TryGetProperty("password", out _), errors.GetRawText());
        Assert.Empty(RowCounts.Changed(before, await app.Database.CountRowsAsync()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
