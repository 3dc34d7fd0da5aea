using Autowartung.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using FuelType = Autowartung.Platform.Vehicles.FuelType;

namespace Autowartung.Tenant.Web.Api;

/// <summary>What can be booked in this city: its services, and the cars the catalog knows.</summary>
public static class CatalogApi
{
    public sealed record Service(string Code, string Name, string Description, IReadOnlyList<string> NotForFuels);

    public sealed record VehicleModel(string Model, int YearFrom, int? YearTo, IReadOnlyList<string> Fuels);

    public sealed record Make(string Name, IReadOnlyList<VehicleModel> Models);

    public sealed record Catalog(IReadOnlyList<Service> Services, IReadOnlyList<Make> Makes, IReadOnlyList<string> Fuels);

    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog", GetCatalogAsync).AllowAnonymous().WithTags("Catalog");
        return api;
    }

    private static async Task<Ok<Catalog>> GetCatalogAsync(PlatformDbContext db, CancellationToken cancellationToken)
    {
        var services = await db.CatalogItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        var models = await db.VehicleModels.AsNoTracking().OrderBy(m => m.Make).ThenBy(m => m.Model).ThenBy(m => m.YearFrom).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Catalog(
            services.Select(s => new Service(s.Code, s.Name, s.Description, s.NotFor.Select(f => f.ToString()).ToList())).ToList(),
            models.GroupBy(m => m.Make)
                .Select(g => new Make(g.Key, g.Select(m => new VehicleModel(m.Model, m.YearFrom, m.YearTo, m.Fuels.Select(f => f.ToString()).ToList())).ToList()))
                .ToList(),
            Enum.GetNames<FuelType>()));
    }
}
