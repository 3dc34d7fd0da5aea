using System.Text.Json.Nodes;

namespace Autowartung.StripeEmulator.Setup;

public static class SetupIntentStatus
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string RequiresConfirmation = "requires_confirmation";
    public const string Succeeded = "succeeded";
    public const string Canceled = "canceled";
}

/// <summary>Stripe's <c>setup_intent</c>: saving a payment method for later payments without charging it now.</summary>
public sealed class SetupIntent : StripeObject
{
    protected override string ObjectName => "setup_intent";

    public object? Application => null;

    public object? AutomaticPaymentMethods => null;

    public string? CancellationReason => null;

    public required string ClientSecret { get; init; }

    public string? Customer { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? FlowDirections => null;

    public SetupError? LastSetupError { get; set; }

    public string? LatestAttempt => null;

    public string? Mandate => null;

    public Dictionary<string, string> Metadata { get; init; } = [];

    public object? NextAction => null;

    public object? OnBehalfOf => null;

    public string? PaymentMethod { get; set; }

    public object? PaymentMethodConfigurationDetails => null;

    public JsonObject PaymentMethodOptions => new();

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    /// <summary>What the client allowed; the emulator offers all of it (see <see cref="PaymentMethodTypes"/>).</summary>
    public IReadOnlyList<string> AllowedPaymentMethodTypes => PaymentMethodTypes;

    public IReadOnlyList<string>? ExcludedPaymentMethodTypes => null;

    public string? SingleUseMandate => null;

    public required string Status { get; set; }

    public required string Usage { get; init; }
}

/// <summary>Why saving the method failed: <c>{type, code, decline_code, message}</c>.</summary>
public sealed record SetupError(string Type, string Code, string? DeclineCode, string Message)
{
    public string DocUrl => Api.StripeException.DocUrl(Code);
}
