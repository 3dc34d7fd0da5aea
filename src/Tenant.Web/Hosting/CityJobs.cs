using Autowartung.Platform.Bookings;
using Autowartung.Platform.Concierge;
using Autowartung.Platform.Data;
using Autowartung.Platform.Extensions;
using Autowartung.Platform.Notifications;
using Autowartung.Platform.Payments;
using Autowartung.Platform.Waitlist;
using Quartz;

namespace Autowartung.Tenant.Web.Hosting;

/// <summary>
/// Scheduled work of the city apps, on Quartz with its job store in PostgreSQL and clustering on, so
/// that of several instances exactly one runs each firing.
/// </summary>
public static class CityJobs
{
    public static WebApplicationBuilder AddCityJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(PlatformDataExtensions.ConnectionStringName)!;
        var expireHoldsEvery = TimeSpan.FromSeconds(builder.Configuration.GetValue("Jobs:ExpireHoldsEverySeconds", 30));
        var assignJockeysEvery = TimeSpan.FromSeconds(builder.Configuration.GetValue("Jobs:AssignJockeysEverySeconds", 5));
        var protocolPdfsEvery = TimeSpan.FromSeconds(builder.Configuration.GetValue("Jobs:ProtocolPdfsEverySeconds", 3));
        var carLoansEvery = TimeSpan.FromMinutes(builder.Configuration.GetValue("Jobs:CarLoansEveryMinutes", 15));
        var extensionsEvery = TimeSpan.FromSeconds(builder.Configuration.GetValue("Jobs:ExtensionsEverySeconds", 60));
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "autowartung-city-jobs";
                scheduler.GenerateInstanceId = true;   // distinct per instance, as a cluster needs
            });
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            var expireHolds = new JobKey("expire-payment-holds");
            quartz.AddJob<ExpireHoldsJob>(job => job.WithIdentity(expireHolds).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(expireHolds).WithIdentity("expire-payment-holds")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(expireHoldsEvery).RepeatForever()));
            var settleRefunds = new JobKey("settle-refunds");
            quartz.AddJob<SettleRefundsJob>(job => job.WithIdentity(settleRefunds).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(settleRefunds).WithIdentity("settle-refunds")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
            var assignJockeys = new JobKey("assign-jockeys");
            quartz.AddJob<AssignJockeysJob>(job => job.WithIdentity(assignJockeys).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(assignJockeys).WithIdentity("assign-jockeys")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(assignJockeysEvery).RepeatForever()));
            var protocolPdfs = new JobKey("make-protocol-pdfs");
            quartz.AddJob<MakeProtocolPdfsJob>(job => job.WithIdentity(protocolPdfs).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(protocolPdfs).WithIdentity("make-protocol-pdfs")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(protocolPdfsEvery).RepeatForever()));
            var carLoans = new JobKey("extend-car-loans");
            quartz.AddJob<ExtendCarLoansJob>(job => job.WithIdentity(carLoans).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(carLoans).WithIdentity("extend-car-loans")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(carLoansEvery).RepeatForever()));
            var extensions = new JobKey("follow-up-extensions");
            quartz.AddJob<FollowUpExtensionsJob>(job => job.WithIdentity(extensions).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(extensions).WithIdentity("follow-up-extensions")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(extensionsEvery).RepeatForever()));
            var forgetUnconfirmed = new JobKey("forget-unconfirmed-waitlist-entries");
            quartz.AddJob<ForgetUnconfirmedEntriesJob>(job => job.WithIdentity(forgetUnconfirmed).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(forgetUnconfirmed).WithIdentity("forget-unconfirmed-waitlist-entries")
                .StartNow().WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        builder.AddOutboxSending();   // the outbox's own scheduler, which the other apps run too
        return builder;
    }
}

/// <summary>Frees the places of payment holds that lapsed (default hold: 15 minutes).</summary>
[DisallowConcurrentExecution]
internal sealed partial class ExpireHoldsJob(ExpireHolds expireHolds, ILogger<ExpireHoldsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var expired = await expireHolds.RunAsync(cancellationToken: cancellationToken);
        if (expired > 0) LogExpired(logger, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} payment hold(s) expired; their places are free again")]
    private static partial void LogExpired(ILogger logger, int count);
}

/// <summary>Makes the PDF of each newly recorded protocol and mails it to the customer (a few seconds after the handover).</summary>
[DisallowConcurrentExecution]
internal sealed partial class MakeProtocolPdfsJob(MakeProtocolPdfs pdfs, ILogger<MakeProtocolPdfsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var made = await pdfs.RunAsync(cancellationToken: cancellationToken);
        if (made > 0) LogMade(logger, made);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} protocol PDF(s) made and mailed")]
    private static partial void LogMade(ILogger logger, int count);
}

/// <summary>Plans the pickup of each newly confirmed booking and finds every waiting task a jockey (a few seconds after the payment).</summary>
[DisallowConcurrentExecution]
internal sealed partial class AssignJockeysJob(AssignJockeysEverywhere assign, ILogger<AssignJockeysJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await assign.RunAsync(cancellationToken);
        if (run.Assigned + run.Unstaffed + run.Released > 0) LogRun(logger, run.Planned, run.Assigned, run.Released, run.Unstaffed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jockey tasks: {Planned} planned, {Assigned} assigned, {Released} released, {Unstaffed} without a free jockey")]
    private static partial void LogRun(ILogger logger, int planned, int assigned, int released, int unstaffed);
}

/// <summary>Keeps a replacement car's loan running while its order does: a car still out after its last day is held for today too, and a clash is flagged.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ExtendCarLoansJob(ExtendCarLoans extend, ILogger<ExtendCarLoansJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var extended = await extend.RunAsync(cancellationToken);
        if (extended > 0) LogExtended(logger, extended);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} replacement car loan(s) extended: their orders run longer")]
    private static partial void LogExtended(ILogger logger, int count);
}

/// <summary>Reminds customers of undecided proposals of extra work, lets the overdue ones lapse, and charges decisions a crash left uncharged.</summary>
[DisallowConcurrentExecution]
internal sealed partial class FollowUpExtensionsJob(ExpireExtensions follow, ILogger<FollowUpExtensionsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await follow.RunAsync(cancellationToken);
        if (run.Reminded + run.Expired + run.Charged > 0) LogRun(logger, run.Reminded, run.Expired, run.Charged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Extensions: {Reminded} reminded, {Expired} lapsed, {Charged} charged after the fact")]
    private static partial void LogRun(ILogger logger, int reminded, int expired, int charged);
}

/// <summary>Sends refunds the provider could not take at the time, and follows pending ones until they are paid out.</summary>
[DisallowConcurrentExecution]
internal sealed class SettleRefundsJob(SettleRefund settleRefund) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await settleRefund.RetryDueAsync(cancellationToken: cancellationToken);
}

/// <summary>Deletes waitlist entries whose confirmation link expired unconfirmed (the apex's waitlist; this app serves the apex).</summary>
[DisallowConcurrentExecution]
internal sealed partial class ForgetUnconfirmedEntriesJob(ForgetUnconfirmedEntries forget, ILogger<ForgetUnconfirmedEntriesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var forgotten = await forget.RunAsync(cancellationToken);
        if (forgotten > 0) LogForgotten(logger, forgotten);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} unconfirmed waitlist entries deleted: their confirmation links had expired")]
    private static partial void LogForgotten(ILogger logger, int count);
}
