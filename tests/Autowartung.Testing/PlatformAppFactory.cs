using Autowartung.Platform.Payments.Stripe;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Testing;

/// <summary>
/// Hosts one of the web apps in-process against a <see cref="TestDatabase"/>, with the local base domain.
/// Requests carry the host name they are for, exactly as the ingress passes it on. Stripe is our
/// emulator, in-process beside the app (<see cref="Stripe"/>).
/// </summary>
public sealed class PlatformAppFactory<TEntryPoint>(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public const string BaseDomain = "autowartung.localhost";

    private StripeEmulatorFactory? _stripe;

    /// <summary>The Stripe emulator this app pays through; started with the app.</summary>
    public StripeEmulatorFactory Stripe => _stripe ??= new StripeEmulatorFactory(() => Server.CreateHandler());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As in Development: a service nobody can build fails the test at start, not a user's request later.
        builder.UseDefaultServiceProvider(options => (options.ValidateOnBuild, options.ValidateScopes) = (true, true));
        builder.UseStaticWebAssets();   // the shared stylesheet lives in the ServiceDefaults library
        builder.UseSetting("ConnectionStrings:Platform", database.ConnectionString);
        builder.UseSetting("Storage:Blobs:ConnectionString", Azurite.ConnectionString);
        builder.UseSetting("Platform:BaseDomain", BaseDomain);
        builder.UseSetting("Platform:PublicScheme", "http");
        builder.UseSetting("Platform:PublicPort", "8080");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Maildev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The outbox is sent by a job: look often and retry soon, so a test waits a moment, not minutes.
        builder.UseSetting("Outbox:PollSeconds", "0.5");
        builder.UseSetting("Outbox:FirstRetrySeconds", "0.5");
        builder.UseSetting("Outbox:MaxRetrySeconds", "2");
        // Generous limits by default; the rate-limit tests set their own.
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("RateLimits:AccountEmailsPerTenMinutes", "1000");
        builder.UseSetting("RateLimits:WaitlistSignUpsPerTenMinutes", "1000");
        builder.UseSetting("Stripe:ApiBase", StripeEmulatorFactory.PublicUrl);
        builder.UseSetting("Stripe:SecretKey", StripeEmulatorFactory.SecretKey);
        builder.UseSetting("Stripe:WebhookSecrets:0", StripeEmulatorFactory.WebhookSecret);
        builder.UseSetting("Payments:EventPollSeconds", "1");
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(StripeOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Stripe.Server.CreateHandler()));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
    }

    /// <summary>A client whose requests go to <paramref name="host"/> (e.g. <c>witten.autowartung.localhost</c>), redirects not followed.</summary>
    public HttpClient ClientFor(string host, string? acceptLanguage = "de-DE")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}:8080"), AllowAutoRedirect = false });
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    public HttpClient ClientForCity(string slug) => ClientFor($"{slug}.{BaseDomain}");

    /// <summary>A client for <paramref name="host"/> that carries <paramref name="cookie"/> (name=value) on every request.</summary>
    public HttpClient ClientWithCookie(string host, string cookie)
    {
        var client = ClientFor(host);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
