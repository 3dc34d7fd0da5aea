using System.Security.Cryptography;
using System.Text;
using Autowartung.Platform.Payments.Stripe;
using static Autowartung.Platform.Payments.Stripe.StripeWebhookSignature;

namespace Autowartung.Platform.Tests;

/// <summary>Stripe's signature scheme, checked with vectors computed here independently of the code under test.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_secret_1234567890";
    private const string OtherSecret = "whsec_other_secret_0987654321";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1"}}}""");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static string V1(string secret, long timestamp, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.").Concat(body).ToArray()));

    private static long T(DateTimeOffset at) => at.ToUnixTimeSeconds();

    [Fact]
    public void Verify_WhenSignedWithTheSecret_IsValid() =>
        Assert.Equal(StripeWebhookSignature.Result.Valid, Verify($"t={T(Now)},v1={V1(Secret, T(Now), Body)}", Body, [Secret], Now));

    [Fact]
    public void Verify_WhenTheBodyWasTampered_IsRefused()
    {
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("pi_1", "pi_2", StringComparison.Ordinal));
        Assert.Equal(StripeWebhookSignature.Result.NoMatchingSignature, Verify($"t={T(Now)},v1={V1(Secret, T(Now), Body)}", tampered, [Secret], Now));
    }

    [Fact]
    public void Verify_WhenTheTimestampWasChangedAfterSigning_IsRefused()
    {
        var later = T(Now) + 10;
        Assert.Equal(StripeWebhookSignature.Result.NoMatchingSignature, Verify($"t={later},v1={V1(Secret, T(Now), Body)}", Body, [Secret], Now));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Verify_WhenTheTimestampIsOutsideTheTolerance_IsRefused(int secondsAgo)
    {
        var signedAt = Now.AddSeconds(-secondsAgo);
        Assert.Equal(StripeWebhookSignature.Result.TimestampOutsideTolerance, Verify($"t={T(signedAt)},v1={V1(Secret, T(signedAt), Body)}", Body, [Secret], Now));
    }

    [Fact]
    public void Verify_WhenJustInsideTheTolerance_IsValid()
    {
        var signedAt = Now.AddSeconds(-300);
        Assert.Equal(StripeWebhookSignature.Result.Valid, Verify($"t={T(signedAt)},v1={V1(Secret, T(signedAt), Body)}", Body, [Secret], Now));
    }

    [Fact]
    public void Verify_WhenOneOfSeveralV1ValuesMatches_IsValid()
    {
        var header = $"t={T(Now)},v1={V1(OtherSecret, T(Now), Body)},v0=ignored,v1={V1(Secret, T(Now), Body)}";
        Assert.Equal(StripeWebhookSignature.Result.Valid, Verify(header, Body, [Secret], Now));
    }

    [Fact]
    public void Verify_DuringRotation_AcceptsEitherSecret()
    {
        Assert.Equal(StripeWebhookSignature.Result.Valid, Verify($"t={T(Now)},v1={V1(OtherSecret, T(Now), Body)}", Body, [Secret, OtherSecret], Now));
        Assert.Equal(StripeWebhookSignature.Result.Valid, Verify($"t={T(Now)},v1={V1(Secret, T(Now), Body)}", Body, [Secret, OtherSecret], Now));
        Assert.Equal(StripeWebhookSignature.Result.NoMatchingSignature, Verify($"t={T(Now)},v1={V1(OtherSecret, T(Now), Body)}", Body, [Secret], Now));
    }

    [Theory]
    [InlineData(null, StripeWebhookSignature.Result.MissingHeader)]
    [InlineData("", StripeWebhookSignature.Result.MissingHeader)]
    [InlineData("v1=abc", StripeWebhookSignature.Result.Malformed)]
    [InlineData("t=1700000000", StripeWebhookSignature.Result.Malformed)]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000", StripeWebhookSignature.Result.Malformed)]
    [InlineData("t=1700000000,v1=nothex", StripeWebhookSignature.Result.Malformed)]
    public void Verify_WhenTheHeaderIsMissingOrMalformed_IsRefused(string? header, StripeWebhookSignature.Result expected) =>
        Assert.Equal(expected, Verify(header, Body, [Secret], Now));

    [Fact]
    public void Sign_ProducesWhatStripeWouldSend() =>
        Assert.Equal($"t={T(Now)},v1={V1(Secret, T(Now), Body)}", Sign(Body, Secret, Now));
}
