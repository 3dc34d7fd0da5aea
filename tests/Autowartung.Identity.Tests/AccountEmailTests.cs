using System.Net;
using Autowartung.Testing;

namespace Autowartung.Identity.Tests;

/// <summary>Registration, confirmation and password reset, through the real maildev.</summary>
public sealed class AccountEmailTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private static string NewAddress(string what) => $"{what}-{Guid.NewGuid():N}@identity.test";

    private async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password = "ein-sicheres-passwort") =>
        await client.SubmitAsync("/registrieren?city=witten", new Dictionary<string, string>
        {
            ["Input.Name"] = "Erika Muster",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["city"] = "witten",
            ["area"] = "kunde",
        });

    [Fact]
    public async Task Register_SendsAConfirmationLink_ThatConfirmsTheAddress_AndMakesACustomerOfTheCity()
    {
        using var client = app.Client();
        var email = NewAddress("neu");

        using var response = await RegisterAsync(client, email);

        Assert.Contains("Fast geschafft", await response.Content.ReadAsStringAsync());
        var mail = Assert.Single(await Maildev.ToAsync(email));
        Assert.Equal("Bitte bestätigen Sie Ihre E-Mail-Adresse", mail.Subject);
        var link = Maildev.Link(mail, "http://id.autowartung.localhost:8080/email-bestaetigen");
        Assert.Contains("data-testid=\"confirmed\"", await client.GetStringAsync(link.PathAndQuery));
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT email_confirmed FROM users WHERE email = @p0", email));
        Assert.Equal("Customer", await app.Database.ScalarAsync<string>(
            "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = @p0 AND m.tenant_id = @p1", email, app.Witten.Id));
    }

    [Fact]
    public async Task Register_WithAnAddressThatHasAnAccount_LooksTheSame_AndOnlyTheOwnerLearnsOfIt()
    {
        using var client = app.Client();

        using var response = await RegisterAsync(client, app.Customer.Email!);

        Assert.Contains("Fast geschafft", await response.Content.ReadAsStringAsync());
        var mails = await Maildev.ToAsync(app.Customer.Email!);
        Assert.Contains(mails, m => m.Subject == "Sie haben bereits ein Konto");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @p0", app.Customer.Email!));
    }

    [Fact]
    public async Task Register_WithAShortPassword_ExplainsWhy_AndCreatesNothing()
    {
        using var client = app.Client();
        var email = NewAddress("kurz");

        using var response = await RegisterAsync(client, email, "kurz");

        Assert.Contains("mindestens 10 Zeichen", await response.Content.ReadAsStringAsync());
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @p0", email));
    }

    [Fact]
    public async Task PasswordReset_SendsALink_ThatSetsANewPassword()
    {
        var person = await app.Database.AddPersonAsync(NewAddress("vergesslich"));
        using var client = app.Client();

        using var request = await client.SubmitAsync("/passwort-vergessen", new Dictionary<string, string> { ["Email"] = person.Email! });
        Assert.Contains("data-testid=\"reset-sent\"", await request.Content.ReadAsStringAsync());
        var link = Maildev.Link(Assert.Single(await Maildev.ToAsync(person.Email!)), "http://id.autowartung.localhost:8080/passwort-neu");
        using var reset = await client.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "ganz-neues-passwort" }, link.PathAndQuery);

        Assert.Contains("data-testid=\"reset-done\"", await reset.Content.ReadAsStringAsync());
        using var signIn = await client.SubmitAsync("/anmelden", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = "ganz-neues-passwort" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'PasswordReset' AND user_id = @p0", person.Id));
    }

    [Fact]
    public async Task PasswordReset_ForAnUnknownAddress_LooksTheSame_AndSendsNothing()
    {
        using var client = app.Client();
        var email = NewAddress("unbekannt");

        using var response = await client.SubmitAsync("/passwort-vergessen", new Dictionary<string, string> { ["Email"] = email });

        Assert.Contains("data-testid=\"reset-sent\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(await Maildev.ToAsync(email, atLeast: 0));
    }

    [Fact]
    public async Task PasswordReset_WithAForgedCode_IsRefused()
    {
        var person = await app.Database.AddPersonAsync(NewAddress("gefaelscht"));
        using var client = app.Client();
        var page = $"/passwort-neu?email={Uri.EscapeDataString(person.Email!)}&code=gefaelscht";

        using var response = await client.SubmitAsync(page, new Dictionary<string, string> { ["Password"] = "ganz-neues-passwort" }, page);

        Assert.Contains("ungültig oder abgelaufen", await response.Content.ReadAsStringAsync());
    }
}

public sealed class LightAccountTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Fact]
    public async Task LightAccountFromABooking_SetsItsFirstPasswordThroughTheResetLink_AndIsThenConfirmed()
    {
        var person = await app.Database.AddPersonAsync($"leicht-{Guid.NewGuid():N}@identity.test", confirmed: false);
        await app.Database.ExecuteAsync("UPDATE users SET password_hash = NULL WHERE id = @p0", person.Id);
        using var client = app.Client();

        await client.SubmitAsync("/passwort-vergessen", new Dictionary<string, string> { ["Email"] = person.Email! });
        var link = Maildev.Link(Assert.Single(await Maildev.ToAsync(person.Email!)), "http://id.autowartung.localhost:8080/passwort-neu");
        using var reset = await client.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Password"] = "mein-erstes-passwort" }, link.PathAndQuery);
        using var signIn = await client.SubmitAsync("/anmelden", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = "mein-erstes-passwort" });

        Assert.Contains("data-testid=\"reset-done\"", await reset.Content.ReadAsStringAsync());
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT email_confirmed FROM users WHERE id = @p0", person.Id));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
