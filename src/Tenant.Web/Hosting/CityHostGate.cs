using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.MultiTenancy.Strategies;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.ServiceDefaults.Hosting;

namespace Autowartung.Tenant.Web.Hosting;

/// <summary>
/// Decides what a host may see. A public city gets its pages; the apex gets only the endpoints marked
/// <see cref="ServesApexAttribute"/> or <see cref="ApexOnlyAttribute"/> (the public landing, the waitlist)
/// and <c>www</c> is sent there: the apex has no city, so the city's API and booking pages are a 404 there,
/// not a crash. A city still in onboarding opens only to its crew (workshop staff and jockeys) and platform
/// admins, who make its test bookings. Everything else, an unknown city, an
/// onboarding city for anyone else, a name that is no city at all, gets the same plain 404, so nobody
/// can probe which cities exist.
/// </summary>
internal sealed class CityHostGate(RequestDelegate next, HostStrategy hosts, PlatformUrls urls)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ExcludeFromMultiTenantResolutionAttribute>() is not null)
        {
            await next(context);
            return;
        }

        if (context.GetTenantInfo<CityTenantInfo>() is { } city)
        {
            if (city.Status.IsPublic() || IsCrew(context.Features.Get<UserAccess>())) await next(context);
            else await NotFoundAsync(context);
            return;
        }

        switch (hosts.Classify(context.Request.Host.Host))
        {
            case (HostKind.Apex, _) when ServesApex(context.GetEndpoint()):
                await next(context);
                break;
            case (HostKind.Reserved, "www"):
                context.Response.Redirect(new Uri(urls.Apex, context.Request.Path + context.Request.QueryString).ToString(), permanent: true);
                break;
            default:
                await NotFoundAsync(context);
                break;
        }
    }

    /// <summary>No endpoint matched: routing's own 404 answers. Otherwise only what is meant for the apex.</summary>
    private static bool ServesApex(Endpoint? endpoint) =>
        endpoint is null || endpoint.Metadata.GetMetadata<ServesApexAttribute>() is not null || endpoint.Metadata.GetMetadata<ApexOnlyAttribute>() is not null;

    private static bool IsCrew(UserAccess? access) =>
        access is not null && (access.IsPlatformAdmin || access.Has(MembershipRole.WorkshopStaff) || access.Has(MembershipRole.Jockey));

    private static async Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = 404 } });
    }
}
