using Microsoft.AspNetCore.Http;

namespace Autowartung.MultiTenancy.Strategies;

/// <summary>Finds the identifier of the tenant a request is for; <c>null</c> when the request names none.</summary>
public interface IMultiTenantStrategy
{
    Task<string?> GetIdentifierAsync(HttpContext context);
}
