using System.Security.Cryptography;

namespace Autowartung.StripeEmulator.Api;

/// <summary>Stripe-shaped ids: a type prefix and a random tail, so a mixed-up id is visible at a glance.</summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix, int length = 24) =>
        prefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, length));

    public static string Customer() => New("cus_", 14);
    public static string CheckoutSession() => New("cs_test_", 58);
    public static string PaymentIntent() => New("pi_");
    public static string PaymentMethod() => New("pm_");
    public static string Charge() => New("ch_");
    public static string Refund() => New("re_");
    public static string Event() => New("evt_");
    public static string Request() => New("req_", 14);
    public static string ClientSecret(string paymentIntentId) => $"{paymentIntentId}_secret_{New("", 25)}";
}
