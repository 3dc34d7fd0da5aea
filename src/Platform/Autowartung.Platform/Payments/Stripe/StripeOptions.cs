namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// Where Stripe is and how we talk to it. Production and Stripe's test mode point at the real API
/// with keys from configuration; the local stack and the tests point at our Stripe emulator.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>The API version every request pins, so Stripe's object shapes never change under us.</summary>
    public const string ApiVersion = "2024-06-20";

    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>The secret API key (<c>sk_live_…</c> / <c>sk_test_…</c>). Never in the repository.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// The signing secrets (<c>whsec_…</c>) of our webhook endpoint. Two while a secret is being rotated:
    /// an event signed with either is accepted.
    /// </summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>How often a request is tried again after a network error, a 429 or a 5xx.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Pause before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);
}
