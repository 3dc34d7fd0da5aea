namespace Autowartung.Platform.Waitlist;

/// <summary>
/// The links in a waitlist email, each carrying a protected reference to the entry that nobody can
/// guess or alter. Made by the web apps, which own the pages and the key ring.
/// </summary>
public interface IWaitlistLinks
{
    /// <summary>Confirms the entry; works for <see cref="WaitlistEntry.ConfirmationLifetime"/>.</summary>
    Uri Confirm(Guid entryId);

    /// <summary>Deletes the entry; works as long as the entry exists.</summary>
    Uri Remove(Guid entryId);
}
