using Autowartung.MultiTenancy.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.MultiTenancy.Tests;

public sealed class MultiTenantModelTests
{
    private static Microsoft.EntityFrameworkCore.Metadata.IEntityType NoteType()
    {
        using var db = new NotesContext(new MultiTenantContextAccessor<TestTenant>());
        return db.Model.FindEntityType(typeof(Note))!;
    }

    [Fact]
    public void IsMultiTenant_PutsTenantIdFirstInThePrimaryKey()
    {
        var key = NoteType().FindPrimaryKey()!;

        Assert.Equal([MultiTenantModel.TenantIdProperty, nameof(Note.Id)], key.Properties.Select(p => p.Name));
        Assert.Equal(MultiTenantModel.TenantIdColumn, NoteType().FindProperty(MultiTenantModel.TenantIdProperty)!.GetColumnName());
    }

    [Fact]
    public void ConfigureMultiTenant_PutsTenantIdFirstInEveryIndex_KeepingUniqueness()
    {
        var index = Assert.Single(NoteType().GetIndexes(), i => i.Properties.Any(p => p.Name == nameof(Note.Text)));

        Assert.Equal([MultiTenantModel.TenantIdProperty, nameof(Note.Text)], index.Properties.Select(p => p.Name));
        Assert.True(index.IsUnique);
    }

    [Fact]
    public void ConfigureMultiTenant_AddsTheNamedQueryFilter()
    {
        var filter = Assert.Single(NoteType().GetDeclaredQueryFilters());

        Assert.Equal(MultiTenantModel.QueryFilterName, filter.Key);
    }

    [Fact]
    public void ConfigureMultiTenant_MakesTenantIdAForeignKeyToTheTenants()
    {
        var foreignKey = Assert.Single(NoteType().GetForeignKeys());

        Assert.Equal(typeof(Owner), foreignKey.PrincipalEntityType.ClrType);
        Assert.Equal([MultiTenantModel.TenantIdProperty], foreignKey.Properties.Select(p => p.Name));
        Assert.Equal(DeleteBehavior.Restrict, foreignKey.DeleteBehavior);
    }

    [Fact]
    public void ConfigureMultiTenant_WhenTenantKeyIsGeneratedByEf_RefusesTheModel()
    {
        var builder = new ModelBuilder();
        builder.Entity<Owner>(owner =>
        {
            owner.HasKey(o => o.Id);
            owner.Property(o => o.Id).ValueGeneratedOnAdd();   // what EF's conventions do to a Guid key
        });
        builder.Entity<Note>().HasKey(n => n.Id);
        builder.Entity<Note>().IsMultiTenant();
        using var db = new NotesContext(new MultiTenantContextAccessor<TestTenant>());

        var error = Assert.Throws<InvalidOperationException>(() => builder.ConfigureMultiTenant(db, typeof(Owner)));

        Assert.Contains("ValueGeneratedNever", error.Message);
    }

    [Fact]
    public void AcrossTenants_LiftsOnlyTheTenantFilter()
    {
        using var db = new NotesContext(new MultiTenantContextAccessor<TestTenant>());

        var filtered = db.Notes.Where(n => n.Text == "x");

        var across = filtered.AcrossTenants().ToQueryString();

        var where = across[across.IndexOf("WHERE", StringComparison.Ordinal)..];
        Assert.Contains("\"Text\"", where);
        Assert.DoesNotContain("tenant_id", where);
    }
}
