using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace Autowartung.Tenant.Web.Tests.Concierge;

/// <summary>What the jockey's phone sends: photos and protocols, with test images and a drawn signature.</summary>
internal static class ProtocolRequests
{
    internal static readonly string[] RequiredSlots = ["front", "rear", "left", "right", "odometer"];

    internal sealed record Damage(string Area, double X, double Y, string Note, Guid? PhotoId);

    internal sealed record ProtocolBody(int OdometerKm, int FuelPercent, IReadOnlyList<Damage> Damages, int Keys, IReadOnlyList<string> Documents,
        string SignedBy, string SignaturePng, IReadOnlyList<Guid> PhotoIds, CarBody? ReplacementCar = null);

    internal sealed record CarBody(Guid? CarId, int? OdometerKm, int? FuelPercent, bool? NotTaken = null);

    internal static ProtocolBody Protocol(int km, int fuel, IReadOnlyList<Guid> photos, IReadOnlyList<Damage> damages) =>
        new(km, fuel, damages, 2, ["RegistrationCertificate", "ServiceBook"], "Karla Kundin", "data:image/png;base64," + Convert.ToBase64String(Signature()), photos);

    /// <summary>The five photos every protocol needs, uploaded; their ids.</summary>
    internal static async Task<List<Guid>> RequiredPhotosAsync(HttpClient client, Guid bookingId, string kind, int width, int height)
    {
        var photos = new List<Guid>();
        foreach (var slot in RequiredSlots) photos.Add(await UploadAsync(client, bookingId, kind, slot, Jpeg(width, height)));
        return photos;
    }

    internal static async Task<Guid> UploadAsync(HttpClient client, Guid bookingId, string kind, string slot, byte[] image, string? key = null)
    {
        using var sent = await PostPhotoAsync(client, bookingId, kind, slot, image, key);
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static async Task<HttpStatusCode> UploadStatusAsync(HttpClient client, Guid bookingId, string slot, byte[] bytes)
    {
        using var sent = await PostPhotoAsync(client, bookingId, "pickup", slot, bytes, null);
        return sent.StatusCode;
    }

    internal static Task<HttpResponseMessage> PostPhotoAsync(HttpClient client, Guid bookingId, string kind, string slot, byte[] bytes, string? key)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");   // what a phone says, whatever the bytes are
        form.Add(file, "file", "foto.jpg");
        form.Add(new StringContent(slot), "slot");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{bookingId}/protocols/{kind}/photos") { Content = form };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    internal static async Task<Dictionary<string, string[]>> ProtocolProblemAsync(HttpClient client, Guid bookingId, ProtocolBody body, string kind = "pickup")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{bookingId}/protocols/{kind}") { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/json");   // a program's client: field errors as problem details
        using var sent = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        var problem = await sent.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    internal static async Task<IReadOnlyCollection<string>> ProtocolErrorsAsync(HttpClient client, Guid bookingId, ProtocolBody body, string kind = "pickup") =>
        (await ProtocolProblemAsync(client, bookingId, body, kind)).Keys;

    internal static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.OrangeRed };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    internal static byte[] Signature()
    {
        using var bitmap = new SKBitmap(400, 150);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 4, Style = SKPaintStyle.Stroke, IsAntialias = true };
            canvas.DrawLine(20, 120, 200, 30, pen);
            canvas.DrawLine(200, 30, 380, 110, pen);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
