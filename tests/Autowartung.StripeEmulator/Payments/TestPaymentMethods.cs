using Autowartung.StripeEmulator.Api;

namespace Autowartung.StripeEmulator.Payments;

/// <summary>
/// Stripe's test payment methods. A magic id (<c>pm_card_visa</c>) is never an object itself: using it makes a
/// fresh <c>pm_…</c> with that card's behaviour, as Stripe does in test mode.
/// </summary>
public static class TestPaymentMethods
{
    public const string Visa = "pm_card_visa";
    public const string Mastercard = "pm_card_mastercard";
    public const string Declined = "pm_card_chargeDeclined";
    public const string DeclinedInsufficientFunds = "pm_card_chargeDeclinedInsufficientFunds";
    public const string AuthenticationRequired = "pm_card_authenticationRequired";
    public const string SepaDebit = "pm_sepa_debit_DE";
    public const string SepaDebitFails = "pm_sepa_debit_DE_fail";

    public const string SucceedingIban = "DE89370400440532013000";
    public const string FailingIban = "DE62370400440532013001";

    private sealed record Card(string Brand, string Last4, string Country, TestBehavior Behavior);

    private sealed record Account(string Iban, TestBehavior Behavior);

    private static readonly Dictionary<string, Card> Cards = new(StringComparer.Ordinal)
    {
        [Visa] = new("visa", "4242", "US", TestBehavior.Succeeds),
        [Mastercard] = new("mastercard", "4444", "US", TestBehavior.Succeeds),
        [Declined] = new("visa", "0002", "US", TestBehavior.Declines),
        [DeclinedInsufficientFunds] = new("visa", "9995", "US", TestBehavior.DeclinesInsufficientFunds),
        // 4000 0027 6000 3184: every payment needs 3-D Secure, also when the card is saved.
        [AuthenticationRequired] = new("visa", "3184", "DE", TestBehavior.RequiresAuthentication),
    };

    private static readonly Dictionary<string, Account> Accounts = new(StringComparer.Ordinal)
    {
        [SepaDebit] = new(SucceedingIban, TestBehavior.DebitSettles),
        [SepaDebitFails] = new(FailingIban, TestBehavior.DebitFails),
    };

    public static bool IsMagic(string id) => Cards.ContainsKey(id) || Accounts.ContainsKey(id);

    /// <summary>A fresh payment method for a magic id, or null when the id is no magic id.</summary>
    public static PaymentMethod? Create(string magicId, long now, BillingDetails? billing = null)
    {
        if (Cards.TryGetValue(magicId, out var card))
        {
            return new PaymentMethod
            {
                Id = Ids.PaymentMethod(),
                Created = now,
                Type = PaymentMethodTypes.Card,
                BillingDetails = billing ?? new BillingDetails(),
                Card = new CardDetails
                {
                    Brand = card.Brand,
                    Country = card.Country,
                    ExpMonth = 12,
                    ExpYear = DateTimeOffset.FromUnixTimeSeconds(now).Year + 3,
                    Fingerprint = Fingerprint(magicId),
                    Last4 = card.Last4,
                },
                Behavior = card.Behavior,
            };
        }
        if (Accounts.TryGetValue(magicId, out var account))
        {
            return new PaymentMethod
            {
                Id = Ids.PaymentMethod(),
                Created = now,
                Type = PaymentMethodTypes.SepaDebit,
                BillingDetails = billing ?? new BillingDetails { Name = "Jenny Rosen" },
                SepaDebit = new SepaDebitDetails
                {
                    BankCode = account.Iban[4..12],
                    Country = account.Iban[..2],
                    Fingerprint = Fingerprint(account.Iban),
                    Last4 = account.Iban[^4..],
                },
                Behavior = account.Behavior,
            };
        }
        return null;
    }

    /// <summary>The magic id for an IBAN typed into the hosted page, or null for any other IBAN.</summary>
    public static string? ForIban(string iban)
    {
        var normalized = new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return Accounts.FirstOrDefault(a => a.Value.Iban == normalized).Key;
    }

    /// <summary>Stable per card or account, as Stripe's fingerprint is, so a test can tell two saved cards apart.</summary>
    private static string Fingerprint(string source) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..16];
}
