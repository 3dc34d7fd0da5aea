namespace Autowartung.MultiTenancy.EntityFrameworkCore;

/// <summary>The names the tenancy rules give to the model.</summary>
public static class MultiTenantModel
{
    /// <summary>The shadow property on every tenant-owned entity.</summary>
    public const string TenantIdProperty = "TenantId";

    public const string TenantIdColumn = "tenant_id";

    /// <summary>The named query filter; <c>IgnoreQueryFilters([QueryFilterName])</c> lifts only this one.</summary>
    public const string QueryFilterName = "MultiTenant";

    internal const string Annotation = "Autowartung:MultiTenant";
}
