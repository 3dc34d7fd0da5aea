using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Api;

/// <summary>The city host's JSON API. Bearer tokens from the identity service or the session cookie.</summary>
public static class CityApi
{
    public sealed record Me(Guid UserId, string Email, string City, IReadOnlyList<string> Roles);

    public sealed record WorkshopInfo(Guid Id, string Name, string Street, string PostalCode, string Town);

    /// <summary>The largest body the API takes: a booking with its contact and address is well under 2 KB.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The API's description at <c>/openapi/v1.json</c>.</summary>
    public static WebApplicationBuilder AddCityApi(this WebApplicationBuilder builder)
    {
        // A nested type is named with its use case (CreateBooking.Request is "CreateBookingRequest"), so two
        // use cases' requests never share one schema in the document.
        builder.Services.AddOpenApi(options => options.CreateSchemaReferenceId = type =>
            OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } useCase ? useCase.Name + id : OpenApiOptions.CreateDefaultSchemaReferenceId(type));
        return builder;
    }

    public static RouteGroupBuilder MapCityApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api/v1").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapGet("/me", GetMe).RequireAuthorization().WithTags("Account");
        api.MapGet("/workshop", GetWorkshopAsync).RequireAuthorization(Policies.WorkshopStaff).WithTags("Workshop");
        api.MapCatalogApi();
        api.MapQuotesApi();
        api.MapBookingsApi();
        api.MapJockeyApi();
        api.MapProtocolsApi();
        api.MapExtensionsApi();
        api.MapWorkshopApi();
        return api;
    }

    /// <summary>Who the caller is here, and what they may do in this city.</summary>
    private static Ok<Me> GetMe(HttpContext context)
    {
        var access = context.Features.Get<UserAccess>()!;
        var city = context.GetTenantInfo<CityTenantInfo>()!;
        return TypedResults.Ok(new Me(access.UserId, access.Email, city.Identifier, access.Roles.Select(r => r.Role.ToString()).ToList()));
    }

    /// <summary>The caller's own workshop: staff of one workshop never see another.</summary>
    private static async Task<Results<Ok<WorkshopInfo>, NotFound>> GetWorkshopAsync(HttpContext context, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var workshopId = context.Features.Get<UserAccess>()?.WorkshopId;
        var workshop = await db.PartnerWorkshops.AsNoTracking().Where(w => w.Id == workshopId)
            .Select(w => new WorkshopInfo(w.Id, w.Name, w.Address.Street, w.Address.PostalCode, w.Address.Town))
            .SingleOrDefaultAsync(cancellationToken);
        return workshop is null ? TypedResults.NotFound() : TypedResults.Ok(workshop);
    }
}
