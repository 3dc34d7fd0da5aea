namespace Autowartung.StripeEmulator;

/// <summary>The <c>Emulator</c> configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>
    /// The one API version the emulator answers in: Stripe.net 53's. Its objects, error bodies and events (their
    /// <c>api_version</c>) have that version's shapes; a request that asks for another version is refused.
    /// </summary>
    public const string ApiVersion = "2026-10-28.endive";

    public static readonly IReadOnlyList<double> DefaultWebhookRetryDelaysSeconds = [1, 2, 5, 10, 30];

    /// <summary>Base of the hosted pages a browser is sent to (checkout, 3-D Secure).</summary>
    public string PublicUrl { get; set; } = "http://localhost:12111";

    /// <summary>Where every event is delivered. An endpoint with an empty Url is ignored.</summary>
    public List<WebhookEndpoint> Webhooks { get; set; } = [];

    /// <summary>
    /// Delays of the retries after a failed delivery; after the last one the emulator gives up. Null here means
    /// <see cref="DefaultWebhookRetryDelaysSeconds"/>: the configuration binder appends to a non-empty default
    /// array instead of replacing it, so the default is applied after binding.
    /// </summary>
    public double[]? WebhookRetryDelaysSeconds { get; set; }

    /// <summary>How long a SEPA debit or refund stays pending before it settles.</summary>
    public double SepaSettleSeconds { get; set; } = 5;

    public string PublicBase => PublicUrl.TrimEnd('/');

    public IReadOnlyList<TimeSpan> RetryDelays =>
        (WebhookRetryDelaysSeconds ?? DefaultWebhookRetryDelaysSeconds).Select(TimeSpan.FromSeconds).ToList();

    public IReadOnlyList<WebhookEndpoint> ActiveWebhooks =>
        Webhooks.Where(endpoint => !string.IsNullOrWhiteSpace(endpoint.Url)).ToList();
}

/// <summary>One webhook endpoint: its URL and its signing secret (<c>whsec_…</c>).</summary>
public sealed class WebhookEndpoint
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
}
