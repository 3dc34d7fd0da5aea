using Stripe;

namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>
/// Stripe's own .NET library talking to the in-process emulator, as the product does: a shape it cannot read, or an
/// answer of another API version, fails the test here and not first in production.
/// </summary>
public static class StripeNetClient
{
    public static StripeClient Create(EmulatorFactory emulator) =>
        new(new StripeClientOptions
        {
            ApiKey = StripeApi.ApiKey,
            ApiBase = "http://localhost",
            // Tests see every answer as it came: no retries of their own.
            HttpClient = new SystemNetHttpClient(emulator.CreateClient(), maxNetworkRetries: 0, enableTelemetry: false),
        });
}
