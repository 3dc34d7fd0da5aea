using Autowartung.MultiTenancy.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.MultiTenancy.Tests;

public sealed class TenantStampingTests
{
    private readonly MultiTenantContextAccessor<TestTenant> _tenancy = new();

    private static Guid TenantOf(NotesContext db, Note note) =>
        (Guid)db.Entry(note).Property(MultiTenantModel.TenantIdProperty).CurrentValue!;

    [Fact]
    public void Add_WhenTenantIsCurrent_StampsThatTenant()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);
        using var db = new NotesContext(_tenancy);
        var note = new Note(Guid.NewGuid(), "Bremsen prüfen");

        db.Notes.Add(note);

        Assert.Equal(TestTenant.Witten.Id, TenantOf(db, note));
    }

    [Fact]
    public void Add_WhenNoTenantIsSet_Throws()
    {
        using var db = new NotesContext(_tenancy);

        var error = Assert.Throws<MultiTenantException>(() => db.Notes.Add(new Note(Guid.NewGuid(), "ohne Stadt")));

        Assert.Contains("no tenant", error.Message);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public void Add_WhenEntityAlreadyNamesATenant_KeepsIt()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);
        using var db = new NotesContext(_tenancy);
        var note = new Note(Guid.NewGuid(), "von Dortmund");
        var entry = db.Entry(note);
        entry.Property(MultiTenantModel.TenantIdProperty).CurrentValue = TestTenant.Dortmund.Id;

        entry.State = EntityState.Added;

        Assert.Equal(TestTenant.Dortmund.Id, TenantOf(db, note));
    }

    [Fact]
    public void SaveChanges_WhenEntityBelongsToAnotherTenant_ThrowsBeforeWriting()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);
        using var db = new NotesContext(_tenancy);
        var entry = db.Entry(new Note(Guid.NewGuid(), "fremd"));
        entry.Property(MultiTenantModel.TenantIdProperty).CurrentValue = TestTenant.Dortmund.Id;
        entry.State = EntityState.Added;

        var error = Assert.Throws<MultiTenantException>(() => db.SaveChanges());

        Assert.Contains("another tenant", error.Message);
    }

    [Fact]
    public async Task SaveChangesAsync_WhenEntityBelongsToAnotherTenant_ThrowsBeforeWriting()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);
        await using var db = new NotesContext(_tenancy);
        var entry = db.Entry(new Note(Guid.NewGuid(), "fremd"));
        entry.Property(MultiTenantModel.TenantIdProperty).CurrentValue = TestTenant.Dortmund.Id;
        entry.State = EntityState.Added;

        await Assert.ThrowsAsync<MultiTenantException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void SaveChanges_WhenModifyingAnotherTenantsLoadedEntity_Throws()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);
        using var db = new NotesContext(_tenancy);
        var note = new Note(Guid.NewGuid(), "Dortmunder Notiz");
        var entry = db.Entry(note);
        entry.Property(MultiTenantModel.TenantIdProperty).CurrentValue = TestTenant.Dortmund.Id;
        entry.State = EntityState.Unchanged;   // as if read across tenants

        note.Text = "von Witten geändert";

        Assert.Throws<MultiTenantException>(() => db.SaveChanges());
    }

    [Fact]
    public void SaveChanges_WhenDeletingAnotherTenantsEntity_Throws()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);
        using var db = new NotesContext(_tenancy);
        var entry = db.Entry(new Note(Guid.NewGuid(), "Dortmunder Notiz"));
        entry.Property(MultiTenantModel.TenantIdProperty).CurrentValue = TestTenant.Dortmund.Id;
        entry.State = EntityState.Deleted;

        Assert.Throws<MultiTenantException>(() => db.SaveChanges());
    }

    [Fact]
    public void SaveChanges_WhenTenantWasLeftBeforeSaving_Throws()
    {
        using var db = new NotesContext(_tenancy);
        using (_tenancy.BeginScope(TestTenant.Witten))
        {
            db.Notes.Add(new Note(Guid.NewGuid(), "angelegt in Witten"));
        }

        var error = Assert.Throws<MultiTenantException>(() => db.SaveChanges());

        Assert.Contains("no tenant set", error.Message);
    }

    [Fact]
    public void SaveChanges_WhenTenantChangedBetweenAddAndSave_Throws()
    {
        using var db = new NotesContext(_tenancy);
        using (_tenancy.BeginScope(TestTenant.Witten))
        {
            db.Notes.Add(new Note(Guid.NewGuid(), "angelegt in Witten"));
        }

        using var dortmund = _tenancy.BeginScope(TestTenant.Dortmund);
        Assert.Throws<MultiTenantException>(() => db.SaveChanges());
    }

    [Fact]
    public void Query_WhenNoTenantIsSet_Throws()
    {
        using var db = new NotesContext(_tenancy);

        var error = Record.Exception(() => db.Notes.Where(n => n.Text == "x").ToQueryString());

        Assert.NotNull(error);
        Assert.IsType<MultiTenantException>(error.GetBaseException());
    }
}
