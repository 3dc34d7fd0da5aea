using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Autowartung.Platform.Storage;

/// <summary>
/// Azure Blob Storage for files people upload (handover photos, documents): one <see cref="BlobServiceClient"/>
/// from the section <c>Storage:Blobs</c>. Locally Azurite, with its explicit development connection string
/// (<c>ConnectionString</c>; <c>UseDevelopmentStorage=true</c> would always mean port 10000); in production
/// <c>ServiceUri</c> with <c>Credential=managedidentity</c> (and the identity's <c>ClientId</c>), so no key exists.
/// </summary>
public static class BlobStorage
{
    public const string Section = "Storage:Blobs";

    public static IHostApplicationBuilder AddBlobStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAzureClients(clients => clients.AddBlobServiceClient(builder.Configuration.GetSection(Section)));
        builder.Services.AddSingleton<CityFiles>();
        return builder;
    }
}

/// <summary>Storage answers when one page of containers can be listed: what a reader role may do, keys or not.</summary>
/// <remarks>The client is resolved inside the check, so a missing configuration reports "not ready" instead of failing the endpoint.</remarks>
public sealed class BlobStorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var client = services.GetRequiredService<BlobServiceClient>();
            await using var pages = client.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).GetAsyncEnumerator(cancellationToken);
            await pages.MoveNextAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not configured, unreachable or refused: the app is not ready either way. The exception stays in the log only.
            return HealthCheckResult.Unhealthy("Blob storage is not reachable.", error);
        }
    }
}
