using Microsoft.AspNetCore.Http;

namespace Autowartung.MultiTenancy.AspNetCore;

public static class HttpContextExtensions
{
    /// <summary>The tenant resolved for this request; an empty context when none was.</summary>
    public static MultiTenantContext<TTenantInfo> GetMultiTenantContext<TTenantInfo>(this HttpContext context)
        where TTenantInfo : class, ITenantInfo =>
        context.Features.Get<IMultiTenantContext>() as MultiTenantContext<TTenantInfo>
        ?? MultiTenantContext<TTenantInfo>.Empty;

    public static TTenantInfo? GetTenantInfo<TTenantInfo>(this HttpContext context)
        where TTenantInfo : class, ITenantInfo =>
        context.GetMultiTenantContext<TTenantInfo>().TenantInfo;
}
