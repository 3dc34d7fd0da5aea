using Autowartung.StripeEmulator.Api;

namespace Autowartung.StripeEmulator.Payments;

/// <summary>Currencies as Stripe takes them: three-letter ISO codes, written lowercase.</summary>
public static class Currencies
{
    /// <summary>Stripe's smallest chargeable amount is about 50 cents in most currencies.</summary>
    public const long MinimumAmount = 50;

    public static string Parse(string value, string param)
    {
        var code = value.ToLowerInvariant();
        return code.Length == 3 && code.All(char.IsAsciiLetterLower)
            ? code
            : throw StripeException.Invalid($"Invalid currency: {value}. Stripe currently supports these currencies: eur, usd, gbp, chf, …", param);
    }

    public static void CheckMinimum(long amount, string currency, string param)
    {
        if (amount < MinimumAmount)
        {
            throw StripeException.Invalid($"Amount must be at least {Pages.HostedPage.Money(MinimumAmount, currency)} {currency}", param, "amount_too_small");
        }
    }
}
