using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.DataProtection;

internal static class SharedKeyRing
{
    /// <summary>Every app protects with the same application name and the same keys: the basis of single sign-on.</summary>
    public const string ApplicationName = "Autowartung";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new PlatformKeyRepository(scopes));
        return services;
    }
}
