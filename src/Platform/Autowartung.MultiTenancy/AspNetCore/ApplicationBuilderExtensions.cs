using Microsoft.AspNetCore.Builder;

namespace Autowartung.MultiTenancy.AspNetCore;

public static class ApplicationBuilderExtensions
{
    /// <summary>Resolves the tenant per request. Call after <c>UseRouting()</c>.</summary>
    public static IApplicationBuilder UseMultiTenant<TTenantInfo>(this IApplicationBuilder app)
        where TTenantInfo : class, ITenantInfo =>
        app.UseMiddleware<MultiTenantMiddleware<TTenantInfo>>();
}
