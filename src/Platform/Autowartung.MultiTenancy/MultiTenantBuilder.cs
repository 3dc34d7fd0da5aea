using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.MultiTenancy.PerTenant;
using Autowartung.MultiTenancy.Stores;
using Autowartung.MultiTenancy.Strategies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy;

/// <summary>Configures tenancy: <c>services.AddMultiTenant&lt;T&gt;().WithHostStrategy(...).WithStore&lt;S&gt;()</c>.</summary>
public sealed class MultiTenantBuilder<TTenantInfo>(IServiceCollection services)
    where TTenantInfo : class, ITenantInfo
{
    public IServiceCollection Services { get; } = services;

    public MultiTenantBuilder<TTenantInfo> WithHostStrategy(Action<HostStrategyOptions> configure)
    {
        Services.Configure(configure);
        Services.TryAddSingleton<HostStrategy>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMultiTenantStrategy, HostStrategy>(sp => sp.GetRequiredService<HostStrategy>()));
        return this;
    }

    /// <summary>
    /// Registers the store behind a short in-memory cache (<see cref="TenantCacheOptions"/>).
    /// The store is scoped because it typically reads through a scoped DbContext.
    /// </summary>
    public MultiTenantBuilder<TTenantInfo> WithStore<TStore>(Action<TenantCacheOptions>? configureCache = null)
        where TStore : class, ITenantStore<TTenantInfo>
    {
        Services.AddMemoryCache();
        if (configureCache is not null) Services.Configure(configureCache);
        Services.TryAddScoped<TStore>();
        Services.TryAddScoped(sp => new CachingTenantStore<TTenantInfo>(
            sp.GetRequiredService<TStore>(),
            sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(),
            sp.GetRequiredService<IOptions<TenantCacheOptions>>()));
        Services.TryAddScoped<ITenantStore<TTenantInfo>>(sp => sp.GetRequiredService<CachingTenantStore<TTenantInfo>>());
        return this;
    }
}

public static class MultiTenantServiceCollectionExtensions
{
    /// <summary>Registers the tenant accessor and resolver. Safe to call more than once.</summary>
    public static MultiTenantBuilder<TTenantInfo> AddMultiTenant<TTenantInfo>(this IServiceCollection services)
        where TTenantInfo : class, ITenantInfo
    {
        services.TryAddSingleton<MultiTenantContextAccessor<TTenantInfo>>();
        services.TryAddSingleton<IMultiTenantContextAccessor<TTenantInfo>>(sp => sp.GetRequiredService<MultiTenantContextAccessor<TTenantInfo>>());
        services.TryAddSingleton<IMultiTenantContextAccessor>(sp => sp.GetRequiredService<MultiTenantContextAccessor<TTenantInfo>>());
        services.TryAddScoped<TenantResolver<TTenantInfo>>();
        return new MultiTenantBuilder<TTenantInfo>(services);
    }

    /// <summary>
    /// Configures <typeparamref name="TOptions"/> per tenant. Read it through <c>IOptionsMonitor</c>,
    /// <c>IOptionsSnapshot</c> or <c>IOptions</c>: all three give the current tenant's values.
    /// </summary>
    public static IServiceCollection ConfigurePerTenant<TOptions, TTenantInfo>(
        this IServiceCollection services, Action<TOptions, TTenantInfo> configure)
        where TOptions : class
        where TTenantInfo : class, ITenantInfo
    {
        services.AddOptions<TOptions>();
        services.AddSingleton<IConfigureOptions<TOptions>>(sp =>
            new PerTenantConfigureOptions<TOptions, TTenantInfo>(sp.GetRequiredService<IMultiTenantContextAccessor<TTenantInfo>>(), configure));
        services.Replace(ServiceDescriptor.Singleton<IOptionsMonitorCache<TOptions>, MultiTenantOptionsCache<TOptions>>());
        // IOptions<T> is a singleton that would freeze the first tenant's values: answer from the monitor instead.
        services.Replace(ServiceDescriptor.Transient<IOptions<TOptions>>(sp =>
            Options.Create(sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue)));
        return services;
    }
}
