using Microsoft.AspNetCore.Builder;

namespace Autowartung.MultiTenancy.AspNetCore;

/// <summary>Marks an endpoint that answers without a tenant, on any host (health probes).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ExcludeFromMultiTenantResolutionAttribute : Attribute;

public static class EndpointConventionExtensions
{
    public static TBuilder ExcludeFromMultiTenantResolution<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ExcludeFromMultiTenantResolutionAttribute());
}
