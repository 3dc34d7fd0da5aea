using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Autowartung.MultiTenancy.EntityFrameworkCore;

public static class MultiTenantModelBuilderExtensions
{
    /// <summary>
    /// Finishes every entity marked <c>IsMultiTenant()</c>: adds the named query filter
    /// <c>tenant_id = context.CurrentTenantId</c>, puts <c>tenant_id</c> first in each index and, when the
    /// tenants are themselves an entity of the model, makes <c>tenant_id</c> a foreign key to them.
    /// Call it last in <c>OnModelCreating</c>.
    /// </summary>
    public static ModelBuilder ConfigureMultiTenant(this ModelBuilder modelBuilder, IMultiTenantDbContext context, Type? tenantEntityType = null)
    {
        // EF recognises a constant of the context's own type in a query filter and swaps in the
        // context that runs the query, so the filter reads that context's tenant at execution time.
        var currentTenantId = Expression.Property(
            Expression.Constant(context),
            context.GetType().GetProperty(nameof(IMultiTenantDbContext.CurrentTenantId))
                ?? throw new InvalidOperationException($"{context.GetType().Name} needs a public CurrentTenantId property."));

        if (tenantEntityType is not null) RequireKeysNotGeneratedByEf(modelBuilder, tenantEntityType);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => e.IsMultiTenant()))
        {
            var entity = Expression.Parameter(entityType.ClrType, "e");
            var tenantId = Expression.Call(
                typeof(EF), nameof(EF.Property), [typeof(Guid)], entity, Expression.Constant(MultiTenantModel.TenantIdProperty));
            var filter = Expression.Lambda(Expression.Equal(tenantId, currentTenantId), entity);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(MultiTenantModel.QueryFilterName, filter);

            if (tenantEntityType is not null)
                modelBuilder.Entity(entityType.ClrType)
                    .HasOne(tenantEntityType).WithMany()
                    .HasForeignKey(MultiTenantModel.TenantIdProperty)
                    .OnDelete(DeleteBehavior.Restrict);

            PutTenantFirstInIndexes(entityType);
        }
        return modelBuilder;
    }

    /// <summary>
    /// EF hands a generated principal key's generator on to the foreign keys that point at it, which
    /// would overwrite the stamped tenant with a fresh value. Tenants get their ids in code instead.
    /// </summary>
    private static void RequireKeysNotGeneratedByEf(ModelBuilder modelBuilder, Type tenantEntityType)
    {
        var key = modelBuilder.Model.FindEntityType(tenantEntityType)?.FindPrimaryKey()
            ?? throw new InvalidOperationException($"{tenantEntityType.Name} is not an entity with a key in this model.");
        if (key.Properties.Any(p => p.ValueGenerated != ValueGenerated.Never))
            throw new InvalidOperationException(
                $"The key of {tenantEntityType.Name} must be configured ValueGeneratedNever(): tenant ids are assigned in code.");
    }

    private static void PutTenantFirstInIndexes(IMutableEntityType entityType)
    {
        var tenantId = entityType.FindProperty(MultiTenantModel.TenantIdProperty)!;
        foreach (var index in entityType.GetDeclaredIndexes().Where(i => i.Properties[0] != tenantId).ToList())
        {
            var properties = new List<IMutableProperty> { tenantId };
            properties.AddRange(index.Properties.Where(p => p != tenantId));

            entityType.RemoveIndex(index);
            var adjusted = index.Name is null ? entityType.AddIndex(properties) : entityType.AddIndex(properties, index.Name);
            adjusted.IsUnique = index.IsUnique;
            if (index.GetFilter() is { } sqlFilter) adjusted.SetFilter(sqlFilter);
            if (index.GetDatabaseName() is { } databaseName && index.Name is not null) adjusted.SetDatabaseName(databaseName);
        }
    }
}
