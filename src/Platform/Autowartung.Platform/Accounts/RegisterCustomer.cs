using Autowartung.MultiTenancy;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Autowartung.Platform.Accounts;

/// <summary>
/// A customer creates an account with a password, for a city when they come from one. The password is
/// judged before anything else, so its errors cannot tell a new address from a known one; an address that
/// already has an account changes nothing and says so only to the caller (who emails its owner). The
/// account and its customer membership are one transaction. Audited.
/// </summary>
public sealed class RegisterCustomer(
    PlatformDbContext db, UserManager<PlatformUser> users, MultiTenantContextAccessor<CityTenantInfo> tenancy, AuditLog audit, TimeProvider clock)
{
    public sealed record Request(string Name, string Email, string Password);

    /// <param name="User">The new account, or the one the address already had.</param>
    public sealed record Registration(PlatformUser User, bool IsNew);

    public async Task<Result<Registration>> RunAsync(Request request, CityTenantInfo? city, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var candidate = new PlatformUser(request.Email, now) { DisplayName = request.Name.Trim() };
        var weaknesses = new List<string>();
        foreach (var validator in users.PasswordValidators)
            weaknesses.AddRange((await validator.ValidateAsync(users, candidate, request.Password)).Errors.Select(e => e.Description));
        if (weaknesses.Count > 0) return Result.Invalid(new Dictionary<string, string[]> { ["password"] = [.. weaknesses] });

        if (await users.FindByEmailAsync(request.Email) is { } existing) return new Registration(existing, IsNew: false);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var created = await users.CreateAsync(candidate, request.Password);
            if (!created.Succeeded)
                return Result.Invalid(new Dictionary<string, string[]> { ["email"] = [.. created.Errors.Select(e => e.Description)] });
            if (city is not null)
            {
                using var scope = tenancy.BeginScope(city);
                db.Memberships.Add(Membership.Grant(candidate.Id, MembershipRole.Customer, null, now));
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await audit.RecordAsync(AuditAction.Registered, origin, candidate.Id, cityId: city?.Id, cancellationToken: cancellationToken);
        return new Registration(candidate, IsNew: true);
    }
}
