using Autowartung.Platform.Payments;

namespace Autowartung.Tenant.Web.Pages.Payments;

/// <summary>What a customer reads about a payment: its state, and why an attempt failed and what to do.</summary>
public static class PaymentText
{
    public static string Failure(PaymentFailureKind? kind, string? code) => (kind, code) switch
    {
        (_, "insufficient_funds") => "Die Zahlung wurde abgelehnt: Die Karte ist nicht ausreichend gedeckt. Bitte versuchen Sie eine andere Karte oder Zahlungsart.",
        (PaymentFailureKind.Declined, _) => "Ihre Bank hat die Zahlung abgelehnt. Bitte versuchen Sie eine andere Karte oder Zahlungsart.",
        (PaymentFailureKind.AuthenticationRequired, _) => "Ihre Bank möchte die Zahlung von Ihnen bestätigt haben.",
        (PaymentFailureKind.AuthenticationFailed, _) => "Die Bestätigung bei Ihrer Bank ist fehlgeschlagen. Bitte versuchen Sie es erneut oder wählen Sie eine andere Zahlungsart.",
        _ => "Die Zahlung ist nicht gelungen. Bitte versuchen Sie es erneut oder wählen Sie eine andere Zahlungsart.",
    };

    public static string Status(PaymentStatus status) => status switch
    {
        PaymentStatus.Created or PaymentStatus.Open => "Zahlung ausstehend",
        PaymentStatus.RequiresAction => "Bestätigung bei der Bank nötig",
        PaymentStatus.Processing => "Lastschrift in Bearbeitung",
        PaymentStatus.Succeeded => "Bezahlt",
        PaymentStatus.Failed => "Zahlung fehlgeschlagen",
        PaymentStatus.Canceled => "Zahlung abgebrochen",
        _ => status.ToString(),
    };
}
