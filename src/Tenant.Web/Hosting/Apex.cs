using System.Threading.RateLimiting;
using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Geography;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace Autowartung.Tenant.Web.Hosting;

public sealed class ApexRateLimitOptions
{
    /// <summary>Waitlist sign-ups per client address and ten minutes: each may send an email.</summary>
    public int WaitlistSignUpsPerTenMinutes { get; set; } = 5;
}

/// <summary>The public landing on the apex host: a PLZ leads to its city or to the waitlist.</summary>
public static class Apex
{
    public const string WaitlistSignUpLimit = "waitlist-sign-up";

    /// <summary>Limits the waitlist's sign-ups per client address, so the form cannot be used to send mail in bulk.</summary>
    public static WebApplicationBuilder AddApex(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimits").Get<ApexRateLimitOptions>() ?? new ApexRateLimitOptions();
        builder.Services.AddRateLimiter(options =>
            options.AddPolicy(WaitlistSignUpLimit, context => PlatformRateLimits.PostsPerClient(context, client => RateLimitPartition.GetFixedWindowLimiter(client,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.WaitlistSignUpsPerTenMinutes, Window = TimeSpan.FromMinutes(10) }))));
        return builder;
    }

    /// <summary>
    /// Where a public city welcomes a visitor with a PLZ it serves: the first booking step with the PLZ
    /// filled in, or, in a paused city that takes no bookings, its landing page that says so.
    /// </summary>
    public static Uri Entrance(this PlatformUrls urls, LocatePostalCode.ServingCity city, PostalCode postalCode) =>
        city.Status == CityStatus.Paused
            ? urls.City(city.Slug)
            : new Uri(QueryHelpers.AddQueryString(new Uri(urls.City(city.Slug), "/buchen").ToString(), "Plz", postalCode.Value));
}

/// <summary>A page of the apex alone: on a city's host it does not exist.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ApexOnlyAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.GetTenantInfo<CityTenantInfo>() is not null)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();
            return;
        }
        await next();
    }
}
