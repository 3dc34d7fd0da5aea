using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autowartung.Platform.Payments.Stripe;

// The parts of Stripe's objects we read (API version StripeOptions.ApiVersion). Field names follow
// Stripe's snake_case through the serializer options; anything we don't read is ignored.

public sealed record StripeCustomer(string Id, string? Email);

public sealed record StripeCheckoutSession(
    string Id,
    string Status,
    string PaymentStatus,
    string? Url,
    long? AmountTotal,
    string? Currency,
    string? Customer,
    [property: JsonConverter(typeof(StripeExpandableConverter<StripePaymentIntent>))] StripeExpandable<StripePaymentIntent>? PaymentIntent,
    long ExpiresAt,
    Dictionary<string, string>? Metadata);

public sealed record StripePaymentIntent(
    string Id,
    string Status,
    long Amount,
    long AmountReceived,
    string Currency,
    string? Customer,
    [property: JsonConverter(typeof(StripeExpandableConverter<StripePaymentMethod>))] StripeExpandable<StripePaymentMethod>? PaymentMethod,
    string? LatestCharge,
    StripeNextAction? NextAction,
    StripeError? LastPaymentError,
    IReadOnlyList<string>? PaymentMethodTypes,
    Dictionary<string, string>? Metadata);

public sealed record StripeNextAction(string Type, StripeRedirect? RedirectToUrl);

public sealed record StripeRedirect(string? Url, string? ReturnUrl);

public sealed record StripePaymentMethod(string Id, string Type, StripeCard? Card, StripeSepaDebit? SepaDebit);

public sealed record StripeCard(string? Brand, string? Last4);

public sealed record StripeSepaDebit(string? Last4);

public sealed record StripeRefund(string Id, string Status, long Amount, string? PaymentIntent, string? Charge, string? FailureReason, Dictionary<string, string>? Metadata);

public sealed record StripeEventData(JsonElement Object);

public sealed record StripeEvent(string Id, string Type, long Created, StripeEventData Data);

/// <summary>Stripe's error body: <c>{ "error": { type, code, decline_code, message, param, payment_intent } }</c>.</summary>
public sealed record StripeError(string? Type, string? Code, string? DeclineCode, string? Message, string? Param, StripePaymentIntent? PaymentIntent);

public sealed record StripeErrorBody(StripeError Error);

/// <summary>A field Stripe sends as an id, or as the whole object when it was expanded.</summary>
public sealed record StripeExpandable<T>(string Id, T? Object) where T : class;

public sealed class StripeExpandableConverter<T> : JsonConverter<StripeExpandable<T>> where T : class
{
    public override StripeExpandable<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new StripeExpandable<T>(reader.GetString()!, null);
            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    var id = document.RootElement.GetProperty("id").GetString()!;
                    return new StripeExpandable<T>(id, document.RootElement.Deserialize<T>(options));
                }
        }
    }

    public override void Write(Utf8JsonWriter writer, StripeExpandable<T> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Id);
}
