namespace Autowartung.MultiTenancy.Stores;

/// <summary>Where tenants are looked up. Read-only: tenants are created and changed by the admin app's use cases.</summary>
public interface ITenantStore<TTenantInfo> where TTenantInfo : class, ITenantInfo
{
    Task<TTenantInfo?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    Task<TTenantInfo?> TryGetAsync(Guid id, CancellationToken cancellationToken = default);
}
