namespace Autowartung.MultiTenancy;

/// <summary>The tenant a piece of work runs for, and how it was found.</summary>
public interface IMultiTenantContext
{
    ITenantInfo? TenantInfo { get; }

    bool IsResolved => TenantInfo is not null;
}

/// <inheritdoc cref="IMultiTenantContext" />
public sealed record MultiTenantContext<TTenantInfo>(TTenantInfo? TenantInfo, string? StrategyName = null)
    : IMultiTenantContext
    where TTenantInfo : class, ITenantInfo
{
    ITenantInfo? IMultiTenantContext.TenantInfo => TenantInfo;

    public static MultiTenantContext<TTenantInfo> Empty { get; } = new(TenantInfo: null);
}
