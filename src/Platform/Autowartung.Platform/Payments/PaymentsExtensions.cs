using Autowartung.Platform.Payments.Stripe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StripeNet = global::Stripe;

namespace Autowartung.Platform.Payments;

public static class PaymentsExtensions
{
    /// <summary>Stripe behind the payment gateway, and the payment use cases. Settings: section <c>Stripe</c>.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>();
        // Stripe.net sends through an HttpClient of the factory: pooled handlers, and whatever the host adds to
        // every client (telemetry) or a test puts in front of it (the in-process emulator) sees Stripe's calls too.
        services.AddHttpClient(StripeOptions.HttpClientName)
            .ConfigureHttpClient((provider, http) => http.Timeout = provider.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout);
        services.AddScoped(NewStripeClient);
        services.AddScoped<IPaymentGateway, StripePaymentGateway>();
        services.AddSingleton<ProviderEventSignal>();
        services.AddScoped<StartCheckout>();
        services.AddScoped<SyncPayment>();
        services.AddScoped<SettleRefund>();
        services.AddScoped<Bookings.IBookingPayments, BookingPayments>();
        services.AddScoped<ChargeSavedPaymentMethod>();
        services.AddScoped<AuthenticatePayment>();
        services.AddScoped<ReceiveProviderEvent>();
        services.AddScoped<ProcessProviderEvents>();
        return services;
    }

    private static StripeNet.StripeClient NewStripeClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<StripeOptions>>().Value;
        if (string.IsNullOrEmpty(options.SecretKey)) throw new InvalidOperationException($"{StripeOptions.Section}:SecretKey is not configured.");
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(StripeOptions.HttpClientName);
        var apiBase = options.ApiBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new StripeNet.StripeClient(new StripeNet.StripeClientOptions
        {
            ApiKey = options.SecretKey,
            ApiBase = apiBase,
            // Files and Connect are not used; should Stripe.net ever go there, it goes to the same place as the API.
            FilesBase = apiBase,
            ConnectBase = apiBase,
            // No request-latency telemetry to Stripe: what we measure stays with our own telemetry.
            HttpClient = new StripeNet.SystemNetHttpClient(http, options.MaxNetworkRetries, enableTelemetry: false),
        });
    }
}
