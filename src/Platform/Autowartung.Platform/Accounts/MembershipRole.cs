namespace Autowartung.Platform.Accounts;

/// <summary>What a person is in one city.</summary>
public enum MembershipRole
{
    Customer,
    Jockey,
    WorkshopStaff,
}

public static class MembershipRoles
{
    /// <summary>Roles whose holders must sign in with a second factor.</summary>
    public static bool RequiresTwoFactor(this MembershipRole role) => role is MembershipRole.WorkshopStaff;

    public static string Label(this MembershipRole role) => role switch
    {
        MembershipRole.Customer => "Kunde",
        MembershipRole.Jockey => "Fahrer",
        MembershipRole.WorkshopStaff => "Werkstatt",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
