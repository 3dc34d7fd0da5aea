using Autowartung.Testing;
using Autowartung.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Autowartung.ServiceDefaults.Tests;

/// <summary>
/// A bare app with nothing but the service defaults and the platform wiring every app has on top of them
/// (its database, storage and key ring), and whatever endpoints a test adds.
/// </summary>
internal static class TestApp
{
    public static async Task<WebApplication> StartAsync(string connectionString, Action<WebApplication>? endpoints = null, string? jsonLog = null, string? blobs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Platform"] = connectionString,
            ["Storage:Blobs:ConnectionString"] = blobs ?? Azurite.ConnectionString,
            ["Platform:BaseDomain"] = PlatformAppFactory<object>.BaseDomain,
            ["Platform:PublicScheme"] = "http",
            ["Platform:PublicPort"] = "8080",
            ["Logging:JsonFile"] = jsonLog,
        });
        builder.AddServiceDefaults();
        builder.AddPlatform();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        endpoints?.Invoke(app);
        await app.StartAsync();
        return app;
    }
}
