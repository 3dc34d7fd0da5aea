namespace Autowartung.Platform.Accounts;

/// <summary>
/// Told right after a change that may keep a jockey from their tasks has committed: a shift removed, the
/// city's jockey role revoked. Accounts and Scheduling own the moment; Concierge, which uses them, owns the
/// tasks and finds other jockeys at once. Runs in the city's tenant scope.
/// </summary>
public interface IJockeyAvailability
{
    Task ChangedAsync(Guid jockeyUserId, CancellationToken cancellationToken);
}
