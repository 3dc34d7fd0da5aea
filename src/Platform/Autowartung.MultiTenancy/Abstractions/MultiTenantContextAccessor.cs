namespace Autowartung.MultiTenancy;

/// <summary>Reads the tenant of the current piece of work (request, job, scope).</summary>
public interface IMultiTenantContextAccessor
{
    IMultiTenantContext MultiTenantContext { get; }
}

/// <inheritdoc cref="IMultiTenantContextAccessor" />
public interface IMultiTenantContextAccessor<TTenantInfo> : IMultiTenantContextAccessor
    where TTenantInfo : class, ITenantInfo
{
    new MultiTenantContext<TTenantInfo> MultiTenantContext { get; }
}

/// <summary>
/// Holds the current tenant in an <see cref="AsyncLocal{T}"/>, so it flows with the work through every
/// await: a request's middleware sets it for the whole request, a <see cref="TenantScope"/> for a job.
/// The slot is static, like <c>HttpContextAccessor</c>'s, so every accessor instance (and the log
/// enricher, which exists before the service provider) sees the same tenant.
/// </summary>
public sealed class MultiTenantContextAccessor<TTenantInfo> : IMultiTenantContextAccessor<TTenantInfo>
    where TTenantInfo : class, ITenantInfo
{
    public MultiTenantContext<TTenantInfo> MultiTenantContext =>
        AmbientTenant.Current as MultiTenantContext<TTenantInfo> ?? MultiTenantContext<TTenantInfo>.Empty;

    IMultiTenantContext IMultiTenantContextAccessor.MultiTenantContext => MultiTenantContext;

    /// <summary>
    /// Makes <paramref name="tenantInfo"/> current until the returned scope is disposed, which restores
    /// whatever was current before. For work outside a request: jobs, seeding, admin tasks for one city.
    /// </summary>
    public TenantScope BeginScope(TTenantInfo? tenantInfo) =>
        TenantScope.Begin(new MultiTenantContext<TTenantInfo>(tenantInfo, nameof(TenantScope)));
}

/// <summary>The one place the current tenant lives. Internal: set it through a <see cref="TenantScope"/>.</summary>
public static class AmbientTenant
{
    private static readonly AsyncLocal<IMultiTenantContext?> Slot = new();

    /// <summary>The tenant of the current work, for readers that have no service provider (log enrichers).</summary>
    public static IMultiTenantContext? Current
    {
        get => Slot.Value;
        internal set => Slot.Value = value;
    }
}
