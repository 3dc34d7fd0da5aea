using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Payments;

public static class PaymentMethodTypes
{
    public const string Card = "card";
    public const string SepaDebit = "sepa_debit";

    public static readonly string[] All = [Card, SepaDebit];
}

/// <summary>How a test payment method behaves when charged; Stripe decides this by the test card or IBAN.</summary>
public enum TestBehavior
{
    Succeeds,
    Declines,
    DeclinesInsufficientFunds,
    RequiresAuthentication,
    DebitSettles,
    DebitFails,
}

/// <summary>Stripe's <c>payment_method</c>: a card or a SEPA account, maybe saved to a customer.</summary>
public sealed class PaymentMethod : StripeObject
{
    protected override string ObjectName => "payment_method";

    public string AllowRedisplay => "unspecified";

    public BillingDetails BillingDetails { get; init; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CardDetails? Card { get; init; }

    public string? Customer { get; set; }

    public object? CustomerAccount => null;

    public Dictionary<string, string> Metadata { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SepaDebitDetails? SepaDebit { get; init; }

    public required string Type { get; init; }

    [JsonIgnore]
    public TestBehavior Behavior { get; init; }
}

public sealed class BillingDetails
{
    public BillingAddress Address { get; init; } = new();
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
}

public sealed class BillingAddress
{
    public string? City => null;
    public string? Country => null;
    public string? Line1 => null;
    public string? Line2 => null;
    public string? PostalCode => null;
    public string? State => null;
}

public sealed record CardChecks(string? AddressLine1Check, string? AddressPostalCodeCheck, string? CvcCheck);

public sealed record CardNetworks(IReadOnlyList<string> Available, string? Preferred);

public sealed record ThreeDSecureUsage(bool Supported);

public sealed class CardDetails
{
    public required string Brand { get; init; }
    public CardChecks Checks => new(null, null, "pass");
    public required string Country { get; init; }
    public string DisplayBrand => Brand;
    public required int ExpMonth { get; init; }
    public required int ExpYear { get; init; }
    public required string Fingerprint { get; init; }
    public string Funding => "credit";
    public object? GeneratedFrom => null;
    public required string Last4 { get; init; }
    public CardNetworks Networks => new([Brand], null);
    public ThreeDSecureUsage ThreeDSecureUsage => new(true);
    public object? Wallet => null;
}

public sealed class SepaDebitDetails
{
    public required string BankCode { get; init; }
    public string BranchCode => "";
    public required string Country { get; init; }
    public required string Fingerprint { get; init; }
    public object? GeneratedFrom => null;
    public required string Last4 { get; init; }
}
