using Autowartung.Platform.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Autowartung.Platform.Notifications;

/// <summary>
/// The outbox's sender runs in every app (city, admin and identity), as one Quartz scheduler of its own
/// whose clustered job store in PostgreSQL is shared by all their instances: whichever apps run, one of
/// them sends, and one firing at a time. That a row is never sent by two instances at once does not rest
/// on Quartz: <see cref="SendOutbox"/> leases each row in the database.
/// </summary>
public static class OutboxSending
{
    public const string SchedulerName = "autowartung-outbox";

    public static IHostApplicationBuilder AddOutboxSending(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(PlatformDataExtensions.ConnectionStringName)!;
        var every = TimeSpan.FromSeconds(Math.Max(0.2, builder.Configuration.GetValue($"{OutboxOptions.Section}:{nameof(OutboxOptions.PollSeconds)}", new OutboxOptions().PollSeconds)));
        builder.Services.AddQuartz(SchedulerName, quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.GenerateInstanceId = true);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            var send = new JobKey("send-outbox");
            quartz.AddJob<SendOutboxJob>(job => job.WithIdentity(send).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(send).WithIdentity("send-outbox")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(every).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(SchedulerName, options => (options.WaitForJobsToComplete, options.AwaitApplicationStarted) = (true, true));
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder;
    }
}

/// <summary>Sends the outbox's due messages; one run at a time across the cluster.</summary>
[DisallowConcurrentExecution]
internal sealed partial class SendOutboxJob(SendOutbox send, ILogger<SendOutboxJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sent = await send.RunAsync(cancellationToken: cancellationToken);
        if (sent > 0) LogSent(logger, sent);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} outbox message(s) sent")]
    private static partial void LogSent(ILogger logger, int count);
}
