using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Authentication;
using Autowartung.Tenant.Web.Api;
using Autowartung.Tenant.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCityHosts();
builder.AddCityAreas();
builder.AddCityApi();
builder.AddCityJobs();
builder.AddCityPayments();
builder.AddApex();

var app = builder.Build();
app.UseServiceDefaults();
app.UseCityHosts();
app.UsePlatformAuthentication();
app.UseCityHostGate();
app.UsePlatformAuthorization();
app.MapDefaultEndpoints();
app.MapStaticAssets().ExcludeFromMultiTenantResolution().AllowAnonymous();
app.MapCityApi();
app.MapStripeWebhook();
app.MapRazorPages();
app.Run();
