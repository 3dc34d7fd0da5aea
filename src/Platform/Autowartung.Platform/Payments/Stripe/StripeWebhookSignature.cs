using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// Checks a webhook's <c>Stripe-Signature</c> header by Stripe's scheme: <c>t=…,v1=…[,v1=…]</c>, where each
/// <c>v1</c> is the hex HMAC-SHA256 of <c>"{t}.{raw body}"</c> keyed by the endpoint's whole <c>whsec_…</c>
/// secret. The timestamp must be within the tolerance (replays of old deliveries are refused), any of
/// the configured secrets may match (rotation), and signatures are compared in constant time.
/// </summary>
public static class StripeWebhookSignature
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    public enum Result { Valid, MissingHeader, Malformed, TimestampOutsideTolerance, NoMatchingSignature }

    public static Result Verify(
        string? header, ReadOnlySpan<byte> body, IReadOnlyCollection<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrWhiteSpace(header)) return Result.MissingHeader;

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) continue;
            var (key, value) = (pair[0].Trim(), pair[1].Trim());
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (key == "v1" && TryHex(value, out var signature)) signatures.Add(signature);
            // Other schemes (v0, test-mode extras) are ignored, as Stripe's libraries do.
        }
        if (timestamp is null || signatures.Count == 0) return Result.Malformed;

        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        if (age.Duration() > (tolerance ?? DefaultTolerance)) return Result.TimestampOutsideTolerance;

        var prefix = Encoding.UTF8.GetBytes(timestamp.Value.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));

        var matched = false;
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
            // Every candidate is compared in full, so the time taken says nothing about which came close.
            foreach (var signature in signatures)
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }
        return matched ? Result.Valid : Result.NoMatchingSignature;
    }

    /// <summary>The header Stripe would send for <paramref name="body"/> at <paramref name="at"/>: for tests and the emulator's peers.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body.ToArray()).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload))}";
    }

    private static bool TryHex(string value, out byte[] bytes)
    {
        bytes = [];
        if (value.Length != 64) return false;
        try
        {
            bytes = Convert.FromHexString(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
