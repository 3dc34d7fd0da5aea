using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.PerTenant;

/// <summary>
/// An options cache partitioned by the current tenant, so <c>IOptionsMonitor&lt;T&gt;</c> never hands one
/// tenant's configured options to another. Work with no tenant gets a partition of its own.
/// </summary>
public sealed class MultiTenantOptionsCache<TOptions>(IMultiTenantContextAccessor accessor) : IOptionsMonitorCache<TOptions>
    where TOptions : class
{
    private readonly ConcurrentDictionary<Guid, OptionsCache<TOptions>> _partitions = new();

    private OptionsCache<TOptions> Current =>
        _partitions.GetOrAdd(accessor.MultiTenantContext.TenantInfo?.Id ?? Guid.Empty, _ => new OptionsCache<TOptions>());

    public TOptions GetOrAdd(string? name, Func<TOptions> createOptions) => Current.GetOrAdd(name, createOptions);

    public bool TryAdd(string? name, TOptions options) => Current.TryAdd(name, options);

    public bool TryRemove(string? name) => Current.TryRemove(name);

    /// <summary>Clears every tenant's entries, e.g. when configuration reloads.</summary>
    public void Clear()
    {
        foreach (var partition in _partitions.Values) partition.Clear();
    }
}
