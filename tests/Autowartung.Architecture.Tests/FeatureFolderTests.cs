using Autowartung.Platform.Data;
using NetArchTest.Rules;

namespace Autowartung.Architecture.Tests;

/// <summary>
/// The feature folders of Autowartung.Platform are modules with a direction: each may use only the
/// folders below it, as the README's table says. <c>Data</c> (the DbContext every feature saves through,
/// which in turn knows every entity) and <c>Demo</c> (which seeds every feature) are the two hubs outside
/// the order. Dependencies are read from the compiled IL, so a type used only inside a method body counts.
/// </summary>
public sealed class FeatureFolderTests
{
    private const string Root = "Autowartung.Platform";

    private static readonly string[] Hubs = ["Data", "Demo"];

    /// <summary>What each folder may use besides itself and <c>Data</c>. Keep it in step with the README.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Geography"] = [],
        ["Audit"] = [],
        ["Notifications"] = ["Cities"],
        ["Vehicles"] = [],
        ["Storage"] = [],
        ["Catalog"] = ["Vehicles"],
        ["Cities"] = ["Audit", "Catalog", "Geography"],
        ["Pricing"] = ["Audit", "Catalog", "Vehicles", "Workshops"],
        ["Workshops"] = ["Audit", "Cities", "Geography"],
        ["Accounts"] = ["Audit", "Cities", "Notifications", "Workshops"],
        ["Scheduling"] = ["Accounts", "Cities", "Workshops"],
        ["Fleet"] = ["Accounts", "Cities", "Notifications"],
        ["Quotes"] = ["Catalog", "Cities", "Geography", "Pricing", "Scheduling", "Vehicles", "Workshops"],
        ["Bookings"] = ["Accounts", "Cities", "Fleet", "Geography", "Notifications", "Pricing", "Quotes", "Scheduling", "Workshops"],
        ["Payments"] = ["Accounts", "Bookings", "Cities", "Notifications", "Quotes", "Scheduling"],
        ["Waitlist"] = ["Cities", "Geography", "Notifications"],
        ["Expansion"] = ["Accounts", "Audit", "Bookings", "Cities", "Fleet", "Payments", "Pricing", "Scheduling", "Workshops"],
        ["Kpis"] = ["Bookings", "Cities", "Payments", "Quotes", "Scheduling"],
        ["Concierge"] = ["Accounts", "Audit", "Bookings", "Cities", "Fleet", "Geography", "Notifications", "Quotes", "Scheduling", "Storage", "Workshops"],
        ["Extensions"] = ["Accounts", "Audit", "Bookings", "Cities", "Concierge", "Notifications", "Payments", "Pricing", "Quotes", "Storage"],
        ["WorkshopOrders"] = ["Bookings", "Cities", "Concierge", "Extensions"],
    };

    private static readonly string[] Folders = Directory
        .EnumerateDirectories(Path.Combine(Autowartung.Testing.Repository.Root.FullName, "src", "Platform", "Autowartung.Platform"))
        .Select(Path.GetFileName).OfType<string>()
        .Where(name => name is not ("bin" or "obj"))
        .Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Features => new(Allowed.Keys);

    [Fact]
    public void EveryFeatureFolder_IsInTheTable()
    {
        var missing = Folders.Except(Allowed.Keys).Except(Hubs);

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Feature_UsesOnlyTheFoldersBelowIt(string feature)
    {
        var forbidden = Folders.Except(Allowed[feature]).Except(["Data", feature]).Select(f => $"{Root}.{f}").ToArray();

        var types = Types.InAssembly(typeof(PlatformDbContext).Assembly).That().ResideInNamespace($"{Root}.{feature}");

        // Asked folder by folder, so the message names what is used and not only by whom.
        var used = forbidden
            .Select(folder => (folder, result: types.ShouldNot().HaveDependencyOn(folder).GetResult()))
            .Where(check => !check.result.IsSuccessful)
            .Select(check => $"{check.folder[(Root.Length + 1)..]} (by {string.Join(", ", check.result.FailingTypeNames.Select(t => t[(Root.Length + 1)..]))})")
            .ToList();

        Assert.True(used.Count == 0, $"{feature} may use {string.Join(", ", ["Data", .. Allowed[feature]])}, but uses {string.Join("; ", used)}");
    }

    [Fact]
    public void TheTable_HasNoCycle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();

        void Visit(string feature, List<string> path)
        {
            if (done.Contains(feature)) return;
            Assert.True(visiting.Add(feature), $"Cycle: {string.Join(" → ", path.Append(feature))}");
            foreach (var below in Allowed[feature]) Visit(below, [.. path, feature]);
            visiting.Remove(feature);
            done.Add(feature);
        }

        foreach (var feature in Allowed.Keys) Visit(feature, []);
    }

    [Fact]
    public void TheTable_NamesOnlyFeatureFolders()
    {
        var unknown = Allowed.Values.SelectMany(v => v).Concat(Allowed.Keys).Distinct().Except(Folders);

        Assert.Empty(unknown);
    }
}
