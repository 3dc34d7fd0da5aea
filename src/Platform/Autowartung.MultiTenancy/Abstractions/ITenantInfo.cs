namespace Autowartung.MultiTenancy;

/// <summary>
/// What the platform knows about a tenant. Shaped like Finbuckle's <c>ITenantInfo</c>, except that the
/// id is a <see cref="Guid"/>: it is the key of every tenant-owned row, and a uuid column keeps those keys small.
/// </summary>
public interface ITenantInfo
{
    /// <summary>Stable id, stored as <c>tenant_id</c> on every tenant-owned row.</summary>
    Guid Id { get; }

    /// <summary>The name the tenant is resolved by: its subdomain, e.g. <c>witten</c>.</summary>
    string Identifier { get; }

    string Name { get; }
}
