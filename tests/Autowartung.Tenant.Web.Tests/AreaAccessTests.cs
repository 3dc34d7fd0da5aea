using System.Net;
using System.Net.Http.Headers;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>
/// Witten and Dortmund with a jockey, staff of two workshops and a customer in Witten. Access is cached
/// for one second here, so revocation can be watched taking effect.
/// </summary>
public sealed class PeopleInCities : AppFixture<Program>
{
    public CityTenantInfo Witten { get; private set; } = null!;

    public PlatformUser Jockey { get; private set; } = null!;

    public PlatformUser StaffA { get; private set; } = null!;

    public PlatformUser StaffB { get; private set; } = null!;

    public PlatformUser Customer { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Access:CacheDuration"] = "00:00:01" };

    protected override async Task SeedAsync()
    {
        Witten = await Database.AddCityAsync("witten", "Witten", CityStatus.Pilot, ["58452"], "Werkstatt A", "Werkstatt B");
        await Database.AddCityAsync("dortmund", "Dortmund", CityStatus.Live, ["44135"], "Werkstatt Dortmund");
        Jockey = await Database.AddPersonAsync("fahrer@witten.test");
        await Database.GrantAsync(Witten, Jockey, MembershipRole.Jockey);
        StaffA = await Database.AddPersonAsync("a@werkstatt.test");
        await Database.GrantAsync(Witten, StaffA, MembershipRole.WorkshopStaff, "Werkstatt A");
        StaffB = await Database.AddPersonAsync("b@werkstatt.test");
        await Database.GrantAsync(Witten, StaffB, MembershipRole.WorkshopStaff, "Werkstatt B");
        Customer = await Database.AddPersonAsync("kunde@witten.test");
        await Database.GrantAsync(Witten, Customer, MembershipRole.Customer);
    }

    public HttpClient As(PlatformUser user, string city) => Factory.ClientWithCookie($"{city}.autowartung.localhost", Sessions.Cookie(Factory.Services, user));

    public HttpClient WithToken(PlatformUser user, string city)
    {
        var client = Factory.CreateClient(new() { BaseAddress = new Uri($"http://{city}.autowartung.localhost:8080"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sessions.BearerToken(Factory.Services, user));
        return client;
    }
}

public sealed class AreaAccessTests(PeopleInCities city) : IClassFixture<PeopleInCities>
{
    public static TheoryData<string, string> Areas => new() { { "/jockey", "fahrer" }, { "/workshop", "werkstatt" } };

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task Anonymous_IsSentToSignInForThatCityAndArea(string path, string area)
    {
        using var client = city.Factory.ClientForCity("witten");

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var expected = $"http://id.autowartung.localhost:8080/anmelden?area={area}&city=witten&returnUrl=" + Uri.EscapeDataString($"http://witten.autowartung.localhost:8080{path}");
        Assert.Equal(expected, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Jockey_GetsTheJockeyAreaOfTheirCity_AndNothingElse()
    {
        using var witten = city.As(city.Jockey, "witten");
        using var dortmund = city.As(city.Jockey, "dortmund");

        Assert.Equal(HttpStatusCode.OK, (await witten.GetAsync("/jockey")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await witten.GetAsync("/workshop")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dortmund.GetAsync("/jockey")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dortmund.GetAsync("/workshop")).StatusCode);
    }

    [Fact]
    public async Task Customer_GetsNeitherArea()
    {
        using var witten = city.As(city.Customer, "witten");

        Assert.Equal(HttpStatusCode.NotFound, (await witten.GetAsync("/jockey")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await witten.GetAsync("/workshop")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await witten.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task WorkshopStaff_SeeOnlyTheirOwnWorkshop()
    {
        using var a = city.As(city.StaffA, "witten");
        using var b = city.As(city.StaffB, "witten");

        var pageA = await a.GetStringAsync("/workshop");
        var pageB = await b.GetStringAsync("/workshop");

        Assert.Contains("Werkstatt A", pageA);
        Assert.DoesNotContain("Werkstatt B", pageA);
        Assert.Contains("Werkstatt B", pageB);
        Assert.DoesNotContain("Werkstatt A", pageB);
        Assert.Equal(HttpStatusCode.NotFound, (await city.As(city.StaffA, "dortmund").GetAsync("/workshop")).StatusCode);
    }

    [Fact]
    public async Task Api_WithABearerToken_AnswersForThisCityOnly()
    {
        using var witten = city.WithToken(city.StaffA, "witten");
        using var dortmund = city.WithToken(city.StaffA, "dortmund");

        var me = await witten.GetStringAsync("/api/v1/me");
        var workshop = await witten.GetStringAsync("/api/v1/workshop");
        using var elsewhere = await dortmund.GetAsync("/api/v1/workshop");
        var meElsewhere = await dortmund.GetStringAsync("/api/v1/me");

        Assert.Contains("\"roles\":[\"WorkshopStaff\"]", me);
        Assert.Contains("\"name\":\"Werkstatt A\"", workshop);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("\"city\":\"dortmund\",\"roles\":[]", meElsewhere);
    }

    [Fact]
    public async Task Api_WithoutCredentials_Is401_NotARedirect()
    {
        using var client = city.Factory.ClientForCity("witten");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/workshop")).StatusCode);
    }

    [Fact]
    public async Task RevokedMembership_StopsWorking_WithinTheCachePeriod()
    {
        var jockey = await city.Database.AddPersonAsync($"bald-weg-{Guid.NewGuid():N}@witten.test");
        await city.Database.GrantAsync(city.Witten, jockey, MembershipRole.Jockey);
        using var client = city.As(jockey, "witten");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jockey")).StatusCode);

        // As another app instance would: straight in the database, no cache of this process evicted.
        await city.Database.ExecuteAsync("UPDATE memberships SET revoked_at = now() WHERE user_id = @p0", jockey.Id);

        Assert.True(await EventuallyAsync(async () => (await client.GetAsync("/jockey")).StatusCode == HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task DisabledPerson_IsSignedOut_WithinTheCachePeriod()
    {
        var jockey = await city.Database.AddPersonAsync($"gesperrt-{Guid.NewGuid():N}@witten.test");
        await city.Database.GrantAsync(city.Witten, jockey, MembershipRole.Jockey);
        using var client = city.As(jockey, "witten");
        using var api = city.WithToken(jockey, "witten");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jockey")).StatusCode);

        await city.Database.ExecuteAsync("UPDATE users SET is_disabled = true WHERE id = @p0", jockey.Id);

        Assert.True(await EventuallyAsync(async () => (await client.GetAsync("/jockey")).StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task ChangedSecurityStamp_EndsOldSessionsAndTokens()
    {
        var jockey = await city.Database.AddPersonAsync($"neues-passwort-{Guid.NewGuid():N}@witten.test");
        await city.Database.GrantAsync(city.Witten, jockey, MembershipRole.Jockey);
        using var api = city.WithToken(jockey, "witten");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        await city.Database.ExecuteAsync("UPDATE users SET security_stamp = 'NEW' WHERE id = @p0", jockey.Id);

        Assert.True(await EventuallyAsync(async () => (await api.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public void AccessCache_StaysUnderAMinute_ByDefault()
    {
        Assert.True(new AccessOptions().CacheDuration < TimeSpan.FromMinutes(1));
    }

    /// <summary>Polls for up to five seconds: the fixture caches access for one.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 25; i++)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return false;
    }
}
