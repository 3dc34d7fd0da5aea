// How long a handover photo's upload takes on the server, and what a protocol PDF's render costs: a fresh test
// database with the demo seed, Tenant.Web in-process (TestServer, so no socket in the figures) on the local
// Azurite, a jockey with a pickup due, and a 4 MB 12-megapixel JPEG sent again and again with new keys.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Bookings;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Scheduling;
using Autowartung.Platform.Vehicles;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

var uploads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
await using var database = new TestDatabase();
await database.InitializeAsync();
await using (var services = database.CreateServices())
await using (var scope = services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
await database.ExecuteAsync("UPDATE cities SET status = 'Live' WHERE slug = 'witten'");
await database.ExecuteAsync("DELETE FROM jockey_shifts");
CityTenantInfo witten;
await using (var db = database.CreateContext()) witten = (await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten")).ToTenantInfo();
var jockey = await database.AddPersonAsync($"bench-{Guid.NewGuid():N}@jockeys.test");
await database.GrantAsync(witten, jockey, MembershipRole.Jockey);
await using (var db = database.CreateContext())
using (database.Tenancy.BeginScope(witten))
{
    db.JockeyShifts.AddRange(Enum.GetValues<DayOfWeek>().Select(day => JockeyShift.Create(jockey.Id, day, new TimeOnly(0, 0), new TimeOnly(23, 59))));
    await db.SaveChangesAsync();
}

// Any class of Tenant.Web names its assembly to the factory (this program has a Program of its own).
await using var app = new PlatformAppFactory<Autowartung.Tenant.Web.Pages.Jockey.ProtocolModel>(database, new Dictionary<string, string?> { ["Jobs:AssignJockeysEverySeconds"] = "86400" });
Guid bookingId;
await using (var scope = app.Services.CreateAsyncScope())
{
    using var tenant = scope.ServiceProvider.GetRequiredService<Autowartung.MultiTenancy.MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(witten);
    var quote = (await scope.ServiceProvider.GetRequiredService<CreateQuote>().RunAsync(new CreateQuote.Request(
        new VehicleInput("Opel", "Corsa", 2021, "Petrol", null, null, null), ["HU_AU"], "58454"))).Value;
    var slot = (await scope.ServiceProvider.GetRequiredService<FindSlots>().RunAsync(quote.WorkshopId))[0].Id;
    bookingId = (await scope.ServiceProvider.GetRequiredService<CreateBooking>().RunAsync(new CreateBooking.Request(quote.Id, slot,
        new("Bench Kunde", "bench@booking.test", "02302 1"), new("Ruhrstraße 1", "58454", "Witten"), "EN-BE 1"), $"bench-{Guid.NewGuid():N}", null)).Value.Id;
    await database.ExecuteAsync("UPDATE bookings SET status = 'Confirmed' WHERE id = @p0", bookingId);
    await scope.ServiceProvider.GetRequiredService<AssignJockeys>().RunAsync();
}

var photo = NoisyJpeg(4000, 3000);
Console.WriteLine($"photo: {photo.Length / 1024.0 / 1024.0:F2} MB, 4000×3000 JPEG; {uploads} uploads, one at a time");
using var client = app.ClientWithCookie("witten.autowartung.localhost", Sessions.Cookie(app.Services, jockey));
client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
var times = new List<double>();
for (var i = 0; i < uploads + 3; i++)
{
    using var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(photo);
    file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
    form.Add(file, "file", "front.jpg");
    form.Add(new StringContent("front"), "slot");
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{bookingId}/protocols/pickup/photos") { Content = form };
    request.Headers.Add("Idempotency-Key", $"bench-{i:D6}-{Guid.NewGuid():N}");
    var watch = Stopwatch.StartNew();
    using var answer = await client.SendAsync(request);
    watch.Stop();
    if (answer.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"upload {i}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);   // the first few warm the JIT and the connections
}
times.Sort();
double Percentile(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
Console.WriteLine($"upload on the server: p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {times[^1]:F0} ms");

// A protocol PDF as the job makes it: five photo thumbnails, three damages with thumbnails, a signature.
var thumb = Thumbnail();
var document = new ProtocolDocument(false, true, "Witten", "AW-BENC-H001", "Bench Kunde", "Opel Corsa", "EN-BE 1", "Autohaus Witten",
    DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), "Lea", 48_210, 60, 2, ["Fahrzeugschein", "Serviceheft"],
    [.. Enumerable.Range(1, 3).Select(n => new ProtocolDocument.Damage(n, "Vorne links", 0.2 * n, 0.3 * n, "Kratzer an der Stoßstange, etwa 5 cm", thumb, n == 3))],
    [.. new[] { "Vorne", "Hinten", "Links", "Rechts", "Tacho" }.Select(label => new ProtocolDocument.Photo(label, thumb))],
    "Bench Kunde", thumb, new ProtocolDocument.ReturnComparison(48_100, 110, 50, true, 70, true, 1), null);
ProtocolPdf.Render(document);
var renders = new List<double>();
long allocated = 0, peakRise = 0;
for (var i = 0; i < 20; i++)
{
    using var process = Process.GetCurrentProcess();
    var before = process.WorkingSet64;
    var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var pdf = ProtocolPdf.Render(document);
    watch.Stop();
    allocated = Math.Max(allocated, GC.GetAllocatedBytesForCurrentThread() - bytesBefore);
    process.Refresh();
    peakRise = Math.Max(peakRise, process.WorkingSet64 - before);
    renders.Add(watch.Elapsed.TotalMilliseconds);
    if (i == 0) Console.WriteLine($"pdf: {pdf.Length / 1024} KB");
}
renders.Sort();
Console.WriteLine($"pdf render: p50 {renders[renders.Count / 2]:F0} ms; managed allocation ≤ {allocated / 1024.0 / 1024.0:F1} MB; working set rise ≤ {peakRise / 1024.0 / 1024.0:F1} MB");

static byte[] NoisyJpeg(int width, int height)
{
    using var bitmap = new SKBitmap(width, height);
    var random = new Random(7);
    var pixels = new byte[width * height * 4];
    random.NextBytes(pixels);
    for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
    System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 40);   // noise at this quality is about 4 MB, as a phone's photo is
    return data.ToArray();
}

static byte[] Thumbnail()
{
    using var bitmap = new SKBitmap(320, 240);
    using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.SteelBlue);
    using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
    return data.ToArray();
}
