namespace Autowartung.MultiTenancy.Tests;

public sealed class TenantScopeTests
{
    private readonly MultiTenantContextAccessor<TestTenant> _tenancy = new();

    [Fact]
    public void BeginScope_WhileOpen_MakesTheTenantCurrent()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);

        Assert.Same(TestTenant.Witten, _tenancy.MultiTenantContext.TenantInfo);
        Assert.True(((IMultiTenantContextAccessor)_tenancy).MultiTenantContext.IsResolved);
    }

    [Fact]
    public void Dispose_WhenScopesAreNested_RestoresEachPreviousTenant()
    {
        using (_tenancy.BeginScope(TestTenant.Witten))
        {
            using (_tenancy.BeginScope(TestTenant.Dortmund))
            {
                Assert.Same(TestTenant.Dortmund, _tenancy.MultiTenantContext.TenantInfo);
            }
            Assert.Same(TestTenant.Witten, _tenancy.MultiTenantContext.TenantInfo);
        }
        Assert.Null(_tenancy.MultiTenantContext.TenantInfo);
    }

    [Fact]
    public void Dispose_WhenCalledTwice_DoesNotRestoreTwice()
    {
        using var outer = _tenancy.BeginScope(TestTenant.Witten);
        var inner = _tenancy.BeginScope(TestTenant.Dortmund);
        inner.Dispose();
        using var third = _tenancy.BeginScope(TestTenant.Dortmund);

        inner.Dispose();

        Assert.Same(TestTenant.Dortmund, _tenancy.MultiTenantContext.TenantInfo);
    }

    [Fact]
    public async Task Scope_FlowsIntoAwaitedWork()
    {
        using var scope = _tenancy.BeginScope(TestTenant.Witten);

        var seen = await Task.Run(async () =>
        {
            await Task.Yield();
            return _tenancy.MultiTenantContext.TenantInfo;
        });

        Assert.Same(TestTenant.Witten, seen);
    }

    [Fact]
    public async Task Scope_OpenedInsideParallelWork_DoesNotLeakOut()
    {
        async Task<ITenantInfo?> RunFor(TestTenant tenant)
        {
            using var scope = _tenancy.BeginScope(tenant);
            await Task.Delay(20);
            return _tenancy.MultiTenantContext.TenantInfo;
        }

        var results = await Task.WhenAll(RunFor(TestTenant.Witten), RunFor(TestTenant.Dortmund));

        Assert.Same(TestTenant.Witten, results[0]);
        Assert.Same(TestTenant.Dortmund, results[1]);
        Assert.Null(_tenancy.MultiTenantContext.TenantInfo);
    }

    [Fact]
    public void BeginScope_WithNull_RunsWithoutATenant()
    {
        using var outer = _tenancy.BeginScope(TestTenant.Witten);
        using (_tenancy.BeginScope(null))
        {
            Assert.Null(_tenancy.MultiTenantContext.TenantInfo);
        }
        Assert.Same(TestTenant.Witten, _tenancy.MultiTenantContext.TenantInfo);
    }
}
