namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// Where Stripe is and how we talk to it. Production and Stripe's test mode point at the real API
/// with keys from configuration; the local stack and the tests point at our Stripe emulator.
/// The API version is not a setting: Stripe.net pins its own (<see cref="global::Stripe.StripeConfiguration.ApiVersion"/>).
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> Stripe.net sends through (from <c>IHttpClientFactory</c>).</summary>
    public const string HttpClientName = "Stripe";

    /// <summary>Stripe's API, or the emulator: the base without <c>/v1</c>.</summary>
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>The secret API key (<c>sk_live_…</c> / <c>sk_test_…</c>). Never in the repository.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// The signing secrets (<c>whsec_…</c>) of our webhook endpoint. Two while a secret is being rotated:
    /// an event signed with either is accepted.
    /// </summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>How often Stripe.net tries a request again after a network error, a 409 or a 5xx (its default is 2).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How long one attempt may take before it counts as a network failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
