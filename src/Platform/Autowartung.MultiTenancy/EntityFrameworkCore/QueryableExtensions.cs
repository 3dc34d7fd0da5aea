using Microsoft.EntityFrameworkCore;

namespace Autowartung.MultiTenancy.EntityFrameworkCore;

public static class QueryableExtensions
{
    /// <summary>
    /// Lifts the tenant filter (and only that one) for platform-wide work such as the admin app's
    /// overviews. Greppable on purpose: every use is a deliberate step across tenants.
    /// </summary>
    public static IQueryable<TEntity> AcrossTenants<TEntity>(this IQueryable<TEntity> query) where TEntity : class =>
        query.IgnoreQueryFilters([MultiTenantModel.QueryFilterName]);
}
