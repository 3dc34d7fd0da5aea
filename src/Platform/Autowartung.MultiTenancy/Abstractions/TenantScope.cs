namespace Autowartung.MultiTenancy;

/// <summary>
/// Runs a block of work for one tenant and restores the previous tenant when disposed, so scopes nest:
/// <code>using (accessor.BeginScope(witten)) { ... }</code>
/// </summary>
public sealed class TenantScope : IDisposable
{
    private readonly IMultiTenantContext? _previous;
    private readonly IMultiTenantContext _context;
    private bool _disposed;

    private TenantScope(IMultiTenantContext context)
    {
        _previous = AmbientTenant.Current;
        _context = context;
        AmbientTenant.Current = context;
    }

    internal static TenantScope Begin(IMultiTenantContext context) => new(context);

    public ITenantInfo? TenantInfo => _context.TenantInfo;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AmbientTenant.Current = _previous;
    }
}
