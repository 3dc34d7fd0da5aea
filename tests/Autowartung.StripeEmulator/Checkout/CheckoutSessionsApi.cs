using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Customers;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Checkout;

/// <summary>The Checkout Sessions API in <c>payment</c> mode: create, retrieve, expire.</summary>
public static class CheckoutSessionsApi
{
    private static readonly ParamSchema CreateParams = new(
        "mode", "customer", "customer_email", "client_reference_id",
        "line_items[#][price_data][currency]", "line_items[#][price_data][unit_amount]",
        "line_items[#][price_data][product_data][name]", "line_items[#][quantity]",
        "allowed_payment_method_types[#]", "payment_intent_data[setup_future_usage]", "payment_intent_data[metadata][*]",
        "payment_intent_data[description]", "metadata[*]", "success_url", "cancel_url", "expires_at", "locale");
    private static readonly ParamSchema RetrieveParams = new();
    private static readonly ParamSchema ExpireParams = new();

    private static readonly TimeSpan ShortestLife = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan LongestLife = TimeSpan.FromHours(24);

    /// <summary>Allowance for the client's clock and the request's way here when it computes "now + 30 minutes".</summary>
    private static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(10);

    private static readonly string[] Locales =
    [
        "auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id",
        "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr",
        "vi", "zh", "zh-HK", "zh-TW",
    ];

    public static void MapCheckoutSessionsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("POST", "/checkout/sessions", CreateParams, Create);
        v1.MapApi("GET", "/checkout/sessions/{id}", RetrieveParams, call => call.Account.Get<CheckoutSession>(call.Id, "checkout.session"));
        v1.MapApi("POST", "/checkout/sessions/{id}/expire", ExpireParams, Expire);
    }

    private static CheckoutSession Create(ApiCall call)
    {
        var p = call.Params;
        var mode = p.Enum("mode", "payment", "setup", "subscription") ?? throw StripeException.ParameterMissing("mode");
        if (mode != "payment")
        {
            throw StripeException.Invalid($"The Stripe emulator supports only mode=payment, not mode={mode}.", "mode");
        }
        var customerId = p.String("customer");
        var customerEmail = p.String("customer_email");
        if (customerId is not null && customerEmail is not null)
        {
            throw StripeException.ParametersExclusive("customer", "customer_email");
        }
        var successUrl = Url(p.RequiredString("success_url"), "success_url");
        var cancelUrl = p.String("cancel_url") is { } cancel ? Url(cancel, "cancel_url") : null;
        var (currency, items) = LineItems(p);
        var total = items.Sum(item => item.Total);
        Currencies.CheckMinimum(total, currency, "line_items");
        var types = PaymentIntentsApi.ReadPaymentMethodTypes(p);
        if (types.Contains(PaymentMethodTypes.SepaDebit) && currency != "eur")
        {
            throw StripeException.Invalid($"The payment method type sepa_debit cannot be used with currency {currency}.", "allowed_payment_method_types");
        }
        var intentData = p.Hash("payment_intent_data");
        var data = new PaymentIntentData(
            intentData?.Enum("setup_future_usage", "off_session", "on_session"),
            intentData?.String("description"),
            intentData?.Metadata("metadata") ?? []);
        var locale = p.Enum("locale", Locales);
        var now = call.Account.Now;
        var expiresAt = ExpiresAt(p, now);
        var clientReference = p.String("client_reference_id");
        if (clientReference is { Length: > 200 })
        {
            throw StripeException.Invalid("client_reference_id must be at most 200 characters.", "client_reference_id");
        }
        var metadata = p.Metadata("metadata");

        var customer = customerId is null ? null : call.Account.Get<Customer>(customerId, "customer", "customer");
        var id = Ids.CheckoutSession();
        return call.Account.Add(new CheckoutSession
        {
            Id = id,
            Created = now.ToUnixTimeSeconds(),
            AmountSubtotal = total,
            AmountTotal = total,
            CancelUrl = cancelUrl,
            ClientReferenceId = clientReference,
            Currency = currency,
            Customer = customer?.Id,
            CustomerEmail = customerEmail,
            ExpiresAt = expiresAt,
            Locale = locale,
            Metadata = metadata,
            PaymentMethodTypes = types.Count > 0 ? types : [PaymentMethodTypes.Card],
            SuccessUrl = successUrl,
            HostedUrl = $"{call.Account.Options.PublicBase}/c/pay/{id}",
            LineItems = items,
            PaymentIntentData = data,
        });
    }

    private static CheckoutSession Expire(ApiCall call)
    {
        var session = call.Account.Get<CheckoutSession>(call.Id, "checkout.session");
        if (session.Status != CheckoutSessionStatus.Open)
        {
            throw StripeException.InvalidRequest(
                $"Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of \"{session.Status}\".");
        }
        call.Service<CheckoutFlow>().Expire(session);
        return session;
    }

    private static (string Currency, IReadOnlyList<LineItem> Items) LineItems(Params p)
    {
        var entries = p.Array("line_items");
        if (entries.Count == 0)
        {
            throw StripeException.ParameterMissing("line_items");
        }
        string? currency = null;
        var items = new List<LineItem>();
        foreach (var entry in entries)
        {
            var price = entry.RequiredHash("price_data");
            var itemCurrency = Currencies.Parse(price.RequiredString("currency"), $"{price.Path}[currency]");
            if (currency is not null && itemCurrency != currency)
            {
                throw StripeException.Invalid("All line items must use the same currency.", $"{price.Path}[currency]");
            }
            currency = itemCurrency;
            var unitAmount = price.RequiredInteger("unit_amount");
            if (unitAmount < 0)
            {
                throw StripeException.Invalid("This value must be greater than or equal to 0.", $"{price.Path}[unit_amount]");
            }
            var name = price.RequiredHash("product_data").RequiredString("name");
            var quantity = entry.RequiredInteger("quantity");
            if (quantity < 1)
            {
                throw StripeException.Invalid("This value must be greater than or equal to 1.", $"{entry.Path}[quantity]");
            }
            items.Add(new LineItem(name, unitAmount, quantity));
        }
        return (currency!, items);
    }

    private static long ExpiresAt(Params p, DateTimeOffset now)
    {
        if (p.Integer("expires_at") is not { } requested)
        {
            return (now + LongestLife).ToUnixTimeSeconds();
        }
        var at = DateTimeOffset.FromUnixTimeSeconds(requested);
        if (at < now + ShortestLife - ClockAllowance)
        {
            throw StripeException.Invalid("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", "expires_at");
        }
        if (at > now + LongestLife + ClockAllowance)
        {
            throw StripeException.Invalid("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", "expires_at");
        }
        return requested;
    }

    private static string Url(string value, string param) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw StripeException.Invalid("Not a valid URL", param, "url_invalid");
}
