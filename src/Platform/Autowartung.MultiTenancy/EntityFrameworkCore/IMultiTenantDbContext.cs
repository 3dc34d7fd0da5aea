using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Autowartung.MultiTenancy.EntityFrameworkCore;

/// <summary>
/// A DbContext that isolates tenant-owned entities. Implement it, call
/// <see cref="MultiTenantDbContextExtensions.StampTenantOnAdd"/> in the constructor,
/// <see cref="MultiTenantModelBuilderExtensions.ConfigureMultiTenant"/> at the end of <c>OnModelCreating</c>,
/// and add <see cref="MultiTenantSaveChangesInterceptor"/>.
/// </summary>
public interface IMultiTenantDbContext
{
    /// <summary>The tenant this context works for right now; read on every query and save.</summary>
    ITenantInfo? TenantInfo { get; }

    /// <summary>
    /// The value the query filter compares <c>tenant_id</c> with. Implement it as
    /// <c>public Guid CurrentTenantId =&gt; this.RequireTenantId();</c>: a query of tenant-owned data
    /// with no tenant fails loudly instead of silently returning nothing, or everything.
    /// </summary>
    Guid CurrentTenantId { get; }
}

public static class MultiTenantDbContextExtensions
{
    /// <summary>
    /// Stamps the current tenant on a tenant-owned entity the moment the app starts tracking it
    /// (<c>Add</c>, <c>Attach</c>, <c>Update</c>; never rows read from the database), so it carries its
    /// full key (<c>tenant_id</c>, id) from the start: an update built from a foreign id can only address
    /// a row of the current tenant. With no tenant set, this throws. An entity that already names a
    /// tenant keeps it; saving decides whether that is allowed.
    /// </summary>
    public static void StampTenantOnAdd<TContext>(this TContext context) where TContext : DbContext, IMultiTenantDbContext =>
        context.ChangeTracker.Tracking += (_, args) => Stamp(context, args);

    private static void Stamp(IMultiTenantDbContext context, EntityTrackingEventArgs args)
    {
        if (args.FromQuery || !args.Entry.Metadata.IsMultiTenant()) return;

        var tenantId = args.Entry.Property(MultiTenantModel.TenantIdProperty);
        if ((Guid)tenantId.CurrentValue! != Guid.Empty) return;
        tenantId.CurrentValue = context.TenantInfo?.Id ?? throw new MultiTenantException(
            $"A {args.Entry.Metadata.ClrType.Name} was tracked with no tenant set. Resolve a tenant or open a TenantScope first.");
    }

    public static Guid RequireTenantId(this IMultiTenantDbContext context) =>
        context.TenantInfo?.Id ?? throw new MultiTenantException(
            "Tenant-owned data was queried with no tenant set. Resolve a tenant or open a TenantScope first.");
}
