namespace Autowartung.Testing;

public static class Repository
{
    /// <summary>The checkout's root: the folder that holds Autowartung.sln.</summary>
    public static DirectoryInfo Root { get; } = FindRoot();

    private static DirectoryInfo FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Autowartung.sln"))) return dir;
        throw new InvalidOperationException("Autowartung.sln not found above the test's folder.");
    }
}
