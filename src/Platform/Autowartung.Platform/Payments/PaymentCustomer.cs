namespace Autowartung.Platform.Payments;

/// <summary>
/// A person's customer record at the payment provider (platform data: one person, one record, whatever
/// city they book in). Their saved payment methods hang off it.
/// </summary>
public sealed class PaymentCustomer
{
    private PaymentCustomer() { }

    public Guid UserId { get; private set; }

    public string ProviderCustomerId { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static PaymentCustomer Create(Guid userId, string providerCustomerId, DateTimeOffset now) =>
        new() { UserId = userId, ProviderCustomerId = providerCustomerId, CreatedAt = now };
}
