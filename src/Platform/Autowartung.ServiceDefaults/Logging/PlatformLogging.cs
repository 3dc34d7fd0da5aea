using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Autowartung.ServiceDefaults.Logging;

public static class PlatformLogging
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Tenant} {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Structured logs through Serilog: the console, and a JSON file when <c>Logging:JsonFile</c> names one.
    /// Every event carries the app, the tenant and the request's correlation id. Log no personal data:
    /// ids, not names or addresses; never emails, phone numbers, IP addresses, tokens or passwords.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformLogging(this IHostApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration, new Serilog.Settings.Configuration.ConfigurationReaderOptions { SectionName = "Serilog" })
            .Enrich.FromLogContext()
            .Enrich.With<TenantEnricher>()
            .Enrich.WithProperty("App", builder.Environment.ApplicationName)
            .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        if (builder.Configuration["Logging:JsonFile"] is { Length: > 0 } jsonFile)
            configuration.WriteTo.File(new JsonFormatter(renderMessage: true), jsonFile,
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7, shared: true);

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
