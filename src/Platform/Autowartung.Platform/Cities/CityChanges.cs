using Autowartung.MultiTenancy.Stores;
using Autowartung.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Autowartung.Platform.Cities;

/// <summary>
/// Tells every instance of every app that a city changed (its status, name or time zone): this process
/// forgets its cached copy at once, the others as soon as PostgreSQL hands them the notification
/// (<c>NOTIFY city_changed</c>), which <see cref="CityChangeListener"/> waits for. The cache's own expiry
/// (30 s) stays the backstop for a notification missed while a listener was reconnecting.
/// </summary>
public sealed class CityChanges(PlatformDbContext db, CachingTenantStore<CityTenantInfo> tenants)
{
    public const string Channel = "city_changed";

    public async Task PublishAsync(City city, CancellationToken cancellationToken = default)
    {
        tenants.Evict(city.Id, city.Slug);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Payload(city.Id, city.Slug)})", cancellationToken);
    }

    /// <summary>The city's id and slug: all an instance needs to forget it, and nothing personal.</summary>
    public static string Payload(Guid id, string slug) => $"{id:N} {slug}";

    public static bool TryParse(string payload, out Guid id, out string slug)
    {
        (id, slug) = (Guid.Empty, "");
        if (payload.Split(' ') is not [var idText, var slugText] || !Guid.TryParseExact(idText, "N", out id)) return false;
        slug = slugText;
        return true;
    }
}

/// <summary>
/// Listens for <see cref="CityChanges.Channel"/> on a connection of its own and forgets each named city in
/// this process's cache. Reconnects with a growing pause when the connection drops.
/// </summary>
public sealed partial class CityChangeListener(string connectionString, IServiceScopeFactory scopes, ILogger<CityChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, notification) => Forget(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {CityChanges.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                pause = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                LogListenFailed(exception, pause);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    private void Forget(string payload)
    {
        if (!CityChanges.TryParse(payload, out var id, out var slug)) return;
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CachingTenantStore<CityTenantInfo>>().Evict(id, slug);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for city changes failed; trying again in {Pause}")]
    private partial void LogListenFailed(Exception exception, TimeSpan pause);
}
