using Autowartung.StripeEmulator.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>
/// The emulator in process: hosted pages at http://localhost (the test client's address), webhooks into a
/// recorder instead of the network, a clock the test moves, short retry delays, SEPA settling only when told.
/// </summary>
public class EmulatorFactory : WebApplicationFactory<EmulatorOptions>
{
    public const string WebhookUrl = "http://receiver.localhost/webhooks/stripe";
    public const string WebhookSecret = "whsec_emulator_tests_only_1234567890";

    public WebhookRecorder Webhooks { get; } = new();

    public ManualClock Clock { get; } = new();

    /// <summary>Configuration on top of appsettings.json; a subclass or a test may change it before the first client.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Emulator:PublicUrl"] = "http://localhost",
        ["Emulator:Webhooks:0:Url"] = WebhookUrl,
        ["Emulator:Webhooks:0:Secret"] = WebhookSecret,
        ["Emulator:WebhookRetryDelaysSeconds:0"] = "0.05",
        ["Emulator:WebhookRetryDelaysSeconds:1"] = "0.05",
        ["Emulator:WebhookRetryDelaysSeconds:2"] = "0.05",
        ["Emulator:SepaSettleSeconds"] = "3600",
    };

    public StripeApi Api() => new(CreateClient());

    /// <summary>A client that does not follow redirects, like a test that checks each hop of a browser.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(WebhookDelivery.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Webhooks);
        });
    }
}
