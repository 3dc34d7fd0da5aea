using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Api;

/// <summary>The admin host's JSON API: platform admins only, with the session cookie or a bearer token.</summary>
public static class AdminApi
{
    public sealed record CitySummary(string Slug, string Name, string Status, int PostalCodes);

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Admin").RequireAuthorization(Policies.PlatformAdmin);
        api.MapGet("/cities", ListCitiesAsync);
        return api;
    }

    private static async Task<Ok<List<CitySummary>>> ListCitiesAsync(PlatformDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Cities.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CitySummary(c.Slug, c.Name, c.Status.ToString(), c.ServiceArea.Count))
            .ToListAsync(cancellationToken));
}
