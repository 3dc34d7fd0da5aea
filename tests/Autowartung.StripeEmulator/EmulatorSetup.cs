using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Checkout;
using Autowartung.StripeEmulator.Control;
using Autowartung.StripeEmulator.Customers;
using Autowartung.StripeEmulator.Events;
using Autowartung.StripeEmulator.Payments;
using Autowartung.StripeEmulator.Refunds;
using Autowartung.StripeEmulator.Setup;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Autowartung.StripeEmulator;

public static class EmulatorSetup
{
    public static IHostApplicationBuilder AddStripeEmulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmulatorOptions>()
            .Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "Emulator:PublicUrl must be an absolute URL.")
            .Validate(o => o.SepaSettleSeconds >= 0, "Emulator:SepaSettleSeconds must not be negative.")
            .Validate(o => o.ActiveWebhooks.All(w => w.Secret.StartsWith("whsec_", StringComparison.Ordinal)),
                "Every Emulator:Webhooks entry needs a Secret starting with whsec_.")
            .ValidateOnStart();

        // Tests replace the clock to let sessions expire without waiting a day.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Account>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<FailNextRules>();
        builder.Services.AddSingleton<PaymentFlow>();
        builder.Services.AddSingleton<RefundFlow>();
        builder.Services.AddSingleton<CheckoutFlow>();
        builder.Services.AddSingleton<WebhookQueue>();
        builder.Services.AddHostedService<WebhookDelivery>();
        builder.Services.AddHostedService<DueWork>();
        builder.Services.AddHttpClient(WebhookDelivery.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => WebhookDelivery.CreatePrimaryHandler());
        return builder;
    }

    public static WebApplication MapStripeEmulator(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/v1"), api => api.UseMiddleware<ApiGate>());

        var v1 = app.MapGroup("/v1");
        v1.MapCustomersApi();
        v1.MapCheckoutSessionsApi();
        v1.MapPaymentIntentsApi();
        v1.MapPaymentMethodsApi();
        v1.MapChargesApi();
        v1.MapRefundsApi();
        v1.MapSetupIntentsApi();
        v1.MapEventsApi();
        app.MapFallback("/v1/{**path}", http =>
            ApiResponse.WriteAsync(http, StripeException.UnrecognizedUrl(http.Request.Method, http.Request.Path)));

        app.MapCheckoutPage();
        app.MapThreeDSecurePage();
        app.MapControlApi();
        return app;
    }
}
