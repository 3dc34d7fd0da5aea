namespace Autowartung.Testing;

/// <summary>One web app in-process on a database of its own, with the data a test class needs seeded first.</summary>
public abstract class AppFixture<TProgram> : IAsyncLifetime where TProgram : class
{
    public TestDatabase Database { get; } = new();

    public PlatformAppFactory<TProgram> Factory { get; private set; } = null!;

    /// <summary>Adds the cities and rows the tests of this app work with.</summary>
    protected abstract Task SeedAsync();

    /// <summary>Settings that differ from the defaults for this fixture's app.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await SeedAsync();
        Factory = new PlatformAppFactory<TProgram>(Database, Settings);
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
