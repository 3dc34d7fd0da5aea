namespace Autowartung.Testing;

/// <summary>The local Azure Blob Storage emulator `./dev.sh up` runs.</summary>
public static class Azurite
{
    private static readonly int Port = int.Parse(Environment.GetEnvironmentVariable("AUTOWARTUNG_AZURITE_PORT") ?? "10000");

    /// <summary>
    /// Azurite's published development account (not a secret), with the port spelled out:
    /// <c>UseDevelopmentStorage=true</c> always means port 10000.
    /// </summary>
    public static string ConnectionString { get; } = ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
}
