using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Autowartung.Platform.Storage;

/// <summary>
/// The files of one city (handover photos, signatures, protocol PDFs) in Blob Storage. Each city has a
/// container of its own, created private (no anonymous access), so no path of one city can name another's
/// file. Nothing here decides who may read: callers check the person's right to the booking first and
/// stream the file through the app.
/// </summary>
public sealed class CityFiles(BlobServiceClient blobs)
{
    /// <summary>The containers this process has made sure of: each is created once, not asked for before every file.</summary>
    private readonly ConcurrentDictionary<Guid, Task> _containers = new();

    /// <summary>A file as stored, with the type it was stored as.</summary>
    public sealed record StoredFile(Stream Content, string ContentType, long Length);

    /// <summary>"city-" and the city's id: lower-case letters, digits and a dash, as container names must be.</summary>
    public static string ContainerName(Guid cityId) => $"city-{cityId:N}";

    /// <summary>Stores a file under <paramref name="path"/>; a path is written once (a second write of the same path fails).</summary>
    public async Task PutAsync(Guid cityId, string path, BinaryData content, string contentType, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(ContainerName(cityId));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        await EnsureContainerAsync(cityId, container, cancellationToken);
        try
        {
            await container.GetBlobClient(path).UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException error) when (error.ErrorCode == "ContainerNotFound")
        {
            // Removed behind this process's back (a storage reset): made again, once.
            _containers.TryRemove(cityId, out _);
            await EnsureContainerAsync(cityId, container, cancellationToken);
            await container.GetBlobClient(path).UploadAsync(content, options, cancellationToken);
        }
    }

    private async Task EnsureContainerAsync(Guid cityId, BlobContainerClient container, CancellationToken cancellationToken)
    {
        var created = _containers.GetOrAdd(cityId, _ => container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: CancellationToken.None));
        try
        {
            await created.WaitAsync(cancellationToken);
        }
        catch (Exception) when (created.IsFaulted)
        {
            _containers.TryRemove(cityId, out _);   // storage was not there a moment ago: the next file asks again
            throw;
        }
    }

    /// <summary>The file's content to stream to the reader, or null when there is none.</summary>
    public async Task<StoredFile?> OpenAsync(Guid cityId, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var blob = blobs.GetBlobContainerClient(ContainerName(cityId)).GetBlobClient(path);
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new StoredFile(download.Value.Content, download.Value.Details.ContentType, download.Value.Details.ContentLength);
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    public async Task<BinaryData?> ReadAsync(Guid cityId, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var blob = blobs.GetBlobContainerClient(ContainerName(cityId)).GetBlobClient(path);
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes a file, if it is there (an upload that lost a race, a draft given up).</summary>
    public async Task DeleteAsync(Guid cityId, string path, CancellationToken cancellationToken = default) =>
        await blobs.GetBlobContainerClient(ContainerName(cityId)).GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
