using System.Net;
using Autowartung.Platform.Accounts;
using Autowartung.Testing;

namespace Autowartung.Identity.Tests;

public sealed class SignInTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private const string WittenUrl = "http://witten.autowartung.localhost:8080/";

    private static Dictionary<string, string> Credentials(string email, string password, string? returnUrl = WittenUrl) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["city"] = "witten",
        ["area"] = "kunde",
        ["returnUrl"] = returnUrl ?? "",
    };

    private static string ErrorText(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<div class=\"field-error validation-summary-errors\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

    private async Task<PlatformUser> NewCustomerAsync(bool confirmed = true)
    {
        var person = await app.Database.AddPersonAsync($"kunde-{Guid.NewGuid():N}@identity.test", confirmed: confirmed);
        await app.Database.GrantAsync(app.Witten, person, MembershipRole.Customer);
        return person;
    }

    [Fact]
    public async Task Customer_SignsIn_GetsTheSharedSessionCookie_AndGoesBack()
    {
        using var client = app.Client();

        using var response = await client.SubmitAsync("/anmelden?city=witten&area=kunde", Credentials(app.Customer.Email!, People.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(WittenUrl, response.Headers.Location!.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));
        Assert.Contains("domain=.autowartung.localhost", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'SignInSucceeded' AND user_id = @p0", app.Customer.Id) >= 1);
    }

    [Fact]
    public async Task WrongPassword_AndUnknownAddress_GetTheSameAnswer()
    {
        using var client = app.Client();

        using var wrong = await client.SubmitAsync("/anmelden?city=witten", Credentials(app.Customer.Email!, "falsches-passwort-123"));
        using var unknown = await client.SubmitAsync("/anmelden?city=witten", Credentials("niemand@identity.test", "falsches-passwort-123"));

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var wrongError = ErrorText(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("stimmen nicht", wrongError);
        Assert.Equal(wrongError, ErrorText(await unknown.Content.ReadAsStringAsync()));
        Assert.True(await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'SignInFailed' AND email_hash IS NOT NULL AND user_id IS NULL") >= 1);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://witten.autowartung.localhost.evil.example:8080/")]
    [InlineData("//evil.example/")]
    public async Task SignIn_WithAForeignReturnUrl_GoesToTheCityInstead(string returnUrl)
    {
        using var client = app.Client();

        using var response = await client.SubmitAsync("/anmelden?city=witten", Credentials(app.Customer.Email!, People.Password, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(WittenUrl, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne_AndTellTheOwnerByEmail()
    {
        var person = await NewCustomerAsync();
        using var client = app.Client();
        for (var i = 0; i < 5; i++)
            await client.SubmitAsync("/anmelden?city=witten", Credentials(person.Email!, $"falsch-{i}-xxxxxxxx"));

        using var right = await client.SubmitAsync("/anmelden?city=witten", Credentials(person.Email!, People.Password));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("stimmen nicht", ErrorText(await right.Content.ReadAsStringAsync()));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'LockedOut' AND user_id = @p0", person.Id));
        var mail = Assert.Single(await Maildev.ToAsync(person.Email!));
        Assert.Equal("Ihr Konto ist vorübergehend gesperrt", mail.Subject);
        Assert.DoesNotContain("falsch-", await app.Database.ScalarAsync<string>("SELECT string_agg(coalesce(detail, ''), ' ') FROM audit_log WHERE user_id = @p0", person.Id));
    }

    [Fact]
    public async Task UnconfirmedEmail_IsAskedToConfirmFirst()
    {
        var person = await NewCustomerAsync(confirmed: false);
        using var client = app.Client();

        using var response = await client.SubmitAsync("/anmelden?city=witten", Credentials(person.Email!, People.Password));

        Assert.Contains("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("__aw_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisabledPerson_CannotSignIn()
    {
        var person = await NewCustomerAsync();
        await app.Database.ExecuteAsync("UPDATE users SET is_disabled = true WHERE id = @p0", person.Id);
        using var client = app.Client();

        using var response = await client.SubmitAsync("/anmelden?city=witten", Credentials(person.Email!, People.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("stimmen nicht", ErrorText(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Admin_NeedsTheCode_AndThenGetsASessionWithSecondFactor()
    {
        using var client = app.Client();
        var fields = Credentials(app.Admin.Email!, People.Password, "http://admin.autowartung.localhost:8080/");
        fields["area"] = "plattform";
        fields.Remove("city");

        using var password = await client.SubmitAsync("/anmelden?area=plattform", fields);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/anmelden/zwei-faktor?", password.Headers.Location!.OriginalString);
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));

        var codePage = password.Headers.Location.OriginalString;
        using var wrong = await client.SubmitAsync(codePage, new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Contains("Der Code stimmt nicht", await wrong.Content.ReadAsStringAsync());

        using var right = await client.SubmitAsync(codePage, new Dictionary<string, string> { ["Code"] = Totp.Code(IdentityApp.AdminTotp) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("http://admin.autowartung.localhost:8080/", right.Headers.Location!.ToString());
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkshopStaff_WithoutSecondFactor_MustSetOneUpBeforeGettingASession()
    {
        var staff = await app.Database.AddPersonAsync($"werkstatt-{Guid.NewGuid():N}@identity.test");
        await app.Database.GrantAsync(app.Witten, staff, MembershipRole.WorkshopStaff, "Werkstatt Witten");
        using var client = app.Client();

        using var password = await client.SubmitAsync("/anmelden?city=witten&area=werkstatt", Credentials(staff.Email!, People.Password));

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/anmelden/zwei-faktor-einrichten?", password.Headers.Location!.OriginalString);
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));

        var setupPage = password.Headers.Location.OriginalString;
        var html = await client.GetStringAsync(setupPage);
        var key = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"shared-key\">([A-Z2-7]+)<").Groups[1].Value;
        Assert.Contains("data:image/png;base64,", html);
        using var done = await client.SubmitAsync(setupPage, new Dictionary<string, string> { ["Code"] = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(WittenUrl, done.Headers.Location!.ToString());
        Assert.Contains(done.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__aw_session=", StringComparison.Ordinal));
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT two_factor_enabled FROM users WHERE id = @p0", staff.Id));
    }

    [Fact]
    public async Task CodePage_WithoutAPasswordStep_SendsBackToSignIn()
    {
        using var client = app.Client();

        using var response = await client.GetAsync("/anmelden/zwei-faktor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/anmelden", response.Headers.Location!.OriginalString);
    }
}
