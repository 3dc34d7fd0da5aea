using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Workshops;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autowartung.Platform.Tests;

/// <summary>Witten can neither read nor change Dortmund's rows, however it asks.</summary>
public sealed class TenantIsolationTests(TwoCities cities) : IClassFixture<TwoCities>
{
    private Testing.TestDatabase Database => cities.Database;

    private async Task<Guid> DortmundWorkshopIdAsync()
    {
        using var scope = Database.Tenancy.BeginScope(cities.Dortmund);
        await using var db = Database.CreateContext();
        return await db.PartnerWorkshops.Where(w => w.Name == "Werkstatt Dortmund").Select(w => w.Id).SingleAsync();
    }

    private async Task<string> DortmundWorkshopNameAsync(Guid id) =>
        (await Database.ScalarAsync<string>("SELECT name FROM partner_workshops WHERE id = @p0", id))!;

    [Fact]
    public async Task Query_AsWitten_SeesOnlyWittensWorkshops()
    {
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();

        var seen = await db.PartnerWorkshops
            .Select(w => new { w.Name, TenantId = EF.Property<Guid>(w, MultiTenantModel.TenantIdProperty) }).ToListAsync();

        Assert.Contains(seen, w => w.Name == "Werkstatt Witten");
        Assert.All(seen, w => Assert.Equal(cities.Witten.Id, w.TenantId));
        Assert.True(await Database.ScalarAsync<long>("SELECT count(*) FROM partner_workshops WHERE tenant_id = @p0", cities.Dortmund.Id) > 0);
    }

    [Fact]
    public async Task QueryById_AsWitten_ForDortmundsWorkshop_FindsNothing()
    {
        var dortmundId = await DortmundWorkshopIdAsync();
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();

        Assert.Null(await db.PartnerWorkshops.SingleOrDefaultAsync(w => w.Id == dortmundId));
        Assert.False(await db.PartnerWorkshops.AnyAsync(w => w.Id == dortmundId));
        Assert.Null(await db.PartnerWorkshops.FindAsync(cities.Dortmund.Id, dortmundId));
    }

    [Fact]
    public async Task ExecuteUpdate_AsWitten_OnDortmundsWorkshop_ChangesNothing()
    {
        var dortmundId = await DortmundWorkshopIdAsync();
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();

        var changed = await db.PartnerWorkshops.Where(w => w.Id == dortmundId)
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.Name, "übernommen"));

        Assert.Equal(0, changed);
        Assert.Equal("Werkstatt Dortmund", await DortmundWorkshopNameAsync(dortmundId));
    }

    [Fact]
    public async Task ExecuteDelete_AsWitten_OnDortmundsWorkshop_DeletesNothing()
    {
        var dortmundId = await DortmundWorkshopIdAsync();
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();

        var deleted = await db.PartnerWorkshops.Where(w => w.Id == dortmundId).ExecuteDeleteAsync();

        Assert.Equal(0, deleted);
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM partner_workshops WHERE id = @p0", dortmundId));
    }

    [Fact]
    public async Task SaveChanges_AsWitten_ForDortmundsWorkshopReadAcrossTenants_ThrowsAndChangesNothing()
    {
        var dortmundId = await DortmundWorkshopIdAsync();
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();
        var workshop = await db.PartnerWorkshops.AcrossTenants().SingleAsync(w => w.Id == dortmundId);

        workshop.Rename("übernommen");

        await Assert.ThrowsAsync<MultiTenantException>(() => db.SaveChangesAsync());
        Assert.Equal("Werkstatt Dortmund", await DortmundWorkshopNameAsync(dortmundId));
    }

    [Fact]
    public async Task Update_AsWitten_WithDortmundsWorkshopId_CannotReachDortmundsRow()
    {
        var dortmundId = await DortmundWorkshopIdAsync();
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();
        // A request that names Dortmund's id from Witten: the key it can build is (Witten, id), which does not exist.
        var forged = PartnerWorkshop.Create("gefälscht", new Address("Weg 1", "58452", "Witten"), [], DateTimeOffset.UtcNow);
        db.Entry(forged).Property(w => w.Id).CurrentValue = dortmundId;
        db.PartnerWorkshops.Update(forged);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Equal("Werkstatt Dortmund", await DortmundWorkshopNameAsync(dortmundId));
    }

    [Fact]
    public async Task Add_AsWitten_StoresWittensTenantId()
    {
        using var scope = Database.Tenancy.BeginScope(cities.Witten);
        await using var db = Database.CreateContext();
        var workshop = PartnerWorkshop.Create($"Neu {Guid.NewGuid():N}", new Address("Weg 2", "58453", "Witten"), [PostalCode.Parse("58453")], DateTimeOffset.UtcNow);

        db.PartnerWorkshops.Add(workshop);
        await db.SaveChangesAsync();

        Assert.Equal(cities.Witten.Id, await Database.ScalarAsync<Guid>("SELECT tenant_id FROM partner_workshops WHERE id = @p0", workshop.Id));
    }

    [Fact]
    public async Task Query_WithNoTenant_Throws()
    {
        await using var db = Database.CreateContext();

        var error = await Record.ExceptionAsync(() => db.PartnerWorkshops.ToListAsync());

        Assert.IsType<MultiTenantException>(error?.GetBaseException());
    }

    [Fact]
    public async Task Database_RefusesAWorkshopOfACityThatDoesNotExist()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(
            """
            INSERT INTO partner_workshops (tenant_id, id, name, served_postal_codes, is_active, created_at, address_street, address_postal_code, address_town)
            VALUES (@p0, @p1, 'Geisterwerkstatt', '{}', true, now(), 'Weg 3', '58452', 'Nirgendwo')
            """, Guid.NewGuid(), Guid.NewGuid()));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task WorkshopNames_AreUniquePerCity_NotAcrossCities()
    {
        using (Database.Tenancy.BeginScope(cities.Witten))
        {
            await using var db = Database.CreateContext();
            db.PartnerWorkshops.Add(PartnerWorkshop.Create("Werkstatt Dortmund", new Address("Weg 4", "58452", "Witten"), [], DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();   // the same name as Dortmund's is fine in Witten
        }

        using (Database.Tenancy.BeginScope(cities.Dortmund))
        {
            await using var db = Database.CreateContext();
            db.PartnerWorkshops.Add(PartnerWorkshop.Create("Werkstatt Dortmund", new Address("Weg 5", "44135", "Dortmund"), [], DateTimeOffset.UtcNow));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, ((PostgresException)error.InnerException!).SqlState);
        }
    }
}
