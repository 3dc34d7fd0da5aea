using Autowartung.MultiTenancy;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Expansion;
using Autowartung.Platform.Extensions;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Kpis;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Payments.Stripe;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Platform.Waitlist;
using Autowartung.Platform.WorkshopOrders;
using Autowartung.Platform.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Autowartung.Platform.Data;

public static class PlatformDataExtensions
{
    public const string ConnectionStringName = "Platform";

    /// <summary>The database, the tenancy rules over it, and the city store behind a short cache.</summary>
    public static IHostApplicationBuilder AddPlatformData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");
        builder.Services.AddPlatformDatabase(connectionString);
        builder.Services.AddHostedService(services => new CityChangeListener(
            connectionString, services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CityChangeListener>>()));
        builder.Services.AddOptions<AccessOptions>().BindConfiguration("Access");
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration("Scheduling");
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section);
        return builder;
    }

    /// <summary>The same without a host: for the migrator and for tests.</summary>
    public static IServiceCollection AddPlatformDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<PlatformDbContext>(options => options.UsePlatformDatabase(connectionString));
        services.AddMultiTenant<CityTenantInfo>().WithStore<CityTenantStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<UserAccessReader>();
        services.AddScoped<AuditLog>();
        services.AddScoped<InviteToCity>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<RevokeMembership>();
        services.AddScoped<DisableUser>();
        services.AddSingleton<PostalCodeDirectory>();
        services.AddScoped<IdentifyVehicle>();
        services.AddScoped<ImportVehicleCatalog>();
        services.AddScoped<CreateQuote>();
        services.AddOptions<SchedulingOptions>();
        services.AddScoped<FindSlots>();
        services.AddScoped<CreateBooking>();
        services.AddScoped<SlotPlaces>();
        services.AddScoped<ExpireHolds>();
        services.AddScoped<CancelBooking>();
        services.AddScoped<BookingConfirmation>();
        services.AddScoped<BookingCancellationEmail>();
        services.AddPayments();
        services.AddScoped<SaveCity>();
        services.AddScoped<CityChanges>();
        services.AddScoped<AssessReadiness>();
        services.AddScoped<ChangeCityStatus>();
        services.AddScoped<RecordAttestation>();
        services.AddScoped<ManageFleet>();
        services.AddScoped<CarLoans>();
        services.AddScoped<ExtendCarLoans>();
        services.AddScoped<FleetBoard>();
        services.AddScoped<ProposeExtension>();
        services.AddScoped<DecideExtension>();
        services.AddScoped<UploadExtensionPhoto>();
        services.AddScoped<ExpireExtensions>();
        services.AddScoped<ReadExtensions>();
        services.AddScoped<WorkshopBoard>();
        services.AddScoped<ManagePickupWindows>();
        services.AddScoped<ManageClosures>();
        services.AddScoped<RegisterCustomer>();
        services.AddScoped<ManageShifts>();
        services.AddScoped<AssignJockeys>();
        services.AddScoped<AssignJockeysEverywhere>();
        services.AddScoped<JockeyDay>();
        services.AddScoped<DeclineTask>();
        services.AddScoped<MoveTask>();
        services.AddScoped<OpenTasks>();
        services.AddScoped<BookingParties>();
        services.AddScoped<UploadProtocolPhoto>();
        services.AddScoped<RecordProtocol>();
        services.AddScoped<ReadProtocols>();
        services.AddScoped<MoveBooking>();
        services.AddScoped<MakeProtocolPdfs>();
        services.AddScoped<ChooseReturnWindow>();
        services.AddScoped<IJockeyAvailability, JockeyAvailability>();
        services.AddScoped<CompleteTestRun>();
        services.AddScoped<SaveWorkshop>();
        services.AddScoped<INewWorkshopStep, TemplatePricesForNewWorkshops>();
        services.AddScoped<INewWorkshopStep, StandardWindowsForNewWorkshops>();
        services.AddScoped<ChangePrices>();
        services.AddScoped<LocatePostalCode>();
        services.AddScoped<JoinWaitlist>();
        services.AddScoped<ConfirmWaitlistEntry>();
        services.AddScoped<LeaveWaitlist>();
        services.AddScoped<ForgetUnconfirmedEntries>();
        services.AddScoped<WaitlistDemand>();
        services.AddScoped<MeasureKpis>();
        // Identity's user manager without sign-in: bookings create light customer accounts.
        services.AddIdentityCore<PlatformUser>().AddEntityFrameworkStores<PlatformDbContext>();
        services.AddScoped<IOutbox, EmailOutbox>();
        services.AddScoped<SmtpMailer>();
        services.AddScoped<SendOutbox>();
        services.AddScoped<UndeliverableMessages>();
        return services;
    }

    /// <summary>The demo seed, for the migrator and tests.</summary>
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services)
    {
        services.AddScoped<DemoSeed>();
        return services;
    }

    public static TBuilder UsePlatformDatabase<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"));
        return options;
    }
}
