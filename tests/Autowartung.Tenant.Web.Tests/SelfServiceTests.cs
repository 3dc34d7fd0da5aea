using System.Net;
using Autowartung.Platform;
using Autowartung.Platform.Scheduling;
using Autowartung.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>Workshop staff keep their windows and closures, jockeys their shifts: each only their own.</summary>
public sealed class SelfServiceTests(PeopleInCities city) : IClassFixture<PeopleInCities>
{
    [Fact]
    public async Task Staff_AddAWindowAndAClosure_ForTheirOwnWorkshopOnly()
    {
        using var staff = city.As(city.StaffA, "witten");

        using var window = await staff.SubmitAsync("/workshop/zeiten", new Dictionary<string, string>
        {
            ["Day"] = "Tuesday",
            ["Start"] = "10:00",
            ["End"] = "12:00",
            ["Capacity"] = "4",
        }, "/workshop/zeiten?handler=AddWindow");
        var date = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd");
        using var closure = await staff.SubmitAsync("/workshop/zeiten", new Dictionary<string, string> { ["Date"] = date, ["Reason"] = "Inventur" },
            "/workshop/zeiten?handler=AddClosure");

        Assert.Equal(HttpStatusCode.Redirect, window.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, closure.StatusCode);
        Assert.Equal("Werkstatt A", await city.Database.ScalarAsync<string>(
            "SELECT w.name FROM pickup_windows p JOIN partner_workshops w ON w.id = p.workshop_id WHERE p.day = 'Tuesday' AND p.start = '10:00' AND p.capacity = 4"));
        var page = await city.As(city.StaffB, "witten").GetStringAsync("/workshop/zeiten");
        Assert.DoesNotContain($"data-closure=\"{date}\"", page);
        Assert.Contains($"data-closure=\"{date}\"", await staff.GetStringAsync("/workshop/zeiten"));
    }

    [Fact]
    public async Task Staff_CannotChangeAnotherWorkshopsWindow()
    {
        using var staffA = city.As(city.StaffA, "witten");
        await city.As(city.StaffB, "witten").SubmitAsync("/workshop/zeiten", new Dictionary<string, string>
        {
            ["Day"] = "Wednesday",
            ["Start"] = "13:00",
            ["End"] = "14:00",
            ["Capacity"] = "2",
        }, "/workshop/zeiten?handler=AddWindow");
        var windowOfB = await city.Database.ScalarAsync<Guid>("SELECT id FROM pickup_windows WHERE day = 'Wednesday' AND start = '13:00'");

        using var response = await staffA.SubmitAsync("/workshop/zeiten", new Dictionary<string, string> { ["WindowId"] = windowOfB.ToString(), ["Capacity"] = "9" },
            "/workshop/zeiten?handler=Capacity");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(2, await city.Database.ScalarAsync<int>("SELECT capacity FROM pickup_windows WHERE id = @p0", windowOfB));
    }

    [Fact]
    public async Task BadWindow_IsExplained_AndStoresNothing()
    {
        using var staff = city.As(city.StaffA, "witten");
        var before = await city.Database.ScalarAsync<long>("SELECT count(*) FROM pickup_windows");

        using var response = await staff.SubmitAsync("/workshop/zeiten", new Dictionary<string, string>
        {
            ["Day"] = "Friday",
            ["Start"] = "12:00",
            ["End"] = "10:00",
            ["Capacity"] = "0",
        }, "/workshop/zeiten?handler=AddWindow");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("nach seinem Beginn enden", html);
        Assert.Contains("1 bis 50", html);
        Assert.Equal(before, await city.Database.ScalarAsync<long>("SELECT count(*) FROM pickup_windows"));
    }

    [Fact]
    public async Task Jockey_KeepsTheirShifts_AndOverlapsAreRefused()
    {
        using var jockey = city.As(city.Jockey, "witten");

        using var first = await jockey.SubmitAsync("/jockey/schichten", new Dictionary<string, string> { ["Day"] = "Monday", ["Start"] = "06:30", ["End"] = "14:00" },
            "/jockey/schichten?handler=Add");
        using var overlap = await jockey.SubmitAsync("/jockey/schichten", new Dictionary<string, string> { ["Day"] = "Monday", ["Start"] = "13:00", ["End"] = "18:00" },
            "/jockey/schichten?handler=Add");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("überschneidet", await overlap.Content.ReadAsStringAsync());
        Assert.Equal(1L, await city.Database.ScalarAsync<long>("SELECT count(*) FROM jockey_shifts WHERE jockey_user_id = @p0", city.Jockey.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await city.As(city.Customer, "witten").GetAsync("/jockey/schichten")).StatusCode);
    }

    [Fact]
    public async Task OverlappingShifts_SavedAtTheSameMoment_LeaveOne_TheDatabaseDecides()
    {
        var jockey = await city.Database.AddPersonAsync($"fahrer-{Guid.NewGuid():N}@witten.test");
        async Task<Result> AddAsync(int i)
        {
            var start = new TimeOnly(8, 0).AddMinutes(10 * i);
            await using var scope = city.Factory.Services.CreateAsyncScope();
            using var tenant = city.Database.Tenancy.BeginScope(city.Witten);
            var added = await scope.ServiceProvider.GetRequiredService<ManageShifts>().AddAsync(
                jockey.Id, DayOfWeek.Thursday, start, start.AddHours(4));
            return added.WithoutValue();
        }

        // From 08:00, 08:10, … 09:10 for four hours each: every one overlaps every other.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(AddAsync));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(["start"], r.Failure!.Errors.Keys));
        Assert.Equal(1L, await city.Database.ScalarAsync<long>("SELECT count(*) FROM jockey_shifts WHERE jockey_user_id = @p0", jockey.Id));
    }
}
