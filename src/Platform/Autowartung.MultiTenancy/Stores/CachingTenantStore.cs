using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.Stores;

public sealed class TenantCacheOptions
{
    /// <summary>How long a found tenant is served from memory. Changes to a city show after at most this long.</summary>
    public TimeSpan FoundTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a miss is remembered, so that requests for random subdomains do not each reach the database.
    /// Short, so a newly created city answers soon.
    /// </summary>
    public TimeSpan MissingTtl { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Puts a short in-memory cache in front of the real store. Entries are keyed by the tenant's own id or
/// identifier only, so one tenant's entry can never answer for another.
/// </summary>
public sealed class CachingTenantStore<TTenantInfo>(
    ITenantStore<TTenantInfo> inner, IMemoryCache cache, IOptions<TenantCacheOptions> options)
    : ITenantStore<TTenantInfo>
    where TTenantInfo : class, ITenantInfo
{
    private sealed record Entry(TTenantInfo? Tenant);

    public Task<TTenantInfo?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(IdentifierKey(identifier), () => inner.TryGetByIdentifierAsync(identifier, cancellationToken));

    public Task<TTenantInfo?> TryGetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(IdKey(id), () => inner.TryGetAsync(id, cancellationToken));

    /// <summary>Forgets a tenant at once in this process, after the app itself changed it.</summary>
    public void Evict(TTenantInfo tenant) => Evict(tenant.Id, tenant.Identifier);

    /// <summary>Forgets a tenant by its id and identifier: what a notification from another instance carries.</summary>
    public void Evict(Guid id, string identifier)
    {
        cache.Remove(IdentifierKey(identifier));
        cache.Remove(IdKey(id));
    }

    private async Task<TTenantInfo?> GetOrLoadAsync(string key, Func<Task<TTenantInfo?>> load)
    {
        if (cache.TryGetValue(key, out Entry? hit) && hit is not null) return hit.Tenant;

        var tenant = await load();
        cache.Set(key, new Entry(tenant), tenant is null ? options.Value.MissingTtl : options.Value.FoundTtl);
        return tenant;
    }

    private static string IdentifierKey(string identifier) =>
        $"tenant:{typeof(TTenantInfo).Name}:identifier:{identifier.ToLowerInvariant()}";

    private static string IdKey(Guid id) => $"tenant:{typeof(TTenantInfo).Name}:id:{id:N}";
}
