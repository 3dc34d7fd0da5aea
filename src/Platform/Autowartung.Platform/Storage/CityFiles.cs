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
    /// <summary>A file as stored, with the type it was stored as.</summary>
    public sealed record StoredFile(Stream Content, string ContentType, long Length);

    /// <summary>"city-" and the city's id: lower-case letters, digits and a dash, as container names must be.</summary>
    public static string ContainerName(Guid cityId) => $"city-{cityId:N}";

    /// <summary>Stores a file under <paramref name="path"/>; a path is written once (a second write of the same path fails).</summary>
    public async Task PutAsync(Guid cityId, string path, BinaryData content, string contentType, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(ContainerName(cityId));
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await container.GetBlobClient(path).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);
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

    /// <summary>The file's address at the storage account: no use to anyone without the account's key.</summary>
    public Uri AddressOf(Guid cityId, string path) => blobs.GetBlobContainerClient(ContainerName(cityId)).GetBlobClient(path).Uri;
}
