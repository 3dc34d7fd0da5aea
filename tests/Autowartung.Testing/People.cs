using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Testing;

/// <summary>Creates people the way the platform does, through Identity's user manager.</summary>
public static class People
{
    public const string Password = "Test-Passwort-2026";

    public static async Task<PlatformUser> AddPersonAsync(
        this TestDatabase database, string email, bool platformAdmin = false, string? totpSecret = null, bool confirmed = true)
    {
        await using var services = database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = new PlatformUser(email, DateTimeOffset.UtcNow) { EmailConfirmed = confirmed, IsPlatformAdmin = platformAdmin, TwoFactorEnabled = totpSecret is not null };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        if (totpSecret is not null)
        {
            var store = (IUserAuthenticatorKeyStore<PlatformUser>)scope.ServiceProvider.GetRequiredService<IUserStore<PlatformUser>>();
            await store.SetAuthenticatorKeyAsync(user, totpSecret, CancellationToken.None);
            await users.UpdateAsync(user);
        }
        return user;
    }

    public static async Task GrantAsync(this TestDatabase database, CityTenantInfo city, PlatformUser user, MembershipRole role, string? workshop = null)
    {
        await using var db = database.CreateContext();
        using var scope = database.Tenancy.BeginScope(city);
        var workshopId = workshop is null ? (Guid?)null : await db.PartnerWorkshops.Where(w => w.Name == workshop).Select(w => w.Id).SingleAsync();
        db.Memberships.Add(Membership.Grant(user.Id, role, workshopId, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>Re-reads a person, e.g. for a security stamp that changed.</summary>
    public static async Task<PlatformUser> ReloadAsync(this TestDatabase database, PlatformUser user)
    {
        await using var db = database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);
    }
}

public static class TenantQueries
{
    /// <summary>Rows of one city from outside any tenant scope, for test set-up.</summary>
    public static IQueryable<TEntity> AcrossTenantsFor<TEntity>(this IQueryable<TEntity> query, Guid cityId) where TEntity : class =>
        Autowartung.MultiTenancy.EntityFrameworkCore.QueryableExtensions.AcrossTenants(query)
            .Where(e => Microsoft.EntityFrameworkCore.EF.Property<Guid>(e, Autowartung.MultiTenancy.EntityFrameworkCore.MultiTenantModel.TenantIdProperty) == cityId);
}
