using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Autowartung.Architecture.Tests;

/// <summary>Every entity is tenant-owned, and isolated the same way, or named on the shared list with a reason.</summary>
public sealed class EntityRulesTests
{
    private static readonly IModel Model = BuildModel();

    private static IModel BuildModel()
    {
        // The model is built without opening a connection.
        var options = new DbContextOptionsBuilder<PlatformDbContext>().UsePlatformDatabase("Host=127.0.0.1;Port=1;Database=none").Options;
        using var db = new PlatformDbContext(options, new MultiTenantContextAccessor<CityTenantInfo>());
        return db.GetService<IDesignTimeModel>().Model;
    }

    private static IEnumerable<IEntityType> TenantOwned => Model.GetEntityTypes().Where(e => e.IsMultiTenant());

    /// <summary>Data stored inside a tenant-owned row (a JSON column, an owned type) belongs to that row's tenant.</summary>
    private static bool InsideATenantOwnedRow(IEntityType entity) =>
        entity.IsOwned() && entity.FindOwnership()!.PrincipalEntityType.IsMultiTenant() && entity.IsMappedToJson();

    [Fact]
    public void EveryEntity_IsTenantOwnedOrOnTheSharedList()
    {
        var unaccounted = Model.GetEntityTypes()
            .Where(e => !e.IsMultiTenant() && !InsideATenantOwnedRow(e) && !PlatformDbContext.SharedEntityTypes.ContainsKey(e.ClrType))
            .Select(e => e.ClrType.Name);

        Assert.Empty(unaccounted);
    }

    [Fact]
    public void SharedList_NamesOnlyEntitiesOfTheModel_AndNoTenantOwnedOne()
    {
        foreach (var (type, reason) in PlatformDbContext.SharedEntityTypes)
        {
            var entity = Model.GetEntityTypes().SingleOrDefault(e => e.ClrType == type);
            Assert.True(entity is not null, $"{type.Name} is on the shared list but not in the model.");
            Assert.False(entity.IsMultiTenant(), $"{type.Name} is tenant-owned and on the shared list.");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Fact]
    public void ThereAreTenantOwnedEntities()
    {
        Assert.Contains(TenantOwned, e => e.ClrType == typeof(Autowartung.Platform.Workshops.PartnerWorkshop));
    }

    [Fact]
    public void TenantOwnedEntities_HaveTenantIdFirstInTheirKeyAndEveryIndex()
    {
        foreach (var entity in TenantOwned)
        {
            Assert.Equal(MultiTenantModel.TenantIdColumn, entity.FindPrimaryKey()!.Properties[0].GetColumnName());
            foreach (var index in entity.GetIndexes())
                Assert.True(index.Properties[0].Name == MultiTenantModel.TenantIdProperty,
                    $"Index {index.GetDatabaseName()} of {entity.ClrType.Name} does not start with tenant_id.");
        }
    }

    [Fact]
    public void TenantOwnedEntities_HaveTheNamedTenantFilter()
    {
        foreach (var entity in TenantOwned)
            Assert.Contains(entity.GetDeclaredQueryFilters(), f => f.Key == MultiTenantModel.QueryFilterName);
    }

    [Fact]
    public void TenantOwnedEntities_ReferenceTheirCity()
    {
        foreach (var entity in TenantOwned)
            Assert.Contains(entity.GetForeignKeys(), fk =>
                fk.PrincipalEntityType.ClrType == typeof(City) && fk.Properties.Single().Name == MultiTenantModel.TenantIdProperty);
    }

    [Fact]
    public void ForeignKeysBetweenTenantOwnedEntities_CarryTheTenant()
    {
        // A reference from one city's row to another's must be impossible in the schema, not only in code.
        var crossing = TenantOwned
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.PrincipalEntityType.IsMultiTenant())
            .Where(fk => fk.Properties[0].Name != MultiTenantModel.TenantIdProperty)
            .Select(fk => $"{fk.DeclaringEntityType.ClrType.Name} → {fk.PrincipalEntityType.ClrType.Name}");

        Assert.Empty(crossing);
    }
}
