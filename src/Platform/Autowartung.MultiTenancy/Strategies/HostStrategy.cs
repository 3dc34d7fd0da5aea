using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.Strategies;

public sealed class HostStrategyOptions
{
    /// <summary>The domain tenants live under: <c>autowartung.localhost</c> locally, <c>autowartung.de</c> in production.</summary>
    public string BaseDomain { get; set; } = "";

    /// <summary>Labels under the base domain that are never tenants (platform hosts).</summary>
    public ISet<string> ReservedLabels { get; set; } =
        new HashSet<string>(["www", "admin", "id", "api"], StringComparer.OrdinalIgnoreCase);
}

/// <summary>How a request's host relates to the platform's domain.</summary>
public enum HostKind
{
    /// <summary>Not under the base domain at all (an IP address, a foreign name).</summary>
    Foreign,

    /// <summary>The base domain itself.</summary>
    Apex,

    /// <summary>A reserved platform host such as <c>www</c>, <c>admin</c> or <c>id</c>.</summary>
    Reserved,

    /// <summary>A single well-formed label that may name a tenant.</summary>
    TenantCandidate,
}

/// <summary>
/// Resolves the tenant from the first label of the host: <c>witten.autowartung.de</c> → <c>witten</c>.
/// Only one label deep, only DNS-safe lowercase labels, never a reserved platform host.
/// </summary>
public sealed partial class HostStrategy(IOptions<HostStrategyOptions> options) : IMultiTenantStrategy
{
    public Task<string?> GetIdentifierAsync(HttpContext context)
    {
        var (kind, label) = Classify(context.Request.Host.Host);
        return Task.FromResult(kind == HostKind.TenantCandidate ? label : null);
    }

    public (HostKind Kind, string? Label) Classify(string host)
    {
        var baseDomain = options.Value.BaseDomain.Trim('.');
        if (baseDomain.Length == 0)
            throw new InvalidOperationException("HostStrategyOptions.BaseDomain is not configured.");

        host = host.TrimEnd('.').ToLowerInvariant();
        if (host == baseDomain) return (HostKind.Apex, null);
        if (!host.EndsWith("." + baseDomain, StringComparison.Ordinal)) return (HostKind.Foreign, null);

        var label = host[..^(baseDomain.Length + 1)];
        if (options.Value.ReservedLabels.Contains(label)) return (HostKind.Reserved, label);
        return DnsLabel().IsMatch(label) ? (HostKind.TenantCandidate, label) : (HostKind.Foreign, null);
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
