using System.Net;
using Autowartung.Testing;

namespace Autowartung.Identity.Tests;

/// <summary>Sign-in by email link, for customers who booked without a password.</summary>
public sealed class SignInLinkTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private static string NewAddress() => $"link-{Guid.NewGuid():N}@identity.test";

    [Fact]
    public async Task Link_SignsALightAccountIn_OnceOnly_AndConfirmsTheAddress()
    {
        var person = await app.Database.AddPersonAsync(NewAddress(), confirmed: false);
        await app.Database.ExecuteAsync("UPDATE users SET password_hash = NULL WHERE id = @p0", person.Id);
        using var client = app.Client();

        using var request = await client.SubmitAsync("/anmelden/link?city=witten", new Dictionary<string, string> { ["Email"] = person.Email!, ["city"] = "witten" });
        Assert.Contains("data-testid=\"link-sent\"", await request.Content.ReadAsStringAsync());
        var mail = Assert.Single(await Maildev.ToAsync(person.Email!));
        Assert.Equal("Ihr Anmeldelink", mail.Subject);
        var link = Maildev.Link(mail, "http://id.autowartung.localhost:8080/anmelden/link/einloesen").PathAndQuery;

        var opened = await client.GetStringAsync(link);   // opening alone signs nobody in
        Assert.DoesNotContain("link-invalid", opened);
        using var redeemed = await client.SubmitAsync(link, new Dictionary<string, string>(), link);
        using var again = await app.Client().SubmitAsync(link, new Dictionary<string, string>(), link);

        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal("http://witten.autowartung.localhost:8080/", redeemed.Headers.Location!.ToString());
        Assert.Contains(redeemed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"link-invalid\"", await again.Content.ReadAsStringAsync());
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT email_confirmed FROM users WHERE id = @p0", person.Id));
    }

    [Fact]
    public async Task AccountsWithASecondFactor_AndUnknownAddresses_GetNoLink_ButTheSameAnswer()
    {
        using var client = app.Client();
        var unknown = NewAddress();

        using var forAdmin = await client.SubmitAsync("/anmelden/link", new Dictionary<string, string> { ["Email"] = app.Admin.Email! });
        using var forUnknown = await client.SubmitAsync("/anmelden/link", new Dictionary<string, string> { ["Email"] = unknown });

        Assert.Contains("data-testid=\"link-sent\"", await forAdmin.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"link-sent\"", await forUnknown.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await Maildev.ToAsync(app.Admin.Email!, atLeast: 0), m => m.Subject == "Ihr Anmeldelink");
        Assert.Empty(await Maildev.ToAsync(unknown, atLeast: 0));
    }

    [Fact]
    public async Task ForgedLink_IsRefused()
    {
        var person = await app.Database.AddPersonAsync(NewAddress());
        using var client = app.Client();
        var link = $"/anmelden/link/einloesen?userId={person.Id}&code=erfunden";

        using var response = await client.SubmitAsync(link, new Dictionary<string, string>(), link);

        Assert.Contains("data-testid=\"link-invalid\"", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("__aw_session=", StringComparison.Ordinal));
    }
}
