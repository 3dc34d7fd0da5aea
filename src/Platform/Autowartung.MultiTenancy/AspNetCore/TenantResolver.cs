using Autowartung.MultiTenancy.Stores;
using Autowartung.MultiTenancy.Strategies;
using Microsoft.AspNetCore.Http;

namespace Autowartung.MultiTenancy.AspNetCore;

/// <summary>Asks each strategy in turn for an identifier and looks the first one up in the store.</summary>
public sealed class TenantResolver<TTenantInfo>(
    IEnumerable<IMultiTenantStrategy> strategies, ITenantStore<TTenantInfo> store)
    where TTenantInfo : class, ITenantInfo
{
    public async Task<MultiTenantContext<TTenantInfo>> ResolveAsync(HttpContext context)
    {
        foreach (var strategy in strategies)
        {
            var identifier = await strategy.GetIdentifierAsync(context);
            if (identifier is null) continue;

            var tenant = await store.TryGetByIdentifierAsync(identifier, context.RequestAborted);
            return new MultiTenantContext<TTenantInfo>(tenant, strategy.GetType().Name);
        }
        return MultiTenantContext<TTenantInfo>.Empty;
    }
}
