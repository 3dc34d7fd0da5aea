using Autowartung.MultiTenancy;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Demo;

/// <summary>
/// The demo data `./dev.sh up` seeds: Witten in its pilot and Dortmund live, each with a partner
/// workshop, so that isolation between two cities is visible from the first start. Idempotent: a second
/// run adds what is missing and changes nothing else. The names and addresses are made up.
/// </summary>
public sealed class DemoSeed(PlatformDbContext db, MultiTenantContextAccessor<CityTenantInfo> tenancy, TimeProvider clock)
{
    private sealed record DemoCity(string Slug, string Name, CityStatus Status, IReadOnlyList<PostalCode> Area, DemoWorkshop Workshop);

    private sealed record DemoWorkshop(string Name, Address Address, IReadOnlyList<PostalCode> Serves);

    private static readonly DemoCity[] Cities =
    [
        new("witten", "Witten", CityStatus.Pilot, PostalCode.Range("58452", "58456"),
            new DemoWorkshop("Kfz-Meisterbetrieb Helenenberg", new Address("Ruhrdeich 12", "58452", "Witten"), PostalCode.Range("58452", "58456"))),
        new("dortmund", "Dortmund", CityStatus.Live, PostalCodes("44135", "44137", "44139", "44141", "44143"),
            new DemoWorkshop("Werkstatt am Phoenixsee", new Address("Seeuferweg 3", "44139", "Dortmund"),
                PostalCodes("44135", "44137", "44139", "44141", "44143"))),
    ];

    private static IReadOnlyList<PostalCode> PostalCodes(params string[] codes) => codes.Select(PostalCode.Parse).ToList();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        foreach (var demo in Cities)
        {
            var city = await db.Cities.SingleOrDefaultAsync(c => c.Slug == demo.Slug, cancellationToken);
            if (city is null)
            {
                city = City.Create(demo.Slug, demo.Name, "Europe/Berlin", demo.Area, clock.GetUtcNow());
                city.ForceStatus(demo.Status);
                db.Cities.Add(city);
                await db.SaveChangesAsync(cancellationToken);
            }

            using (tenancy.BeginScope(city.ToTenantInfo()))
            {
                if (!await db.PartnerWorkshops.AnyAsync(w => w.Name == demo.Workshop.Name, cancellationToken))
                {
                    db.PartnerWorkshops.Add(PartnerWorkshop.Create(demo.Workshop.Name, demo.Workshop.Address, demo.Workshop.Serves, clock.GetUtcNow()));
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
    }
}
