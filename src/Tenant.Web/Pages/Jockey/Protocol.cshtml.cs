using System.Text.Json;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Autowartung.Tenant.Web.Pages.Jockey;

/// <summary>
/// The handover (pickup) or return protocol, step by step on the jockey's phone: photos, readings, damages on
/// the car's outline, the customer's signature. The page's script keeps the draft on the phone and sends it
/// through the API (<c>/api/v1/bookings/{id}/protocols/…</c>) once there is a connection.
/// </summary>
public sealed class ProtocolModel(RecordProtocol record) : PageModel
{
    public Booking Booking { get; private set; } = null!;

    public bool IsPickup { get; private set; }

    /// <summary>Why there is nothing to record now (done already, the car at another step); null when the protocol is due.</summary>
    public string? NotDue { get; private set; }

    public int? LastKnownKm { get; private set; }

    /// <summary>The replacement car to hand out or take back with this protocol; null when none goes along.</summary>
    public RecordProtocol.CarDue? ReplacementCar { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bookingId, string kind, CancellationToken cancellationToken)
    {
        IsPickup = kind == "abholung";
        var due = await record.DueAsync(bookingId, IsPickup ? ProtocolKind.Pickup : ProtocolKind.Return, HttpContext.Caller()!, cancellationToken);
        if (due is null) return NotFound();
        (Booking, NotDue, LastKnownKm, ReplacementCar) = (due.Booking, due.NotDue, due.LastKnownKm, due.ReplacementCar);
        return Page();
    }

    /// <summary>What the script says, in the page's language.</summary>
    public string ScriptText(IStringLocalizer text) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["sent"] = text["gesendet"],
        ["waiting"] = text["wartet auf Verbindung"],
        ["photosWaiting"] = text["{0} Foto(s) noch nicht gesendet"],
        ["protocolWaiting"] = text["Protokoll wird gesendet, sobald die Verbindung da ist"],
        ["nothingWaiting"] = text["Alles gesendet."],
        ["photoRefused"] = text["Foto abgelehnt"],
        ["missingPhotos"] = text["Es fehlen Fotos"],
        ["missingSignature"] = text["Bitte unterschreiben lassen."],
    });
}
