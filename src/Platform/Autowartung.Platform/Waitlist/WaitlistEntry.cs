using Autowartung.Platform.Geography;

namespace Autowartung.Platform.Waitlist;

/// <summary>
/// Someone who wants Autowartung at a PLZ that no public city serves yet: an email address and the PLZ,
/// nothing more. Platform data, because no city owns the PLZ. It counts as demand only once the owner
/// of the address has confirmed it (double opt-in; <see cref="CreatedAt"/> is when they consented), and
/// it is deleted, not flagged, when they ask to be removed or never confirm.
/// </summary>
public sealed class WaitlistEntry
{
    /// <summary>How long a confirmation link works. An entry still unconfirmed after that is deleted.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>A repeated sign-up sends the confirmation again at most this often, so nobody can flood an inbox with it.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(10);

    private WaitlistEntry() { }

    public Guid Id { get; private set; }

    /// <summary>Normalised (<see cref="NormalizeEmail"/>): one entry per address and PLZ, however it was typed.</summary>
    public string Email { get; private set; } = "";

    public string PostalCode { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the latest confirmation email went out; its link expires <see cref="ConfirmationLifetime"/> later.</summary>
    public DateTimeOffset ConfirmationSentAt { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public bool IsConfirmed => ConfirmedAt is not null;

    /// <summary>A new, unconfirmed entry whose confirmation email is sent now.</summary>
    public static WaitlistEntry Create(string email, PostalCode postalCode, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Email = NormalizeEmail(email),
        PostalCode = postalCode.Value,
        CreatedAt = now,
        ConfirmationSentAt = now,
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Whether a repeated sign-up sends the confirmation again: not for a confirmed entry, and not twice
    /// within <see cref="ResendInterval"/>. Records the sending when it does.
    /// </summary>
    public bool TryResendConfirmation(DateTimeOffset now)
    {
        if (IsConfirmed || now - ConfirmationSentAt < ResendInterval) return false;
        ConfirmationSentAt = now;
        return true;
    }

    /// <summary>Confirms the address; confirming again keeps the first time.</summary>
    public void Confirm(DateTimeOffset now) => ConfirmedAt ??= now;
}
