using System.Text.Json;

namespace Autowartung.Testing;

/// <summary>The demo logins `./dev.sh up` seeds and writes to <c>.dev/demo-users.json</c>.</summary>
public static class DemoUsers
{
    public sealed record Login(string Role, string? City, string Email, string Password, string? TotpSecret);

    private static readonly Lazy<IReadOnlyList<Login>> All = new(() =>
    {
        var file = Environment.GetEnvironmentVariable("AUTOWARTUNG_DEMO_USERS")
            ?? Path.Combine(Repository.Root.FullName, ".dev", "demo-users.json");
        return JsonSerializer.Deserialize<List<Login>>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    });

    public static Login Customer => Get("Customer");

    public static Login Jockey => Get("Jockey");

    public static Login WorkshopStaff => Get("WorkshopStaff");

    public static Login PlatformAdmin => Get("PlatformAdmin");

    private static Login Get(string role) => All.Value.Single(u => u.Role == role);
}
