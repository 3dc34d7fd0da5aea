using System.Reflection;
using System.Xml.Linq;
using Autowartung.MultiTenancy;
using Autowartung.Platform.Data;

using Autowartung.Testing;

namespace Autowartung.Architecture.Tests;

public sealed class LayeringTests
{
    private static readonly string[] WebAssemblies =
        ["Autowartung.Tenant.Web", "Autowartung.Admin.Web", "Autowartung.Identity", "Autowartung.ServiceDefaults", "Autowartung.Web"];

    public static TheoryData<string> CoreAssemblies =>
        new(typeof(PlatformDbContext).Assembly.GetName().Name!, typeof(ITenantInfo).Assembly.GetName().Name!);

    private static Assembly Load(string name) => Assembly.Load(name);

    [Theory]
    [MemberData(nameof(CoreAssemblies))]
    public void Core_ReferencesNoWebProject(string core)
    {
        var references = Load(core).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => WebAssemblies.Contains(r));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore.Razor", StringComparison.Ordinal));
    }

    [Fact]
    public void PlatformProjects_HaveNoProjectReferenceToAWebProject()
    {
        var platform = Path.Combine(Repository.Root.FullName, "src", "Platform");
        foreach (var project in new[] { "Autowartung.Platform", "Autowartung.MultiTenancy", "Autowartung.Migrator" })
        {
            var csproj = XDocument.Load(Path.Combine(platform, project, $"{project}.csproj"));
            var references = csproj.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!).ToList();

            Assert.DoesNotContain(references, r => WebAssemblies.Any(web => r.Contains(web, StringComparison.Ordinal)));
            Assert.DoesNotContain(references, r => r.Contains("Tenant.Web") || r.Contains("Admin.Web") || r.Contains("/Identity/"));
        }
    }

    /// <summary>
    /// The shared host defaults know no domain (eShop's ServiceDefaults): what knows the platform's features
    /// lives with the feature or in Autowartung.Web.
    /// </summary>
    [Fact]
    public void ServiceDefaults_ReferencesNoPlatformAssembly()
    {
        var platform = typeof(PlatformDbContext).Assembly.GetName().Name!;
        var references = Load("Autowartung.ServiceDefaults").GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var csproj = XDocument.Load(Path.Combine(Repository.Root.FullName, "src", "Platform", "Autowartung.ServiceDefaults", "Autowartung.ServiceDefaults.csproj"));
        var projects = csproj.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)).ToList();

        Assert.Contains("Autowartung.MultiTenancy", references);   // the assembly list is real: it sees the one project it may use
        Assert.DoesNotContain(platform, references);
        Assert.DoesNotContain(references, r => WebAssemblies.Contains(r) && r != "Autowartung.ServiceDefaults");
        Assert.Equal(["Autowartung.MultiTenancy"], projects);
    }

    [Fact]
    public void Sources_HaveNoHelpersOrUtilsFolders()
    {
        var dumping = Directory.EnumerateDirectories(Path.Combine(Repository.Root.FullName, "src"), "*", SearchOption.AllDirectories)
            .Where(d => !d.Contains($"{Path.DirectorySeparatorChar}bin") && !d.Contains($"{Path.DirectorySeparatorChar}obj"))
            .Select(Path.GetFileName)
            .Where(name => name is "Helpers" or "Utils" or "Utilities" or "Common" or "Misc");

        Assert.Empty(dumping);
    }

    [Theory]
    [InlineData("src/Tenant.Web/Program.cs")]
    [InlineData("src/Admin.Web/Program.cs")]
    [InlineData("src/Identity/Program.cs")]
    public void Programs_StayShort(string path)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root.FullName, path)).Count(l => !string.IsNullOrWhiteSpace(l));

        Assert.True(lines <= 25, $"{path} has {lines} lines; move wiring into AddXxx/UseXxx extensions next to the feature.");
    }
}
