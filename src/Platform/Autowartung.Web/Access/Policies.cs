using Autowartung.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Autowartung.Web.Access;

/// <summary>The authorization policies of every app, decided from the person's current access, never from old claims.</summary>
public static class Policies
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string Customer = nameof(Customer);
    public const string Jockey = nameof(Jockey);
    public const string WorkshopStaff = nameof(WorkshopStaff);

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new PlatformAdminRequirement()));
        options.AddPolicy(Customer, p => p.RequireAuthenticatedUser().AddRequirements(new CityRoleRequirement(MembershipRole.Customer)));
        options.AddPolicy(Jockey, p => p.RequireAuthenticatedUser().AddRequirements(new CityRoleRequirement(MembershipRole.Jockey)));
        options.AddPolicy(WorkshopStaff, p => p.RequireAuthenticatedUser().AddRequirements(new CityRoleRequirement(MembershipRole.WorkshopStaff)));
    }
}

/// <summary>The person holds the role in the city of the request.</summary>
public sealed record CityRoleRequirement(MembershipRole Role) : IAuthorizationRequirement;

/// <summary>The person is a platform admin and signed in with a second factor.</summary>
public sealed record PlatformAdminRequirement : IAuthorizationRequirement;

internal sealed class AccessRequirementsHandler(IHttpContextAccessor http) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var access = http.HttpContext?.Features.Get<UserAccess>();
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                CityRoleRequirement city => access is { CityId: not null } && access.Has(city.Role),
                PlatformAdminRequirement => access is { IsPlatformAdmin: true } && context.User.HasClaim("amr", "mfa"),
                _ => (bool?)null,
            };
            if (met == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
