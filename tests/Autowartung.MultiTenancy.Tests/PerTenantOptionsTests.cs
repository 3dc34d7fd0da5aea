using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.Tests;

public sealed class PerTenantOptionsTests
{
    public sealed class GreetingOptions
    {
        public string Greeting { get; set; } = "Hallo";
    }

    private static ServiceProvider Services() =>
        new ServiceCollection()
            .AddMultiTenant<TestTenant>().Services
            .ConfigurePerTenant<GreetingOptions, TestTenant>((options, tenant) => options.Greeting = $"Hallo {tenant.Name}")
            .BuildServiceProvider();

    [Fact]
    public void Monitor_GivesEachTenantItsOwnValues()
    {
        using var services = Services();
        var tenancy = services.GetRequiredService<MultiTenantContextAccessor<TestTenant>>();
        var monitor = services.GetRequiredService<IOptionsMonitor<GreetingOptions>>();

        using (tenancy.BeginScope(TestTenant.Witten)) Assert.Equal("Hallo Witten", monitor.CurrentValue.Greeting);
        using (tenancy.BeginScope(TestTenant.Dortmund)) Assert.Equal("Hallo Dortmund", monitor.CurrentValue.Greeting);
        using (tenancy.BeginScope(TestTenant.Witten)) Assert.Equal("Hallo Witten", monitor.CurrentValue.Greeting);
    }

    [Fact]
    public void Options_WithoutTenant_AreTheDefaults()
    {
        using var services = Services();

        Assert.Equal("Hallo", services.GetRequiredService<IOptions<GreetingOptions>>().Value.Greeting);
    }

    [Fact]
    public void Options_ResolvedUnderATenant_AreThatTenants()
    {
        using var services = Services();
        var tenancy = services.GetRequiredService<MultiTenantContextAccessor<TestTenant>>();

        _ = services.GetRequiredService<IOptions<GreetingOptions>>().Value;   // a first read must not freeze the values
        using var scope = tenancy.BeginScope(TestTenant.Dortmund);

        Assert.Equal("Hallo Dortmund", services.GetRequiredService<IOptions<GreetingOptions>>().Value.Greeting);
        using var requestScope = services.CreateScope();
        Assert.Equal("Hallo Dortmund", requestScope.ServiceProvider.GetRequiredService<IOptionsSnapshot<GreetingOptions>>().Value.Greeting);
    }
}
