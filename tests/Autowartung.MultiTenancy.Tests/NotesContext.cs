using Autowartung.MultiTenancy.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.MultiTenancy.Tests;

public sealed record TestTenant(Guid Id, string Identifier, string Name) : ITenantInfo
{
    public static TestTenant Witten { get; } = new(Guid.Parse("11111111-1111-1111-1111-111111111111"), "witten", "Witten");
    public static TestTenant Dortmund { get; } = new(Guid.Parse("22222222-2222-2222-2222-222222222222"), "dortmund", "Dortmund");
}

public sealed class Note(Guid id, string text)
{
    public Guid Id { get; private set; } = id;

    public string Text { get; set; } = text;
}

public sealed class Owner
{
    public Guid Id { get; set; }
}

/// <summary>
/// A small context with one tenant-owned entity. It points at a port nobody listens on: the rules under
/// test act before any connection is opened, and a test that reached the database would fail loudly.
/// </summary>
public sealed class NotesContext : DbContext, IMultiTenantDbContext
{
    private readonly IMultiTenantContextAccessor _accessor;

    public NotesContext(IMultiTenantContextAccessor accessor)
        : base(new DbContextOptionsBuilder<NotesContext>()
            .UseNpgsql("Host=127.0.0.1;Port=1;Database=unreachable;Username=none;Password=none;Timeout=1")
            .AddInterceptors(new MultiTenantSaveChangesInterceptor())
            .Options)
    {
        _accessor = accessor;
        this.StampTenantOnAdd();
    }

    public DbSet<Note> Notes => Set<Note>();

    public ITenantInfo? TenantInfo => _accessor.MultiTenantContext.TenantInfo;

    public Guid CurrentTenantId => this.RequireTenantId();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Owner>().Property(o => o.Id).ValueGeneratedNever();
        modelBuilder.Entity<Note>(note =>
        {
            note.HasKey(n => n.Id);
            note.IsMultiTenant();
            note.HasIndex(n => n.Text).IsUnique();
        });
        modelBuilder.ConfigureMultiTenant(this, tenantEntityType: typeof(Owner));
    }
}
