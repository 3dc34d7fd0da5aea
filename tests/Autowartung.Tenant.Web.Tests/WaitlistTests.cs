using System.Net;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Testing;
using Autowartung.Web.Links;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>
/// The apex's PLZ lookup and the waitlist: public cities get the visitor, everything else (an onboarding
/// city's PLZ too) the waitlist, with a double opt-in by email and a removal link that deletes the entry.
/// </summary>
public sealed class WaitlistTests(TenantWebApp app) : IClassFixture<TenantWebApp>
{
    private const string Apex = "autowartung.localhost";
    private const string Unserved = "10115";

    private HttpClient Client() => app.Factory.ClientFor(Apex);

    private static string NewAddress() => $"warte-{Guid.NewGuid():N}@warteliste.example";

    private Task<long> EntriesAsync(string email) =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM waitlist_entries WHERE email = @p0", email.ToLowerInvariant());

    private async Task<bool> ConfirmedAsync(string email) =>
        await app.Database.ScalarAsync<DateTime?>("SELECT confirmed_at FROM waitlist_entries WHERE email = @p0", email.ToLowerInvariant()) is not null;

    private static async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string plz = Unserved, bool consent = true)
    {
        var fields = new Dictionary<string, string> { ["plz"] = plz, ["Email"] = email };
        if (consent) fields["Consent"] = "true";
        return await client.SubmitAsync($"/warteliste?plz={Unserved}", fields, "/warteliste");
    }

    /// <summary>Signs up and returns the confirmation email it sent.</summary>
    private async Task<Maildev.Mail> SignUpAndReadMailAsync(HttpClient client, string email)
    {
        using var response = await SignUpAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Assert.Single(await Maildev.ToAsync(email));
    }

    private static Uri ConfirmLink(Maildev.Mail mail) => Maildev.Link(mail, $"http://{Apex}:8080{WaitlistLinks.ConfirmPath}");

    private static Uri RemoveLink(Maildev.Mail mail) => Maildev.Link(mail, $"http://{Apex}:8080{WaitlistLinks.RemovePath}");

    [Theory]
    [InlineData("58452", "http://witten.autowartung.localhost:8080/buchen?Plz=58452")]
    [InlineData(" 44135 ", "http://dortmund.autowartung.localhost:8080/buchen?Plz=44135")]
    [InlineData("44623", "http://herne.autowartung.localhost:8080/")]
    public async Task Lookup_OfAPublicCitysPostalCode_LeadsToThatCity(string plz, string expected)
    {
        using var client = Client();

        using var response = await client.GetAsync($"/?plz={Uri.EscapeDataString(plz)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Lookup_OfAnOnboardingCitysPostalCode_GetsTheWaitlist_ExactlyLikeAnUnservedOne()
    {
        using var client = Client();

        using var onboarding = await client.GetAsync("/?plz=45525");
        using var unserved = await client.GetAsync($"/?plz={Unserved}");
        var onboardingPage = await client.GetStringAsync(onboarding.Headers.Location!.OriginalString);
        var unservedPage = await client.GetStringAsync(unserved.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, onboarding.StatusCode);
        Assert.Equal("/warteliste?plz=45525", onboarding.Headers.Location!.OriginalString);
        Assert.Equal($"/warteliste?plz={Unserved}", unserved.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"waitlist-form\"", onboardingPage);
        Assert.DoesNotContain("Hattingen", onboardingPage);
        Assert.DoesNotContain("hattingen", onboardingPage);
        Assert.Equal(Strip(unservedPage.Replace(Unserved, "#####")), Strip(onboardingPage.Replace("45525", "#####")));
    }

    /// <summary>A page without its antiforgery token, which differs on every request.</summary>
    private static string Strip(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");

    [Fact]
    public async Task WaitlistPage_OfAPublicCitysPostalCode_LeadsToThatCityToo()
    {
        using var client = Client();

        using var response = await client.GetAsync("/warteliste?plz=58453");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://witten.autowartung.localhost:8080/buchen?Plz=58453", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("1234", "Die Postleitzahl hat fünf Ziffern.")]
    [InlineData("5845a", "Die Postleitzahl hat fünf Ziffern.")]
    [InlineData("", "Die Postleitzahl hat fünf Ziffern.")]
    [InlineData("12345", "Diese Postleitzahl gibt es nicht.")]
    [InlineData("99999", "Diese Postleitzahl gibt es nicht.")]
    public async Task Lookup_OfAnInvalidPostalCode_Is400WithTheFieldError(string plz, string error)
    {
        using var client = Client();

        using var landing = await client.GetAsync($"/?plz={plz}");
        using var waitlist = await client.GetAsync($"/warteliste?plz={plz}");

        Assert.Equal(HttpStatusCode.BadRequest, landing.StatusCode);
        var body = await landing.Content.ReadAsStringAsync();
        Assert.Contains($"data-testid=\"plz-error\">{error}</span>", body);
        Assert.Contains("data-testid=\"plz-form\"", body);
        Assert.Contains("Unsere Städte", body);
        Assert.Equal(HttpStatusCode.BadRequest, waitlist.StatusCode);
        Assert.Contains($"data-testid=\"plz-error\">{error}</span>", await waitlist.Content.ReadAsStringAsync());
        Assert.DoesNotContain("data-testid=\"waitlist-form\"", await waitlist.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Landing_InEnglish_ShowsTheFieldErrorInEnglish()
    {
        using var client = app.Factory.ClientFor(Apex, acceptLanguage: "en");

        using var response = await client.GetAsync("/?plz=12345");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This postal code does not exist.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1234", "warte@warteliste.example", true, "Die Postleitzahl hat fünf Ziffern.")]
    [InlineData("12345", "warte@warteliste.example", true, "Diese Postleitzahl gibt es nicht.")]
    [InlineData("58452", "warte@warteliste.example", true, "Diese Postleitzahl betreut schon eine unserer Städte.")]
    [InlineData(Unserved, "keine-adresse", true, "Bitte eine gültige E-Mail-Adresse angeben.")]
    [InlineData(Unserved, "Name <warte@warteliste.example>", true, "Bitte eine gültige E-Mail-Adresse angeben.")]
    [InlineData(Unserved, "a@b.example, c@d.example", true, "Bitte eine gültige E-Mail-Adresse angeben.")]
    [InlineData(Unserved, "warte@warteliste.example", false, "Bitte willigen Sie ein, dass wir Ihnen dazu schreiben dürfen.")]
    public async Task SignUp_WithBadInput_Is400WithTheFieldError_AndWritesNothing(string plz, string email, bool consent, string error)
    {
        using var client = Client();

        using var response = await SignUpAsync(client, email, plz, consent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, await response.Content.ReadAsStringAsync());
        // Every other test signs up with an address of its own (warte-…).
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM waitlist_entries WHERE email NOT LIKE 'warte-%'"));
    }

    [Fact]
    public async Task SignUp_WritesOneUnconfirmedEntry_AndSendsOneConfirmationWithBothLinks()
    {
        using var client = Client();
        var email = NewAddress();

        using var response = await SignUpAsync(client, email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/warteliste/gesendet", response.Headers.Location!.OriginalString);
        Assert.Equal(1L, await EntriesAsync(email));
        Assert.Equal(Unserved, await app.Database.ScalarAsync<string>("SELECT postal_code FROM waitlist_entries WHERE email = @p0", email));
        Assert.False(await ConfirmedAsync(email));
        var mail = Assert.Single(await Maildev.ToAsync(email));
        Assert.Equal("Bitte bestätigen Sie Ihren Platz auf der Warteliste", mail.Subject);
        Assert.Contains(Unserved, mail.Text);
        Assert.StartsWith("token=", ConfirmLink(mail).Query.TrimStart('?'));
        Assert.Contains(RemoveLink(mail).ToString(), mail.Html);
        // The links carry a protected reference, not the entry's id.
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM waitlist_entries WHERE email = @p0", email);
        Assert.DoesNotContain(id.ToString("N"), mail.Text);
        Assert.DoesNotContain(id.ToString(), mail.Text);
    }

    [Fact]
    public async Task ConfirmLink_ShowsAButton_AndTheButtonConfirms_AndTheConfirmedPageOffersRemoval()
    {
        using var client = Client();
        var email = NewAddress();
        var link = ConfirmLink(await SignUpAndReadMailAsync(client, email));

        using var opened = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("data-testid=\"waitlist-confirm\"", await opened.Content.ReadAsStringAsync());
        Assert.False(await ConfirmedAsync(email));   // opening the link alone confirms nothing

        using var confirmed = await client.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>());
        var body = await confirmed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("data-testid=\"waitlist-confirmed\"", body);
        Assert.Contains($"href=\"http://{Apex}:8080{WaitlistLinks.RemovePath}?token=", body);
        Assert.True(await ConfirmedAsync(email));
    }

    [Fact]
    public async Task ConfirmLink_Tampered_OrOfTheWrongKind_IsRefused_AndChangesNothing()
    {
        using var client = Client();
        var email = NewAddress();
        var mail = await SignUpAndReadMailAsync(client, email);
        var token = Uri.UnescapeDataString(ConfirmLink(mail).Query["?token=".Length..]);
        var tampered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        var removalToken = Uri.UnescapeDataString(RemoveLink(mail).Query["?token=".Length..]);

        foreach (var wrong in new[] { tampered, removalToken, "", Guid.NewGuid().ToString("N") })
        {
            var path = $"{WaitlistLinks.ConfirmPath}?token={Uri.EscapeDataString(wrong)}";
            using var opened = await client.GetAsync(path);
            using var posted = await client.SubmitAsync($"/warteliste?plz={Unserved}", new Dictionary<string, string> { ["Token"] = wrong }, path);

            Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
            Assert.Contains("data-testid=\"waitlist-link-refused\"", await opened.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        }
        Assert.False(await ConfirmedAsync(email));
        Assert.Equal(1L, await EntriesAsync(email));
    }

    [Fact]
    public async Task ConfirmLink_Expired_IsRefused_AndChangesNothing()
    {
        using var client = Client();
        var email = NewAddress();
        await SignUpAndReadMailAsync(client, email);
        var id = await app.Database.ScalarAsync<Guid>("SELECT id FROM waitlist_entries WHERE email = @p0", email);
        // The app's own links, made by a clock eight days back: authentic, but past their seven days.
        var oldLinks = new WaitlistLinks(app.Factory.Services.GetRequiredService<PlatformUrls>(),
            app.Factory.Services.GetRequiredService<IDataProtectionProvider>(), new ClockBehind(TimeSpan.FromDays(8)));
        var expired = oldLinks.Confirm(id);
        var stillValid = new WaitlistLinks(app.Factory.Services.GetRequiredService<PlatformUrls>(),
            app.Factory.Services.GetRequiredService<IDataProtectionProvider>(), new ClockBehind(TimeSpan.FromDays(6))).Confirm(id);

        using var opened = await client.GetAsync(expired.PathAndQuery);
        using var posted = await client.SubmitAsync($"/warteliste?plz={Unserved}",
            new Dictionary<string, string> { ["Token"] = Uri.UnescapeDataString(expired.Query["?token=".Length..]) }, WaitlistLinks.ConfirmPath);
        using var openedValid = await client.GetAsync(stillValid.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.False(await ConfirmedAsync(email));
        Assert.Equal(HttpStatusCode.OK, openedValid.StatusCode);   // the same link six days old still works
    }

    [Fact]
    public async Task SignUp_Twice_WritesNoSecondEntry_AnswersTheSame_AndSendsNoSecondMailAtOnce()
    {
        using var client = Client();
        var email = NewAddress();

        using var first = await SignUpAsync(client, email);
        using var second = await SignUpAsync(client, $"  {email.ToUpperInvariant()} ");

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1L, await EntriesAsync(email));
        await Task.Delay(1000);
        Assert.Single(await Maildev.ToAsync(email));
    }

    [Fact]
    public async Task SignUp_Again_AfterTheResendInterval_ResendsTheConfirmation_ButNotOnceConfirmed()
    {
        using var client = Client();
        var email = NewAddress();
        await SignUpAndReadMailAsync(client, email);
        await app.Database.ExecuteAsync("UPDATE waitlist_entries SET confirmation_sent_at = now() - interval '11 minutes' WHERE email = @p0", email);

        using var again = await SignUpAsync(client, email);
        var mails = await Maildev.ToAsync(email, atLeast: 2);
        Assert.Equal(2, mails.Count);

        using var confirmed = await client.SubmitAsync(ConfirmLink(mails[1]).PathAndQuery, new Dictionary<string, string>());
        Assert.True(await ConfirmedAsync(email));
        await app.Database.ExecuteAsync("UPDATE waitlist_entries SET confirmation_sent_at = now() - interval '11 minutes' WHERE email = @p0", email);
        using var afterConfirming = await SignUpAsync(client, email);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(again.Headers.Location, afterConfirming.Headers.Location);
        Assert.Equal(1L, await EntriesAsync(email));
        await Task.Delay(1000);
        Assert.Equal(2, (await Maildev.ToAsync(email)).Count);
    }

    [Fact]
    public async Task RemovalLink_ShowsAButton_AndTheButtonDeletesTheEntry()
    {
        using var client = Client();
        var email = NewAddress();
        var link = RemoveLink(await SignUpAndReadMailAsync(client, email));

        using var opened = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("data-testid=\"waitlist-remove-form\"", await opened.Content.ReadAsStringAsync());
        Assert.Equal(1L, await EntriesAsync(email));   // opening the link alone removes nothing

        using var removed = await client.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>());
        using var openedAgain = await client.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("data-testid=\"waitlist-removed\"", await removed.Content.ReadAsStringAsync());
        Assert.Equal(0L, await EntriesAsync(email));
        Assert.Equal(HttpStatusCode.OK, openedAgain.StatusCode);
        Assert.Contains("data-testid=\"waitlist-removed\"", await openedAgain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RemovalLink_Tampered_IsRefused_AndDeletesNothing()
    {
        using var client = Client();
        var email = NewAddress();
        var mail = await SignUpAndReadMailAsync(client, email);
        var confirmToken = Uri.UnescapeDataString(ConfirmLink(mail).Query["?token=".Length..]);
        var removeToken = Uri.UnescapeDataString(RemoveLink(mail).Query["?token=".Length..]);
        var tampered = removeToken[..20] + (removeToken[20] == 'A' ? 'B' : 'A') + removeToken[21..];

        foreach (var wrong in new[] { tampered, confirmToken })
        {
            using var posted = await client.SubmitAsync($"/warteliste?plz={Unserved}", new Dictionary<string, string> { ["Token"] = wrong },
                WaitlistLinks.RemovePath);
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        }
        Assert.Equal(1L, await EntriesAsync(email));
    }

    [Fact]
    public async Task WaitlistPages_OnACityHost_DoNotExist()
    {
        using var client = app.Factory.ClientForCity("witten");

        using var join = await client.GetAsync($"/warteliste?plz={Unserved}");
        using var confirm = await client.GetAsync(WaitlistLinks.ConfirmPath + "?token=x");
        using var landing = await client.GetAsync($"/?plz={Unserved}");

        Assert.Equal(HttpStatusCode.NotFound, join.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);   // a city's landing has no PLZ lookup and ignores it
    }

    /// <summary>The system clock, set back: what the app's clock said some days ago.</summary>
    private sealed class ClockBehind(TimeSpan behind) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - behind;
    }
}

/// <summary>Tenant.Web allowing two waitlist sign-ups per client address and ten minutes.</summary>
public sealed class RateLimitedApp : AppFixture<Program>
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:WaitlistSignUpsPerTenMinutes"] = "2",
    };

    protected override Task SeedAsync() => Task.CompletedTask;
}

public sealed class WaitlistRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task SignUps_PastTheLimit_Get429_WhileTheFormStillLoads()
    {
        using var client = app.Factory.ClientFor("autowartung.localhost");
        var form = new Dictionary<string, string> { ["plz"] = "10115", ["Email"] = "keine-adresse" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SubmitAsync("/warteliste?plz=10115", form, "/warteliste");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM waitlist_entries"));
    }
}
