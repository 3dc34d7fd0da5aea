using System.Text.Json.Nodes;

namespace Autowartung.StripeEmulator.Api;

/// <summary>
/// An error answered in Stripe's shape: <c>{"error":{type, code, message, param, …}}</c> with Stripe's status.
/// </summary>
public sealed class StripeException : Exception
{
    private StripeException(int status, string type, string message) : base(message)
    {
        Status = status;
        Type = type;
    }

    public int Status { get; }
    public string Type { get; }
    public string? Code { get; private init; }
    public string? Param { get; private init; }
    public string? DeclineCode { get; private init; }
    public string? Charge { get; private init; }
    public JsonObject? PaymentIntent { get; private init; }
    public JsonObject? PaymentMethod { get; private init; }

    /// <summary>
    /// Raised while checking the parameters, before the endpoint began executing. Stripe saves no idempotent
    /// result for those, so a corrected retry with the same key runs.
    /// </summary>
    public bool BeforeExecution { get; private init; }

    public static string DocUrl(string code) => $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";

    public JsonObject ToBody()
    {
        // Stripe writes the error's fields in alphabetical order and leaves out those that do not apply.
        var error = new JsonObject();
        if (Charge is not null) error["charge"] = Charge;
        if (Code is not null) error["code"] = Code;
        if (DeclineCode is not null) error["decline_code"] = DeclineCode;
        if (Code is not null) error["doc_url"] = DocUrl(Code);
        error["message"] = Message;
        if (Param is not null) error["param"] = Param;
        if (PaymentIntent is not null) error["payment_intent"] = PaymentIntent.DeepClone();
        if (PaymentMethod is not null) error["payment_method"] = PaymentMethod.DeepClone();
        error["type"] = Type;
        return new JsonObject { ["error"] = error };
    }

    // Parameter validation (nothing executed yet).

    public static StripeException ParameterUnknown(string param) =>
        Invalid($"Received unknown parameter: {param}", param, "parameter_unknown");

    public static StripeException ParameterMissing(string param) =>
        Invalid($"Missing required param: {param}.", param, "parameter_missing");

    public static StripeException ParameterEmpty(string param) =>
        Invalid($"You passed an empty string for '{param}'. We assume empty values are an attempt to unset a parameter; " +
                $"however '{param}' cannot be unset. You should remove '{param}' from your request or supply a non-empty value.",
            param, "parameter_invalid_empty");

    public static StripeException InvalidInteger(string param, string value) =>
        Invalid($"Invalid integer: {value}", param, "parameter_invalid_integer");

    public static StripeException InvalidEnum(string param, IReadOnlyList<string> allowed) =>
        Invalid($"Invalid {param}: must be one of {OneOf(allowed)}", param);

    public static StripeException ParametersExclusive(params string[] names) =>
        Invalid($"You may only specify one of these parameters: {string.Join(", ", names)}.", names[0], "parameters_exclusive");

    /// <summary>Any other refusal of the parameters as sent.</summary>
    public static StripeException Invalid(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", message) { Param = param, Code = code, BeforeExecution = true };

    // Refusals while executing: saved for idempotent replay like any other result.

    public static StripeException InvalidRequest(string message, string? param = null, string? code = null,
        JsonObject? paymentIntent = null) =>
        new(400, "invalid_request_error", message) { Param = param, Code = code, PaymentIntent = paymentIntent };

    /// <summary>
    /// No object with that id: <c>No such payment_intent: 'pi_…'</c>. Stripe answers 404 for the object in the
    /// path, and 400 for one a parameter names (<c>customer=cus_…</c>), a refusal of the parameters for which it
    /// saves no idempotent result.
    /// </summary>
    public static StripeException ResourceMissing(string kind, string id, string param = "id") =>
        new(param == "id" ? 404 : 400, "invalid_request_error", $"No such {kind}: '{id}'")
        {
            Param = param,
            Code = "resource_missing",
            BeforeExecution = param != "id",
        };

    public static StripeException CardError(string message, string code, string declineCode, string? charge,
        JsonObject paymentIntent, JsonObject paymentMethod) =>
        new(402, "card_error", message)
        {
            Code = code,
            DeclineCode = declineCode,
            Charge = charge,
            PaymentIntent = paymentIntent,
            PaymentMethod = paymentMethod,
        };

    public static StripeException UnexpectedState(string message, JsonObject paymentIntent) =>
        new(400, "invalid_request_error", message) { Code = "payment_intent_unexpected_state", PaymentIntent = paymentIntent };

    // Answers of the API layer itself.

    public static StripeException NoApiKey() =>
        new(401, "invalid_request_error",
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
            "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, " +
            "or we can help at https://support.stripe.com/.");

    public static StripeException InvalidApiKey(string key) =>
        new(401, "invalid_request_error", $"Invalid API Key provided: {Mask(key)}");

    public static StripeException UnsupportedApiVersion(string version) =>
        new(400, "invalid_request_error",
            $"The Stripe emulator answers in API version {EmulatorOptions.ApiVersion} only (the one Stripe.net pins), not {version}.");

    public static StripeException UnrecognizedUrl(string method, string path) =>
        new(404, "invalid_request_error",
            $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");

    public static StripeException IdempotencyMismatch(string key) =>
        new(400, "idempotency_error",
            "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
            $"Try using a key other than '{key}' if you meant to execute a different request.");

    public static StripeException IdempotencyKeyInUse() =>
        new(409, "idempotency_error",
            "The idempotency key provided is currently being used in another request. " +
            "This occurs if your integration is making duplicate requests simultaneously.")
        { Code = "idempotency_key_in_use" };

    public static StripeException RateLimited() =>
        new(429, "rate_limit_error",
            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.")
        { Code = "rate_limit" };

    public static StripeException ApiError(int status = 500) =>
        new(status, "api_error", "An unknown error occurred. Please try again later or contact support at https://support.stripe.com/.");

    private static string OneOf(IReadOnlyList<string> values) => values.Count switch
    {
        1 => values[0],
        2 => $"{values[0]} or {values[1]}",
        _ => $"{string.Join(", ", values.Take(values.Count - 1))}, or {values[^1]}",
    };

    private static string Mask(string key) =>
        key.Length <= 12 ? key : $"{key[..8]}{new string('*', key.Length - 12)}{key[^4..]}";
}
