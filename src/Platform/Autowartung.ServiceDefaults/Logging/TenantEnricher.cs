using Autowartung.MultiTenancy;
using Serilog.Core;
using Serilog.Events;

namespace Autowartung.ServiceDefaults.Logging;

/// <summary>Adds the current tenant's identifier (never personal data) to each event, in requests and jobs alike.</summary>
internal sealed class TenantEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (AmbientTenant.Current?.TenantInfo is { } tenant)
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Tenant", tenant.Identifier));
    }
}
