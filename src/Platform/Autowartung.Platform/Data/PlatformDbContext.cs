using Autowartung.MultiTenancy;
using Autowartung.MultiTenancy.EntityFrameworkCore;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Catalog;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Extensions;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Platform.Waitlist;
using Autowartung.Platform.Workshops;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Data;

/// <summary>
/// The platform's database. Tenant-owned entities are isolated by the tenancy rules
/// (<c>IsMultiTenant()</c> in their configuration); everything else must be listed in
/// <see cref="SharedEntityTypes"/>, which the architecture tests hold the model to. It is also the store
/// of the shared Data Protection key ring (<see cref="IDataProtectionKeyContext"/>), the basis of single sign-on.
/// </summary>
public sealed class PlatformDbContext : IdentityUserContext<PlatformUser, Guid>, IMultiTenantDbContext, IDataProtectionKeyContext
{
    private static readonly MultiTenantSaveChangesInterceptor TenantGuard = new();
    private readonly IMultiTenantContextAccessor _tenantAccessor;

    public PlatformDbContext(DbContextOptions<PlatformDbContext> options, IMultiTenantContextAccessor tenantAccessor) : base(options)
    {
        _tenantAccessor = tenantAccessor;
        this.StampTenantOnAdd();
    }

    /// <summary>Entities that belong to the platform as a whole rather than to one city, and why.</summary>
    public static IReadOnlyDictionary<Type, string> SharedEntityTypes { get; } = new Dictionary<Type, string>
    {
        [typeof(City)] = "the tenants themselves",
        [typeof(ServiceAreaPostalCode)] = "which city serves a PLZ is asked before any city is known",
        [typeof(DataProtectionKey)] = "one key ring for all hosts, for single sign-on",
        [typeof(PlatformUser)] = "one person signs in once and may be a customer in several cities",
        [typeof(IdentityUserClaim<Guid>)] = "part of the user",
        [typeof(IdentityUserLogin<Guid>)] = "part of the user",
        [typeof(IdentityUserToken<Guid>)] = "part of the user (authenticator key, recovery codes)",
        [typeof(AuditEntry)] = "sign-ins happen before any city is known; the city is recorded when there is one",
        [typeof(VehicleModel)] = "a Golf is a Golf in every city: one vehicle catalog for the platform",
        [typeof(VehicleKeyNumber)] = "part of the vehicle catalog",
        [typeof(PaymentCustomer)] = "one person has one customer record at the payment provider, whatever city they book in",
        [typeof(ProviderEvent)] = "webhooks arrive before their city is known; they carry only routing facts",
        [typeof(WaitlistEntry)] = "demand where no public city serves yet: the PLZ belongs to no city, or to one that must not show",
        [typeof(OutboxMessage)] = "account and waitlist mail belong to no city, and one sender drains every city's mail; the city is recorded when there is one",
        [typeof(OutboxAttachment)] = "part of the message",
    };

    public DbSet<City> Cities => Set<City>();

    public DbSet<PartnerWorkshop> PartnerWorkshops => Set<PartnerWorkshop>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<VehicleModel> VehicleModels => Set<VehicleModel>();

    public DbSet<VehicleKeyNumber> VehicleKeyNumbers => Set<VehicleKeyNumber>();

    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<WorkshopPrice> WorkshopPrices => Set<WorkshopPrice>();

    public DbSet<Quote> Quotes => Set<Quote>();

    public DbSet<PickupWindow> PickupWindows => Set<PickupWindow>();

    public DbSet<WorkshopClosure> WorkshopClosures => Set<WorkshopClosure>();

    public DbSet<JockeyShift> JockeyShifts => Set<JockeyShift>();

    public DbSet<JockeyTask> JockeyTasks => Set<JockeyTask>();

    public DbSet<HandoverProtocol> HandoverProtocols => Set<HandoverProtocol>();

    public DbSet<ProtocolPhoto> ProtocolPhotos => Set<ProtocolPhoto>();

    public DbSet<SlotCounter> SlotCounters => Set<SlotCounter>();

    public DbSet<JockeyCounter> JockeyCounters => Set<JockeyCounter>();

    public DbSet<CityDayCounter> CityDayCounters => Set<CityDayCounter>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<BookingRequest> BookingRequests => Set<BookingRequest>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<PaymentCustomer> PaymentCustomers => Set<PaymentCustomer>();

    public DbSet<ProviderEvent> ProviderEvents => Set<ProviderEvent>();

    public DbSet<ReplacementCar> ReplacementCars => Set<ReplacementCar>();

    public DbSet<CarLoan> CarLoans => Set<CarLoan>();

    public DbSet<OrderExtension> OrderExtensions => Set<OrderExtension>();

    public DbSet<ExtensionPhoto> ExtensionPhotos => Set<ExtensionPhoto>();

    public DbSet<FleetDayCounter> FleetDayCounters => Set<FleetDayCounter>();

    public DbSet<ExpansionAttestation> ExpansionAttestations => Set<ExpansionAttestation>();

    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public ITenantInfo? TenantInfo => _tenantAccessor.MultiTenantContext.TenantInfo;

    public Guid CurrentTenantId => this.RequireTenantId();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(TenantGuard);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new SnakeCaseNamingConvention());
        // EF would index every foreign key on its own, and re-add a user_id-only index on tenant-owned
        // tables whenever the tenant rule moves tenant_id to the front. Indexes are declared in the
        // configurations instead, tenant first.
        configurationBuilder.Conventions.Remove(typeof(Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Equality on plain columns inside a GiST exclusion constraint (a jockey's shifts never overlap).
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlatformDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ConfigureMultiTenant(this, tenantEntityType: typeof(City));
    }
}
