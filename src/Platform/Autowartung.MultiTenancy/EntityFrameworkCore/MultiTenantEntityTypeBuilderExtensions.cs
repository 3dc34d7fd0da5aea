using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.MultiTenancy.EntityFrameworkCore;

public static class MultiTenantEntityTypeBuilderExtensions
{
    /// <summary>
    /// Makes the entity tenant-owned: a required <c>tenant_id</c> shadow column, stamped with the current
    /// tenant when the entity is added (<see cref="MultiTenantDbContextExtensions.StampTenantOnAdd"/>),
    /// and first in the primary key. The named query filter and the
    /// tenant-first indexes follow in <see cref="MultiTenantModelBuilderExtensions.ConfigureMultiTenant"/>.
    /// Call it first in the entity's configuration, before relationships that use the key.
    /// </summary>
    public static EntityTypeBuilder<TEntity> IsMultiTenant<TEntity>(this EntityTypeBuilder<TEntity> builder)
        where TEntity : class
    {
        builder.Property<Guid>(MultiTenantModel.TenantIdProperty)
            .HasColumnName(MultiTenantModel.TenantIdColumn)
            .HasColumnOrder(0)
            .IsRequired()
            .ValueGeneratedNever();
        builder.HasAnnotation(MultiTenantModel.Annotation, true);

        var keyProperties = builder.Metadata.FindPrimaryKey()?.Properties.Select(p => p.Name).ToArray()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} needs a key before IsMultiTenant().");
        if (keyProperties[0] != MultiTenantModel.TenantIdProperty)
            builder.HasKey([MultiTenantModel.TenantIdProperty, .. keyProperties]);
        return builder;
    }

    /// <summary>
    /// A reference from one tenant-owned entity to another whose foreign key starts with <c>tenant_id</c>,
    /// so the database itself keeps a row from pointing at a row of another tenant. Works whichever
    /// of the two entities is configured first.
    /// </summary>
    public static ReferenceCollectionBuilder<TPrincipal, TEntity> HasTenantReference<TEntity, TPrincipal>(
        this EntityTypeBuilder<TEntity> builder, string foreignKeyProperty, string principalKeyProperty = "Id")
        where TEntity : class
        where TPrincipal : class
    {
        var model = builder.Metadata.Model;
        var principal = model.FindEntityType(typeof(TPrincipal)) ?? model.AddEntityType(typeof(TPrincipal));
        if (principal.FindProperty(MultiTenantModel.TenantIdProperty) is null)
            principal.AddProperty(MultiTenantModel.TenantIdProperty, typeof(Guid));

        return builder.HasOne<TPrincipal>().WithMany()
            .HasForeignKey(MultiTenantModel.TenantIdProperty, foreignKeyProperty)
            .HasPrincipalKey(MultiTenantModel.TenantIdProperty, principalKeyProperty);
    }

    public static bool IsMultiTenant(this IReadOnlyEntityType entityType) =>
        entityType.FindAnnotation(MultiTenantModel.Annotation)?.Value is true;
}
