using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Autowartung.ServiceDefaults.Hosting;

/// <summary>The platform's public addresses, built from <see cref="PlatformHostOptions"/>; the one place that knows them.</summary>
public sealed class PlatformUrls(IOptions<PlatformHostOptions> options)
{
    public const string SignInPath = "/anmelden";

    private PlatformHostOptions Host => options.Value;

    public Uri Apex => Build(Host.BaseDomain);

    public Uri Admin => Build($"admin.{Host.BaseDomain}");

    public Uri Identity => Build($"id.{Host.BaseDomain}");

    public Uri City(string slug) => Build($"{slug}.{Host.BaseDomain}");

    /// <summary>The identity service's sign-in page for a city's login area, returning to <paramref name="returnUrl"/>.</summary>
    public Uri SignIn(string? citySlug, LoginArea area, Uri? returnUrl)
    {
        var query = new Dictionary<string, string?> { ["area"] = area.Slug() };
        if (citySlug is not null) query["city"] = citySlug;
        if (returnUrl is not null) query["returnUrl"] = returnUrl.ToString();
        return new Uri(QueryHelpers.AddQueryString(new Uri(Identity, SignInPath).ToString(), query));
    }

    /// <summary>
    /// Whether <paramref name="url"/> points at one of the platform's own hosts, with the platform's scheme
    /// and port. The only return URLs the identity service follows (no open redirect).
    /// </summary>
    public bool IsPlatformUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || !string.Equals(url.Scheme, Host.PublicScheme, StringComparison.OrdinalIgnoreCase)) return false;
        if (url.Port != Apex.Port || !string.IsNullOrEmpty(url.UserInfo)) return false;
        var host = url.IdnHost.ToLowerInvariant();
        var baseDomain = Host.BaseDomain.ToLowerInvariant();
        return host == baseDomain || (host.EndsWith("." + baseDomain, StringComparison.Ordinal) && !host[..^(baseDomain.Length + 1)].Contains('.'));
    }

    private Uri Build(string host)
    {
        var builder = new UriBuilder(Host.PublicScheme, host) { Port = Host.PublicPort ?? -1 };
        return builder.Uri;
    }
}
