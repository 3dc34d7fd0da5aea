using System.Security.Cryptography;
using System.Text;

namespace Autowartung.StripeEmulator.Events;

/// <summary>
/// Stripe's <c>Stripe-Signature</c> header: <c>t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>, keyed by
/// the UTF-8 bytes of the whole <c>whsec_…</c> string (Stripe's libraries do not decode the part after the prefix).
/// </summary>
public static class WebhookSignature
{
    public static string Header(string secret, long timestamp, string body) =>
        $"t={timestamp},v1={Compute(secret, timestamp, body)}";

    public static string Compute(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
