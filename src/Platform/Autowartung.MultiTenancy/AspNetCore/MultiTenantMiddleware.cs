using Microsoft.AspNetCore.Http;

namespace Autowartung.MultiTenancy.AspNetCore;

/// <summary>
/// Resolves the tenant of each request and makes it current for everything the request does.
/// Runs after routing, so endpoints marked <see cref="EndpointConventionExtensions.ExcludeFromMultiTenantResolution{TBuilder}"/>
/// (health probes) skip it.
/// </summary>
public sealed class MultiTenantMiddleware<TTenantInfo>(RequestDelegate next)
    where TTenantInfo : class, ITenantInfo
{
    public async Task InvokeAsync(HttpContext context, TenantResolver<TTenantInfo> resolver)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ExcludeFromMultiTenantResolutionAttribute>() is not null)
        {
            await next(context);
            return;
        }

        var multiTenantContext = await resolver.ResolveAsync(context);
        context.Features.Set<IMultiTenantContext>(multiTenantContext);
        using (TenantScope.Begin(multiTenantContext))
        {
            await next(context);
        }
    }
}
