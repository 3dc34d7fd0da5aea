using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Data;
using Autowartung.Platform.Fleet;
using Autowartung.Platform.Geography;
using Autowartung.Platform.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Bookings;

/// <summary>
/// Books a quote into a slot and holds the place while payment is pending. The database decides who
/// gets a place: each counter (slot, jockeys, the pilot's daily cap, and the fleet's days when a
/// replacement car goes along) is raised by one conditional UPDATE in one transaction, so k places give exactly k bookings however many requests race, on
/// however many app instances. Idempotent per <c>Idempotency-Key</c>. Runs in the city's tenant scope.
/// </summary>
public sealed partial class CreateBooking(
    PlatformDbContext db, FindSlots findSlots, SlotPlaces places, CarLoans carLoans, UserManager<PlatformUser> users, TimeProvider clock)
{
    public sealed record ContactInput(string? Name, string? Email, string? Phone);

    public sealed record AddressInput(string? Street, string? PostalCode, string? City);

    /// <param name="ReturnFrom">From when the customer would like the car back, in the city's local time; by default the pickup day from 16:00.</param>
    /// <param name="ReplacementCar">A car of the city's fleet for the days from the pickup to the wished return, included in the price.</param>
    /// <param name="Language">The customer's language, <c>de</c> (the default) or <c>en</c>: their protocols and emails are written in it.</param>
    public sealed record Request(
        Guid? QuoteId, string? SlotId, ContactInput? Customer, AddressInput? Address, string? LicensePlate, DateTime? ReturnFrom = null, bool? ReplacementCar = null,
        string? Language = null);

    /// <summary>When a car comes back unless the customer says otherwise: the afternoon of its pickup day.</summary>
    public static readonly TimeOnly DefaultReturnFrom = new(16, 0);

    /// <summary>A car can be wished back at most this long after its pickup.</summary>
    public const int MaxReturnDays = 14;

    public const string SlotTaken = "Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie einen anderen.";

    public const string NoCarFree = "Für diese Tage ist leider kein Ersatzwagen mehr frei. Bitte buchen Sie ohne Ersatzwagen oder mit einer früheren Rückgabe.";

    public TimeSpan Hold { get; init; } = Booking.DefaultHold;

    /// <param name="signedInCustomer">The signed-in person booking, if any; else the address decides whose account it is.</param>
    /// <returns>
    /// The held booking (the earlier one for a key seen before with the same body); not found naming the
    /// quote or slot; invalid naming each field (a key reused for another body among them); a conflict
    /// when the place is gone.
    /// </returns>
    public async Task<Result<Booking>> RunAsync(Request request, string idempotencyKey, Guid? signedInCustomer, CancellationToken cancellationToken = default)
    {
        var errors = Validate(request, idempotencyKey);
        if (errors.Count > 0) return Result.Invalid(errors);

        var hash = BodyHash(request);
        if (await ReplayAsync(idempotencyKey, hash, cancellationToken) is { } replay) return replay;

        var now = clock.GetUtcNow();
        var quote = await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == request.QuoteId, cancellationToken);
        if (quote is null) return Result.NotFound("Dieses Angebot gibt es hier nicht.");
        if (!quote.IsValidAt(now)) return Result.Invalid("quoteId", "Das Angebot ist abgelaufen. Bitte lassen Sie sich einen neuen Preis berechnen.");
        if (request.Address!.PostalCode!.Trim() != quote.PostalCode)
            return Result.Invalid("address.postalCode", "Die Postleitzahl muss die des Angebots sein; für eine andere bitte neu berechnen.");

        SlotId.TryParse(request.SlotId, out var windowId, out var date);
        var window = await db.PickupWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, cancellationToken);
        if (window is null) return Result.NotFound("Diesen Termin gibt es hier nicht.");
        if (window.WorkshopId != quote.WorkshopId) return Result.Invalid("slotId", "Dieser Termin gehört zu einer anderen Werkstatt als das Angebot.");
        var slot = (await findSlots.RunAsync(quote.WorkshopId, cancellationToken)).SingleOrDefault(s => s.Id == request.SlotId);
        if (slot is null) return Result.Conflict(SlotTaken);

        var zone = ((Cities.CityTenantInfo)db.TenantInfo!).TimeZone;
        var returnFrom = request.ReturnFrom is { } wished
            ? SlotCalendar.ToUtc(DateOnly.FromDateTime(wished), TimeOnly.FromDateTime(wished), zone)
            : SlotCalendar.ToUtc(date, DefaultReturnFrom, zone);
        if (request.ReturnFrom is not null && (returnFrom < slot.EndUtc || returnFrom > slot.EndUtc.AddDays(MaxReturnDays)))
            return Result.Invalid("returnFrom", $"Die Rückgabe kann frühestens nach der Abholung und höchstens {MaxReturnDays} Tage später sein.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await places.TakeAsync(window, date, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return Result.Conflict(SlotTaken);
        }

        var customerId = signedInCustomer ?? await CustomerForAsync(request.Customer!, cancellationToken);
        if (!await db.Memberships.AnyAsync(m => m.UserId == customerId && m.Role == MembershipRole.Customer, cancellationToken))
            db.Memberships.Add(Membership.Grant(customerId, MembershipRole.Customer, null, now));

        var contact = new BookingContact(request.Customer!.Name!.Trim(), request.Customer.Email!.Trim(), request.Customer.Phone!.Trim());
        var address = new Address(request.Address.Street!.Trim(), quote.PostalCode, request.Address.City!.Trim());
        var slotTime = new SlotTime(window.Id, window.WorkshopId, date, window.Start, window.End, slot.StartUtc, slot.EndUtc);
        var onboarding = await db.Cities.AnyAsync(c => c.Id == db.CurrentTenantId && c.Status == Cities.CityStatus.Onboarding, cancellationToken);
        var booking = Booking.Hold(quote, slotTime, customerId, contact, address, NormalizePlate(request.LicensePlate!), now, Hold, returnFrom, isTest: onboarding,
            language: request.Language ?? Booking.German);
        db.Bookings.Add(booking);
        if (request.ReplacementCar == true
            && !await carLoans.ReserveAsync(booking.Id, date, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(booking.ReturnFromUtc, zone).DateTime), cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Result.Conflict(NoCarFree);
        }
        await db.SaveChangesAsync(cancellationToken);

        var recorded = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO booking_requests (tenant_id, key, body_hash, booking_id, created_at) VALUES ({db.CurrentTenantId}, {idempotencyKey}, {hash}, {booking.Id}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (recorded == 0)
        {
            // The same key won a race a moment ago: undo everything and answer as that request did.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await ReplayAsync(idempotencyKey, hash, cancellationToken) ?? Result.Conflict(SlotTaken);
        }
        await transaction.CommitAsync(cancellationToken);
        return booking;
    }

    /// <summary>The account of the address: an existing one, or a light one without password (sign in later by email link).</summary>
    private async Task<Guid> CustomerForAsync(ContactInput contact, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(contact.Email!.Trim()) is { } existing) return existing.Id;
        var user = new PlatformUser(contact.Email.Trim(), clock.GetUtcNow()) { DisplayName = contact.Name!.Trim(), PhoneNumber = contact.Phone!.Trim() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>The answer given to the key before, or null for a key not seen yet.</summary>
    private async Task<Result<Booking>?> ReplayAsync(string key, string hash, CancellationToken cancellationToken)
    {
        var earlier = await db.BookingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (earlier is null) return null;
        if (earlier.BodyHash != hash) return Result.Invalid("Idempotency-Key", "Dieser Schlüssel wurde schon für eine andere Buchung verwendet.");
        return await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == earlier.BookingId, cancellationToken);
    }

    private static Dictionary<string, string[]> Validate(Request request, string idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(bool ok, string field, string message) { if (!ok) errors[field] = [message]; }

        Require(idempotencyKey is { Length: >= 8 and <= 100 } && idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'),
            "Idempotency-Key", "Bitte einen Idempotency-Key (8 bis 100 Zeichen: Buchstaben, Ziffern, - und _) mitschicken.");
        Require(request.QuoteId is not null, "quoteId", "Bitte das Angebot angeben.");
        Require(SlotId.TryParse(request.SlotId, out _, out _), "slotId", "Bitte einen Termin aus der Liste wählen.");
        Require(request.Customer?.Name is { Length: >= 2 and <= 120 }, "customer.name", "Bitte Ihren Namen angeben.");
        Require(request.Customer?.Email is { Length: <= 256 } email && new EmailAddressAttribute().IsValid(email), "customer.email", "Bitte eine gültige E-Mail-Adresse angeben.");
        Require(request.Customer?.Phone is { } phone && Phone().IsMatch(phone.Trim()), "customer.phone", "Bitte eine Telefonnummer angeben, unter der der Fahrer Sie erreicht.");
        Require(request.Address?.Street is { Length: >= 3 and <= 120 }, "address.street", "Bitte Straße und Hausnummer angeben.");
        Require(PostalCode.TryParse(request.Address?.PostalCode, out _), "address.postalCode", "Die Postleitzahl hat fünf Ziffern.");
        Require(request.Address?.City is { Length: >= 2 and <= 80 }, "address.city", "Bitte den Ort angeben.");
        Require(request.LicensePlate is { } plate && Plate().IsMatch(plate.Trim().ToUpperInvariant()), "licensePlate", "Bitte das Kennzeichen angeben, z. B. EN-AB 123.");
        Require(request.Language is null || Booking.Languages.Contains(request.Language), "language", "Bitte de oder en angeben.");
        return errors;
    }

    /// <summary>German plates: district (1–3 letters), letters (1–2), number (1–4 digits), E or H at the end for electric or historic cars.</summary>
    private static string NormalizePlate(string plate)
    {
        var match = Plate().Match(plate.Trim().ToUpperInvariant());
        return $"{match.Groups[1].Value}-{match.Groups[2].Value} {match.Groups[3].Value}{match.Groups[4].Value}";
    }

    private static string BodyHash(Request request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));

    [GeneratedRegex(@"^([A-ZÄÖÜ]{1,3})[- ]?([A-Z]{1,2})[- ]?([1-9][0-9]{0,3})([EH]?)$")]
    private static partial Regex Plate();

    [GeneratedRegex(@"^\+?[0-9 ()/-]{6,30}$")]
    private static partial Regex Phone();
}
