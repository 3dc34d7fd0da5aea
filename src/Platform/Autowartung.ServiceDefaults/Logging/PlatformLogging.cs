using Microsoft.Extensions.Hosting;
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
        var jsonFile = builder.Configuration["Logging:JsonFile"];
        var app = builder.Environment.ApplicationName;
        // The static Log.Logger stays untouched: tests host several apps in one process, each with its own log.
        builder.Services.AddSerilog((services, configuration) =>
        {
            configuration
                .MinimumLevel.Information()
                // One line per request comes from UseSerilogRequestLogging; the framework's own lines would repeat it.
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                // The Azure SDK logs every storage request and its headers at Information: only its trouble is of interest.
                .MinimumLevel.Override("Azure", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration, new Serilog.Settings.Configuration.ConfigurationReaderOptions { SectionName = "Serilog" })
                .Enrich.FromLogContext()
                .Enrich.With<TenantEnricher>()
                .Enrich.WithProperty("App", app)
                .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            if (jsonFile is { Length: > 0 })
                configuration.WriteTo.File(new JsonFormatter(renderMessage: true), jsonFile,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7, shared: true);
        }, preserveStaticLogger: true);
        return builder;
    }
}
