using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Workshops;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>
/// Bochum in onboarding, set up as the admin app does it (city, workshop with template prices and pickup
/// windows, a jockey on shift), with its crew: a workshop staff member and a jockey. Also someone who only
/// holds a customer membership there, and a platform admin.
/// </summary>
public sealed class OnboardingApp : AppFixture<Program>
{
    public const string Host = "bochum.autowartung.localhost";

    public PlatformUser Staff { get; private set; } = null!;
    public PlatformUser Jockey { get; private set; } = null!;
    public PlatformUser Customer { get; private set; } = null!;
    public PlatformUser Admin { get; private set; } = null!;

    protected override async Task SeedAsync()
    {
        await using var services = Database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        var saved = await scope.ServiceProvider.GetRequiredService<SaveCity>().CreateAsync(
            new SaveCity.Request("bochum", "Bochum", "44787-44795", "Europe/Berlin", 2900, 5, 24, 1500, 0), Guid.Empty, AuditOrigin.None);
        Assert.True(saved.Succeeded);
        var bochum = saved.Value.ToTenantInfo();
        using (scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(bochum))
        {
            var workshop = await scope.ServiceProvider.GetRequiredService<SaveWorkshop>().CreateAsync(new SaveWorkshop.Request(
                "Werkstatt Bermuda3eck", "Kortumstraße 5", "44787", "Bochum", "44787-44795", SaveWorkshop.UsualHours, WithCapacityTemplate: true),
                Guid.Empty, AuditOrigin.None);
            Assert.True(workshop.Succeeded);
        }

        Staff = await Database.AddPersonAsync("staff@bochum.test", totpSecret: "AWTESTSTAFFBOCHUM234567ABCDEFGHI");
        await Database.GrantAsync(bochum, Staff, MembershipRole.WorkshopStaff, "Werkstatt Bermuda3eck");
        Jockey = await Database.AddPersonAsync("jockey@bochum.test");
        await Database.GrantAsync(bochum, Jockey, MembershipRole.Jockey);
        Customer = await Database.AddPersonAsync("customer@bochum.test");
        await Database.GrantAsync(bochum, Customer, MembershipRole.Customer);
        Admin = await Database.AddPersonAsync("admin@bochum.test", platformAdmin: true, totpSecret: "AWTESTADMINBOCHUM234567ABCDEFGHI");
        await using var db = Database.CreateContext();
        using (Database.Tenancy.BeginScope(bochum))
        {
            db.JockeyShifts.AddRange(Enum.GetValues<DayOfWeek>().Select(day => JockeyShift.Create(Jockey.Id, day, new TimeOnly(6, 0), new TimeOnly(20, 0))));
            await db.SaveChangesAsync();
        }
    }

    public HttpClient As(PlatformUser? user, bool secondFactor = false)
    {
        return user is null ? Factory.ClientFor(Host) : Factory.ClientWithCookie(Host, Sessions.Cookie(Factory.Services, user, secondFactor));
    }
}

public sealed class OnboardingTestBookingTests(OnboardingApp app) : IClassFixture<OnboardingApp>
{
    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePublic_AndACustomerOfTheCity_GetThePlain404OfAnUnknownCity()
    {
        using var anonymous = app.As(null);
        using var customer = app.As(app.Customer);
        using var unknown = app.Factory.ClientFor("nirgendwo.autowartung.localhost");

        var (unknownStatus, unknownBody) = await GetAsync(unknown, "/");
        foreach (var client in new[] { anonymous, customer })
            foreach (var path in new[] { "/", "/buchen", "/workshop", "/api/v1/catalog" })
            {
                var (status, body) = await GetAsync(client, path);
                Assert.Equal(HttpStatusCode.NotFound, status);
                Assert.Equal(unknownStatus, status);
                Assert.DoesNotContain("Bochum", body);
                Assert.Equal(WithoutCorrelationId(unknownBody), WithoutCorrelationId(body));
            }
    }

    private static string WithoutCorrelationId(string body) => System.Text.RegularExpressions.Regex.Replace(body, "Vorgang [^<]+", "Vorgang …");

    [Fact]
    public async Task TheCrew_AndAdmins_SeeTheCity_MarkedAsATestRun()
    {
        foreach (var (user, secondFactor) in new[] { (app.Staff, true), (app.Jockey, false), (app.Admin, true) })
        {
            using var client = app.As(user, secondFactor);
            var (status, body) = await GetAsync(client, "/");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Bochum", body);
            Assert.Contains("data-testid=\"test-run-notice\"", body);
        }
    }

    [Fact]
    public async Task StaffBookingInOnboarding_IsATestBooking_WithACheckout()
    {
        using var staff = app.As(app.Staff, secondFactor: true);
        using var quote = await staff.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Opel", model = "Corsa", year = 2021, fuel = "Petrol" },
            serviceCodes = new[] { "INSPECTION" },
            postalCode = "44789",
        });
        Assert.Equal(HttpStatusCode.Created, quote.StatusCode);
        var quoteId = (await quote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var slots = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray().ToList();
        Assert.NotEmpty(slots);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new
            {
                quoteId,
                slotId = slots[0].GetProperty("id").GetString(),
                customer = new { name = "Testfahrt Team", email = "testlauf@bochum.test", phone = "0234 12345" },
                address = new { street = "Kortumstraße 9", postalCode = "44789", city = "Bochum" },
                licensePlate = "BO-AW 1",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"test-run-{Guid.NewGuid():N}");
        using var booked = await staff.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotNull(body.GetProperty("paymentUrl").GetString());

        var isTest = await app.Database.ScalarAsync<bool>($"SELECT is_test FROM bookings WHERE id = '{body.GetProperty("id").GetGuid()}'");
        Assert.True(isTest);
        Assert.True(await app.Database.ScalarAsync<bool>("SELECT is_test FROM quotes WHERE id = @p0", quoteId));   // its quote counts in no KPI either
        // Elsewhere only the demo cities' completed test runs from their own onboarding are test bookings.
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM bookings b JOIN cities c ON c.id = b.tenant_id WHERE c.slug <> 'bochum' AND b.is_test AND b.status <> 'Completed'"));
    }

    [Fact]
    public async Task ANewCity_StartsWithTheCatalogTemplate_AndItsWorkshopWithTemplatePricesAndWindows()
    {
        await using var db = app.Database.CreateContext();
        var bochum = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "bochum");
        using var scope = app.Database.Tenancy.BeginScope(bochum.ToTenantInfo());
        Assert.Equal(7, await db.CatalogItems.CountAsync());
        var workshop = await db.PartnerWorkshops.AsNoTracking().SingleAsync();
        Assert.Equal(35, await db.WorkshopPrices.CountAsync(p => p.WorkshopId == workshop.Id));
        Assert.Equal(11, await db.PickupWindows.CountAsync(w => w.WorkshopId == workshop.Id));
        Assert.Equal(6, workshop.OpeningHours.Count);
        Assert.Equal(DayOfWeek.Monday, workshop.OpeningHours[0].Day);
        Assert.Equal(new TimeOnly(7, 30), workshop.OpeningHours[0].Opens);
    }
}
