using Autowartung.MultiTenancy.Stores;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Autowartung.MultiTenancy.Tests;

public sealed class CachingTenantStoreTests
{
    private sealed class CountingStore(params TestTenant[] tenants) : ITenantStore<TestTenant>
    {
        public int Lookups { get; private set; }

        public Task<TestTenant?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return Task.FromResult(tenants.SingleOrDefault(t => t.Identifier == identifier));
        }

        public Task<TestTenant?> TryGetAsync(Guid id, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return Task.FromResult(tenants.SingleOrDefault(t => t.Id == id));
        }
    }

    private readonly CountingStore _inner = new(TestTenant.Witten, TestTenant.Dortmund);
    private readonly MemoryCache _memory = new(new MemoryCacheOptions());

    private CachingTenantStore<TestTenant> Store(TimeSpan? missing = null) =>
        new(_inner, _memory, Options.Create(new TenantCacheOptions { MissingTtl = missing ?? TimeSpan.FromSeconds(5) }));

    [Fact]
    public async Task TryGetByIdentifier_WhenAskedTwice_LooksUpOnce()
    {
        var store = Store();

        var first = await store.TryGetByIdentifierAsync("witten");
        var second = await store.TryGetByIdentifierAsync("witten");

        Assert.Same(TestTenant.Witten, first);
        Assert.Same(first, second);
        Assert.Equal(1, _inner.Lookups);
    }

    [Fact]
    public async Task TryGetByIdentifier_KeepsTenantsApart()
    {
        var store = Store();

        Assert.Same(TestTenant.Witten, await store.TryGetByIdentifierAsync("witten"));
        Assert.Same(TestTenant.Dortmund, await store.TryGetByIdentifierAsync("dortmund"));
        Assert.Same(TestTenant.Witten, await store.TryGetAsync(TestTenant.Witten.Id));
        Assert.Same(TestTenant.Dortmund, await store.TryGetAsync(TestTenant.Dortmund.Id));
    }

    [Fact]
    public async Task TryGetByIdentifier_WhenMissing_RemembersTheMissBriefly()
    {
        var store = Store(missing: TimeSpan.FromMilliseconds(200));

        Assert.Null(await store.TryGetByIdentifierAsync("nowhere"));
        Assert.Null(await store.TryGetByIdentifierAsync("nowhere"));
        Assert.Equal(1, _inner.Lookups);

        await Task.Delay(400);
        Assert.Null(await store.TryGetByIdentifierAsync("nowhere"));
        Assert.Equal(2, _inner.Lookups);
    }

    [Fact]
    public async Task Evict_ForgetsTheTenantAtOnce()
    {
        var store = Store();
        await store.TryGetByIdentifierAsync("witten");

        store.Evict(TestTenant.Witten);
        await store.TryGetByIdentifierAsync("witten");

        Assert.Equal(2, _inner.Lookups);
    }
}
