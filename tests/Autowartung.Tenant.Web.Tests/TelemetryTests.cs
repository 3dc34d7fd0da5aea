using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Demo;
using Autowartung.Platform.Payments.Stripe;
using Autowartung.ServiceDefaults.Telemetry;
using Autowartung.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Autowartung.Tenant.Web.Tests;

/// <summary>
/// Tenant.Web with its traces kept in memory, and the Stripe emulator on a loopback port (not in memory), so
/// the Stripe calls go through a real socket handler as in production and the HttpClient instrumentation sees them.
/// </summary>
public sealed class TracedCity : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public ExportedSpans Spans { get; } = new();

    public PlatformAppFactory<Program> Factory { get; private set; } = null!;

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App { get; private set; } = null!;

    public Uri StripeAddress { get; private set; } = null!;

    private StripeEmulatorFactory _stripe = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using (var services = Database.CreateServices())
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();

        _stripe = new StripeEmulatorFactory(() => App.Server.CreateHandler());
        _stripe.UseKestrel(0);
        _stripe.StartServer();
        StripeAddress = new Uri(_stripe.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        Factory = new PlatformAppFactory<Program>(Database, new Dictionary<string, string?> { ["Stripe:ApiBase"] = StripeAddress.ToString().TrimEnd('/') });
        App = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(StripeOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans));
        }));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Factory.DisposeAsync();
        await _stripe.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient Api(string city) =>
        App.CreateClient(new() { BaseAddress = new Uri($"http://{city}.autowartung.localhost:8080"), AllowAutoRedirect = false });
}

/// <summary>What the in-memory exporter collects; spans end on many threads at once (requests, jobs).</summary>
public sealed class ExportedSpans : Collection<Activity>
{
    protected override void InsertItem(int index, Activity item)
    {
        lock (Items) base.InsertItem(index, item);
    }

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (Items) return [.. Items];
    }
}

public sealed class TelemetryTests(TracedCity city) : IClassFixture<TracedCity>
{
    private const string Email = "erika.telemetrie@booking.test";

    [Fact]
    public async Task Booking_IsOneTrace_SpanningItsDatabaseAndStripeCalls_TaggedWithTheCity_WithoutPersonalData()
    {
        using var client = city.Api("witten");
        using var quoteResponse = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Volkswagen", model = "Golf", year = 2019, fuel = "Petrol", mileageKm = 60000 },
            serviceCodes = new[] { "INSPECTION" },
            postalCode = "58452",
        });
        var quoteId = (await quoteResponse.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var slotId = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}"))[0].GetProperty("id").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings?campaign=erika.telemetrie%40booking.test")
        {
            Content = JsonContent.Create(new
            {
                quoteId,
                slotId,
                customer = new { name = "Erika Telemetrie", email = Email, phone = "+49 2302 987654" },
                address = new { street = "Ruhrstraße 7", postalCode = "58452", city = "Witten" },
                licensePlate = "en-tt 42",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"test-{Guid.NewGuid():N}");
        // Every app host in this test process exports into the same listeners, so the request names its own trace.
        var traceId = ActivityTraceId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // The server span ends just after the response has gone out.
        var server = await EventuallyAsync(city.Spans, () => city.Spans.Snapshot().FirstOrDefault(s =>
            s.Kind == ActivityKind.Server && s.TraceId == traceId && ((string?)s.GetTagItem("http.route"))?.TrimEnd('/') == "/api/v1/bookings" && (string?)s.GetTagItem("http.request.method") == "POST"));
        var spans = city.Spans.Snapshot();
        var trace = spans.Where(s => s.TraceId == server.TraceId).ToList();

        Assert.Equal("witten", server.GetTagItem(PlatformTelemetry.TenantAttribute));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql");
        var stripeCalls = trace.Where(s => s.Kind == ActivityKind.Client && (string?)s.GetTagItem("server.address") == city.StripeAddress.Host
            && Convert.ToInt32(s.GetTagItem("server.port"), System.Globalization.CultureInfo.InvariantCulture) == city.StripeAddress.Port).ToList();
        Assert.NotEmpty(stripeCalls);
        Assert.All(stripeCalls, call => Assert.StartsWith($"{city.StripeAddress.GetLeftPart(UriPartial.Authority)}/v1/", (string?)call.GetTagItem("url.full")));

        var tags = spans.SelectMany(s => s.TagObjects.Select(t => (s.DisplayName, t.Key, Value: Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))).ToList();
        foreach (var secret in new[] { "erika", "telemetrie", "2302", "987654", "Ruhrstraße", "EN-TT", "campaign" })
            Assert.DoesNotContain(tags, t => t.Value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(tags, t => t.Key == "url.query" || (t.Key == "url.full" && t.Value.Contains('?')));
    }

    private static async Task<Activity> EventuallyAsync(ExportedSpans spans, Func<Activity?> find)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (find() is { } found) return found;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("The booking request's server span was never exported. Exported: " +
            string.Join(", ", spans.Snapshot().Select(s => $"{s.Source.Name}/{s.Kind}/{s.DisplayName}/{s.GetTagItem("http.route")}").Distinct().Take(40)));
    }
}
