using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.DataProtection;

public static class SharedKeyRing
{
    /// <summary>Every app protects with the same application name and the same keys: the basis of single sign-on.</summary>
    public const string ApplicationName = "Autowartung";

    /// <summary>
    /// One Data Protection key ring for every app and instance, kept in <typeparamref name="TContext"/>'s
    /// database, so a cookie protected on one host is readable on all others.
    /// </summary>
    public static IServiceCollection AddSharedKeyRing<TContext>(this IServiceCollection services)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<TContext>();
        return services;
    }
}
