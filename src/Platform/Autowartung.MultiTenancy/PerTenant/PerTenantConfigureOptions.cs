using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.PerTenant;

/// <summary>Applies a tenant's settings on top of the options' ordinary configuration.</summary>
internal sealed class PerTenantConfigureOptions<TOptions, TTenantInfo>(
    IMultiTenantContextAccessor<TTenantInfo> accessor, Action<TOptions, TTenantInfo> configure)
    : IConfigureNamedOptions<TOptions>
    where TOptions : class
    where TTenantInfo : class, ITenantInfo
{
    public void Configure(string? name, TOptions options)
    {
        if (accessor.MultiTenantContext.TenantInfo is { } tenant) configure(options, tenant);
    }

    public void Configure(TOptions options) => Configure(Options.DefaultName, options);
}
