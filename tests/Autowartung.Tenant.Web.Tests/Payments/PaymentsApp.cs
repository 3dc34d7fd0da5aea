using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Demo;
using Autowartung.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>The demo cities, paying through the in-process Stripe emulator.</summary>
public class PaymentsApp : AppFixture<Program>
{
    public const string Host = "witten.autowartung.localhost";

    /// <summary>The endpoint's second signing secret, as during a rotation in Stripe's dashboard.</summary>
    public const string RotatedWebhookSecret = "whsec_autowartung_tests_rotated_00000000";

    /// <summary>The jockeys' assignment job runs once at start and then leaves the bookings at Confirmed, where these tests look.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Stripe:WebhookSecrets:1"] = RotatedWebhookSecret, ["Jobs:AssignJockeysEverySeconds"] = "86400" };

    protected override async Task SeedAsync()
    {
        await using var services = Database.CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        // Room for every booking these tests make: Witten live (no pilot cap), big windows, 30 more jockeys on
        // shift all week (a shift each: one jockey's shifts never overlap).
        await Database.ExecuteAsync("UPDATE cities SET status = 'Live' WHERE slug = 'witten'");
        await Database.ExecuteAsync("UPDATE pickup_windows SET capacity = 100");
        await Database.ExecuteAsync(
            """
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, concurrency_stamp,
                               phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, is_platform_admin, is_disabled, created_at)
            SELECT gen_random_uuid(), 'jockey-' || n || '@payments.test', upper('jockey-' || n || '@payments.test'), 'jockey-' || n || '@payments.test',
                   upper('jockey-' || n || '@payments.test'), true, gen_random_uuid()::text, gen_random_uuid()::text, false, false, true, 0, false, false, now()
            FROM generate_series(1, 30) n;
            INSERT INTO jockey_shifts (tenant_id, id, jockey_user_id, day, start, "end")
            SELECT c.id, gen_random_uuid(), u.id, d.day, '00:00', '23:59'
            FROM cities c, users u, unnest(ARRAY['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday']) d(day)
            WHERE c.slug = 'witten' AND u.email LIKE 'jockey-%@payments.test';
            """);
    }

    public HttpClient Api() => Factory.CreateClient(new() { BaseAddress = new Uri($"http://{Host}:8080"), AllowAutoRedirect = false });

    /// <summary>A browser on the emulator's hosted pages (checkout, 3-D Secure).</summary>
    public HttpClient StripePages() => Factory.Stripe.CreateClient(new() { BaseAddress = new Uri(StripeEmulatorFactory.PublicUrl), AllowAutoRedirect = false });

    public sealed record Booked(Guid Id, Uri PaymentUrl, string Email, int TotalCents, JsonElement Body, object Request, string Key);

    /// <summary>Books an inspection in Witten through the API, as an anonymous visitor; <paramref name="slotIndex"/> picks among the free slots, earliest first.</summary>
    public async Task<Booked> BookAsync(int slotIndex = 0, string? idempotencyKey = null, bool requirePaymentUrl = true)
    {
        using var client = Api();
        using var quoteResponse = await client.PostAsJsonAsync("/api/v1/quotes", new
        {
            vehicle = new { make = "Opel", model = "Corsa", year = 2021, fuel = "Petrol" },
            serviceCodes = new[] { "HU_AU" },
            postalCode = "58454",
        });
        var quoteId = (await quoteResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var slots = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/slots?quoteId={quoteId}")).EnumerateArray().ToList();
        var email = $"pay-{Guid.NewGuid():N}@booking.test";
        var booking = new
        {
            quoteId,
            slotId = slots[slotIndex % slots.Count].GetProperty("id").GetString(),
            customer = new { name = "Max Muster", email, phone = "02302 12345" },
            address = new { street = "Bahnhofstraße 2", postalCode = "58454", city = "Witten" },
            licensePlate = "EN-PY 42",
        };
        var key = idempotencyKey ?? $"pay-{Guid.NewGuid():N}";
        var body = await PostBookingAsync(booking, key);
        var url = body.GetProperty("paymentUrl").GetString();
        if (requirePaymentUrl) Assert.NotNull(url);
        return new Booked(body.GetProperty("id").GetGuid(), url is null ? new Uri("about:blank") : new Uri(url), email, body.GetProperty("totalGrossCents").GetInt32(), body, booking, key);
    }

    /// <summary>Posts a booking request (201 expected) and returns the answer.</summary>
    public async Task<JsonElement> PostBookingAsync(object booking, string idempotencyKey)
    {
        using var client = Api();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(booking) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var created = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Pays on the hosted checkout page with one of the emulator's test methods, through any 3-D Secure step
    /// (<paramref name="threeDSecure"/>: complete or fail). Returns where the emulator sends the browser back
    /// to our site, or null when the checkout page shows an error and stays.
    /// </summary>
    public async Task<Uri?> PayAsync(Uri paymentUrl, string method, string threeDSecure = "complete", string? iban = null)
    {
        using var stripe = StripePages();
        var fields = new Dictionary<string, string> { ["payment_method"] = method };
        if (iban is not null) (fields["iban"], fields["account_holder"]) = (iban, "Max Muster");
        var response = await stripe.PostAsync(paymentUrl.PathAndQuery, new FormUrlEncodedContent(fields));
        for (var hops = 0; hops < 10; hops++)
        {
            if (response.StatusCode != HttpStatusCode.SeeOther && response.StatusCode != HttpStatusCode.Redirect) return null;
            var next = new Uri(new Uri(StripeEmulatorFactory.PublicUrl), response.Headers.Location!);
            if (next.Host != new Uri(StripeEmulatorFactory.PublicUrl).Host) return next;
            response.Dispose();
            response = next.AbsolutePath.StartsWith("/3ds/", StringComparison.Ordinal)
                ? await stripe.PostAsync(next.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = threeDSecure }))
                : await stripe.GetAsync(next.PathAndQuery);
        }
        throw new InvalidOperationException("Too many redirects on the emulator's pages.");
    }

    /// <summary>Stripe's API (the emulator's) through Stripe.net, for what Stripe itself holds: sessions, payment intents, refunds, events.</summary>
    public Stripe.StripeClient StripeNet() => Factory.Stripe.CreateStripeClient();

    public async Task StripeControlAsync(string path, Dictionary<string, string>? form = null)
    {
        using var api = Factory.Stripe.CreateApiClient();
        using var response = await api.PostAsync(path, new FormUrlEncodedContent(form ?? []));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The customer who made a booking with <paramref name="email"/>, signed in, asking for JSON.</summary>
    public async Task<HttpClient> CustomerClientAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByEmailAsync(email))!;
        var client = Factory.ClientWithCookie(Host, Sessions.Cookie(Factory.Services, user));
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    public Task<string?> StatusAsync(Guid bookingId) => Database.ScalarAsync<string>("SELECT status FROM bookings WHERE id = @p0", bookingId);

    public Task<string?> PaymentStatusAsync(Guid bookingId) =>
        Database.ScalarAsync<string>("SELECT status FROM payments WHERE booking_id = @p0 AND purpose = 'Booking'", bookingId);

    /// <summary>Waits (up to 10 s) for the webhook worker to bring <paramref name="read"/> to <paramref name="expected"/>.</summary>
    public static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> read, T expected)
    {
        var value = await read();
        for (var i = 0; i < 100 && !Equals(value, expected); i++)
        {
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }
}
