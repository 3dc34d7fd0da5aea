using Autowartung.ServiceDefaults;
using Autowartung.Tenant.Web.Api;
using Autowartung.Tenant.Web.Hosting;
using Autowartung.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatform();
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
app.MapPlatformEndpoints();
app.MapCityStaticAssets();
app.MapCityApi();
app.MapStripeWebhook();
app.MapRazorPages();
app.Run();
