using Autowartung.StripeEmulator;
using Autowartung.StripeEmulator.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Testing;

/// <summary>
/// Our Stripe emulator in-process beside an app under test: the app's Stripe client talks to it, and its
/// signed webhooks are delivered to the app, both through in-memory handlers. Its hosted pages (checkout,
/// 3-D Secure) are reached with <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>.
/// </summary>
public sealed class StripeEmulatorFactory(Func<HttpMessageHandler> appHandler) : WebApplicationFactory<EmulatorOptions>
{
    public const string SecretKey = "sk_test_autowartung_tests";
    public const string WebhookSecret = "whsec_autowartung_tests_0000000000000000";
    public const string PublicUrl = "http://stripe.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Emulator:PublicUrl", PublicUrl);
        builder.UseSetting("Emulator:Webhooks:0:Url", "http://autowartung.localhost:8080/webhooks/stripe");   // the apex, as Stripe would call it
        builder.UseSetting("Emulator:Webhooks:0:Secret", WebhookSecret);
        builder.UseSetting("Emulator:WebhookRetryDelaysSeconds:0", "0.2");
        builder.UseSetting("Emulator:WebhookRetryDelaysSeconds:1", "0.5");
        builder.UseSetting("Emulator:SepaSettleSeconds", "600");   // tests settle debits themselves (/_emulator/sepa/settle)
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(WebhookDelivery.HttpClientName).ConfigurePrimaryHttpMessageHandler(appHandler));
    }

    /// <summary>
    /// The <c>Stripe-Signature</c> header Stripe would send for <paramref name="body"/> at <paramref name="at"/>, made by
    /// Stripe.net's own helper: for webhooks a test posts itself.
    /// </summary>
    public static string SignWebhook(byte[] body, string secret, DateTimeOffset at) =>
        global::Stripe.EventUtility.GenerateSignatureHeader(System.Text.Encoding.UTF8.GetString(body), secret, at.ToUnixTimeSeconds());

    /// <summary>Stripe.net over this emulator, no retries: what a test reads of Stripe, it reads as the product does.</summary>
    public global::Stripe.StripeClient CreateStripeClient() =>
        new(new global::Stripe.StripeClientOptions
        {
            ApiKey = SecretKey,
            ApiBase = PublicUrl,
            HttpClient = new global::Stripe.SystemNetHttpClient(CreateClient(), maxNetworkRetries: 0, enableTelemetry: false),
        });

    /// <summary>A client of the emulator's API, authenticated like the app's.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicUrl), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SecretKey);
        return client;
    }
}
