using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Expansion;
using Autowartung.Web.Access;
using Autowartung.Web.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Api;

/// <summary>The admin host's JSON API: platform admins only, with the session cookie or a bearer token.</summary>
public static class AdminApi
{
    public sealed record CitySummary(string Slug, string Name, string Status, int PostalCodes);

    public sealed record CityDetails(
        string Slug, string Name, string Status, string TimeZone, IReadOnlyList<string> ServiceArea, int ConciergeFeeCents, int PilotDailyBookingCap,
        int FreeCancellationHours, int LateCancellationFeeCents, int MinimumReplacementCars, int ReturnKmAllowance);

    public sealed record Readiness(string Slug, string Status, bool Ready, IReadOnlyList<CriterionState> Criteria);

    public sealed record CriterionState(string Key, string Title, bool Met, string Evidence);

    public sealed record StatusChange(string? Status, string? Reason);

    public sealed record StatusChanged(string Slug, string Status);

    /// <summary>The largest body the API takes: a city whose service area is pasted as a long list of PLZ.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The API's description at <c>/openapi/v1.json</c>, for platform admins like the API itself.</summary>
    public static WebApplicationBuilder AddAdminApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static RouteGroupBuilder MapAdminApi(this WebApplication app)
    {
        app.MapOpenApi().RequireAuthorization(Policies.PlatformAdmin);
        var api = app.MapGroup("/api/v1").WithTags("Admin").RequireAuthorization(Policies.PlatformAdmin).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapGet("/cities", ListCitiesAsync);
        api.MapPost("/cities", CreateCityAsync);
        api.MapGet("/cities/{slug}", GetCityAsync);
        api.MapPut("/cities/{slug}", UpdateCityAsync);
        api.MapGet("/cities/{slug}/readiness", GetReadinessAsync);
        api.MapPost("/cities/{slug}/status", ChangeStatusAsync);
        return api;
    }

    private static async Task<Ok<List<CitySummary>>> ListCitiesAsync(PlatformDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Cities.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CitySummary(c.Slug, c.Name, c.Status.ToString(), c.ServiceArea.Count))
            .ToListAsync(cancellationToken));

    /// <summary>Creates a city in Onboarding (201), or 400 naming each field that is wrong (a PLZ another city serves, a reserved slug, …).</summary>
    private static async Task<Results<Created<CityDetails>, ValidationProblem>> CreateCityAsync(
        SaveCity.Request request, HttpContext context, SaveCity saveCity, CancellationToken cancellationToken)
    {
        var saved = await saveCity.CreateAsync(request, AdminId(context), context.GetAuditOrigin(), cancellationToken);
        return saved.Succeeded
            ? TypedResults.Created($"/api/v1/cities/{saved.Value.Slug}", ToDetails(saved.Value))
            : TypedResults.ValidationProblem(saved.Failure.Errors.ToDictionary(), title: "Die Stadt ist so nicht anzulegen.");
    }

    private static async Task<Results<Ok<CityDetails>, NotFound>> GetCityAsync(string slug, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var city = await db.Cities.AsNoTracking().Include(c => c.ServiceArea).SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return city is null ? TypedResults.NotFound() : TypedResults.Ok(ToDetails(city));
    }

    private static async Task<Results<Ok<CityDetails>, NotFound, ValidationProblem>> UpdateCityAsync(
        string slug, SaveCity.Request request, HttpContext context, SaveCity saveCity, CancellationToken cancellationToken)
    {
        var saved = await saveCity.UpdateAsync(slug, request, AdminId(context), context.GetAuditOrigin(), cancellationToken);
        if (saved.Succeeded) return TypedResults.Ok(ToDetails(saved.Value));
        return saved.Failure.Status == ResultStatus.NotFound
            ? TypedResults.NotFound()
            : TypedResults.ValidationProblem(saved.Failure.Errors.ToDictionary(), title: "Die Stadt ist so nicht zu speichern.");
    }

    /// <summary>The expansion criteria with their evidence: <c>{ criteria: [ { key, met, evidence } ] }</c>.</summary>
    private static async Task<Results<Ok<Readiness>, NotFound>> GetReadinessAsync(
        string slug, ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy, AssessReadiness readiness, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return TypedResults.NotFound();
        using var scope = tenancy.BeginScope(city);
        var criteria = await readiness.RunAsync(cancellationToken);
        return TypedResults.Ok(new Readiness(city.Identifier, city.Status.ToString(), criteria.All(c => c.Met),
            criteria.Select(c => new CriterionState(c.Key, c.Title, c.Met, c.Evidence)).ToList()));
    }

    /// <summary>Moves the city: 200 with the new status, or 409 naming every unmet criterion (or the move that does not exist).</summary>
    private static async Task<Results<Ok<StatusChanged>, NotFound, ValidationProblem, Conflict<ProblemDetails>>> ChangeStatusAsync(
        string slug, StatusChange request, HttpContext context, ITenantStore<CityTenantInfo> cities, MultiTenantContextAccessor<CityTenantInfo> tenancy,
        ChangeCityStatus changeStatus, CancellationToken cancellationToken)
    {
        if (await cities.TryGetByIdentifierAsync(slug, cancellationToken) is not { } city) return TypedResults.NotFound();
        // By name only: Enum.TryParse would also take "2" and the flag list "Live, Paused".
        if (Enum.GetNames<CityStatus>().FirstOrDefault(name => name.Equals(request.Status?.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } statusName)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Bitte den neuen Status angeben: Pilot, Live oder Paused."] });
        var target = Enum.Parse<CityStatus>(statusName);
        Result<CityStatus> moved;
        using (tenancy.BeginScope(city))
            moved = await changeStatus.RunAsync(target, request.Reason, AdminId(context), context.GetAuditOrigin(), cancellationToken);
        if (moved.Succeeded) return TypedResults.Ok(new StatusChanged(city.Identifier, moved.Value.ToString()));
        if (moved.Failure.Status == ResultStatus.NotFound) return TypedResults.NotFound();
        if (moved.Failure.Status == ResultStatus.Invalid) return ResultHttp.Invalid(moved.Failure);
        // The body's contract: every refusal lists the unmet criteria as "unmet" (empty when the move does not exist).
        var conflict = ResultHttp.Conflict(moved.Failure with { Details = null });
        var unmet = moved.Failure.Details as IReadOnlyList<Criterion> ?? [];
        conflict.Value!.Extensions["unmet"] = unmet.Select(c => new CriterionState(c.Key, c.Title, c.Met, c.Evidence)).ToList();
        return conflict;
    }

    private static Guid AdminId(HttpContext context) => context.Features.Get<UserAccess>()!.UserId;

    private static CityDetails ToDetails(City city) => new(
        city.Slug, city.Name, city.Status.ToString(), city.TimeZoneId, city.ServiceArea.Select(p => p.Code).Order().ToList(), city.ConciergeFeeCents,
        city.PilotDailyBookingCap, city.FreeCancellationHours, city.LateCancellationFeeCents, city.MinimumReplacementCars, city.ReturnKmAllowance);
}
