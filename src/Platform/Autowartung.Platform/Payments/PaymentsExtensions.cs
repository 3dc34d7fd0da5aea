using Autowartung.Platform.Payments.Stripe;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Platform.Payments;

public static class PaymentsExtensions
{
    /// <summary>Stripe behind the payment gateway, and the payment use cases. Settings: section <c>Stripe</c>.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddOptions<StripeOptions>();
        services.AddHttpClient<StripeClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
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
}
