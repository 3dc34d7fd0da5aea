using Autowartung.Platform.Accounts;

namespace Autowartung.Platform.Concierge;

/// <summary>Gives the open tasks of a jockey who can no longer do them to other jockeys, at once.</summary>
public sealed class JockeyAvailability(AssignJockeys assign) : IJockeyAvailability
{
    public Task ChangedAsync(Guid jockeyUserId, CancellationToken cancellationToken) => assign.ReassignAsync(jockeyUserId, cancellationToken);
}
