using Microsoft.AspNetCore.Identity;

namespace Autowartung.Platform.Accounts;

/// <summary>
/// A person who signs in: customer, jockey, workshop staff or platform admin, in any number of cities.
/// Platform-wide; what the person may do in a city is their <see cref="Membership"/> there.
/// </summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public PlatformUser() => Id = Guid.CreateVersion7();

    public PlatformUser(string email, DateTimeOffset now) : this()
    {
        Email = email.Trim();
        UserName = Email;
        CreatedAt = now;
    }

    public string? DisplayName { get; set; }

    /// <summary>Holds the global PlatformAdmin role: every city, the admin app.</summary>
    public bool IsPlatformAdmin { get; set; }

    /// <summary>A disabled user cannot sign in, and existing sessions and tokens stop working within a minute.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
