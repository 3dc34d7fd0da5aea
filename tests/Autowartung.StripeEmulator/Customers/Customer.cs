namespace Autowartung.StripeEmulator.Customers;

/// <summary>Stripe's <c>customer</c>, with the fields the product reads and the rest at Stripe's defaults.</summary>
public sealed class Customer : StripeObject
{
    protected override string ObjectName => "customer";

    public object? Address => null;

    public long Balance => 0;

    public string? Currency => null;

    public object? DefaultSource => null;

    public bool Delinquent => false;

    public string? Description { get; init; }

    public object? Discount => null;

    public string? Email { get; init; }

    /// <summary>Stripe's prefix for the customer's invoice numbers.</summary>
    public string InvoicePrefix { get; init; } = Api.Ids.New("", 8).ToUpperInvariant();

    public CustomerInvoiceSettings InvoiceSettings { get; } = new();

    public Dictionary<string, string> Metadata { get; init; } = [];

    public string? Name { get; init; }

    public long NextInvoiceSequence => 1;

    public string? Phone { get; init; }

    public IReadOnlyList<string> PreferredLocales => [];

    public object? Shipping => null;

    public string TaxExempt => "none";

    public object? TestClock => null;
}

public sealed class CustomerInvoiceSettings
{
    public object? CustomFields => null;

    /// <summary>The card charged when none is named; set when a payment saves its method.</summary>
    public string? DefaultPaymentMethod { get; set; }

    public string? Footer => null;

    public object? RenderingOptions => null;
}
