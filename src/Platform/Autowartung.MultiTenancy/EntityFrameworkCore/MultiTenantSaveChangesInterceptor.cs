using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Autowartung.MultiTenancy.EntityFrameworkCore;

/// <summary>
/// Refuses to save a tenant-owned entity of another tenant, or any tenant-owned entity with no tenant set.
/// The query filter keeps other tenants' rows out of reads; this keeps them out of writes.
/// </summary>
public sealed class MultiTenantSaveChangesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Enforce(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Enforce(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Enforce(DbContext? context)
    {
        if (context is not IMultiTenantDbContext multiTenant) return;

        var written = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Metadata.IsMultiTenant())
            .ToList();
        if (written.Count == 0) return;

        var current = multiTenant.TenantInfo?.Id ?? throw new MultiTenantException(
            $"{written.Count} tenant-owned {(written.Count == 1 ? "entity was" : "entities were")} saved with no tenant set.");

        foreach (var entry in written)
        {
            var tenantProperty = entry.Property(MultiTenantModel.TenantIdProperty);
            var tenantId = (Guid)tenantProperty.CurrentValue!;
            var originalTenantId = (Guid)tenantProperty.OriginalValue!;
            if (tenantId != current || (entry.State != EntityState.Added && originalTenantId != current))
                throw new MultiTenantException(
                    $"A {entry.Metadata.ClrType.Name} of another tenant was about to be saved; nothing was written.");
        }
    }
}
