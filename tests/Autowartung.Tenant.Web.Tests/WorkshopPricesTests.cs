using System.Net;
using Autowartung.Testing;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>The workshop owns its price list once it has it: its staff change it, nobody else.</summary>
public sealed class WorkshopPricesTests(OnboardingApp app) : IClassFixture<OnboardingApp>
{
    private const string InspectionSmall =
        "SELECT p.net_cents FROM workshop_prices p JOIN partner_workshops w ON w.id = p.workshop_id " +
        "WHERE w.name = 'Werkstatt Bermuda3eck' AND p.item_code = 'INSPECTION' AND p.vehicle_class = 'Small'";

    [Fact]
    public async Task Staff_ChangeTheirOwnPrices_AllOrNothing()
    {
        using var staff = app.As(app.Staff, secondFactor: true);
        var page = await staff.GetStringAsync("/workshop/preise");
        Assert.Contains("value=\"189.00\"", page);   // the template's inspection price for a small car

        using var refused = await staff.SubmitAsync("/workshop/preise", new Dictionary<string, string>
        {
            ["Prices[INSPECTION.Small]"] = "205.00",
            ["Prices[HU_AU.Small]"] = "zwölf",
            ["LabourRate"] = "98.00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(18900, await app.Database.ScalarAsync<int>(InspectionSmall));

        using var saved = await staff.SubmitAsync("/workshop/preise", new Dictionary<string, string>
        {
            ["Prices[INSPECTION.Small]"] = "205.00",
            ["Prices[HU_AU.Small]"] = "129.00",
            ["LabourRate"] = "98.00",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(20500, await app.Database.ScalarAsync<int>(InspectionSmall));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'PricesChanged' AND actor_user_id = @p0", app.Staff.Id));
    }

    [Fact]
    public async Task AJockey_HasNoPriceList()
    {
        using var jockey = app.As(app.Jockey);
        using var response = await jockey.GetAsync("/workshop/preise");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
