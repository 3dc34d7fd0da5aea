using System.ComponentModel.DataAnnotations;

namespace Autowartung.ServiceDefaults.Hosting;

/// <summary>Where the platform answers publicly. Section <c>Platform</c>; production: <c>autowartung.de</c>, https.</summary>
public sealed class PlatformHostOptions
{
    public const string Section = "Platform";

    /// <summary>The domain cities live under, e.g. <c>autowartung.de</c>; locally <c>autowartung.localhost</c>.</summary>
    [Required]
    public string BaseDomain { get; set; } = "";

    public string PublicScheme { get; set; } = "https";

    /// <summary>The public port, when it is not the scheme's default (locally the ingress's 8080).</summary>
    public int? PublicPort { get; set; }
}
