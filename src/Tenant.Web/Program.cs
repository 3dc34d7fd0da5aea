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

var app = builder.Build();
app.UseServiceDefaults();
app.UseCityHosts();
app.UsePlatformAuthentication();
app.MapDefaultEndpoints();
app.MapStaticAssets().ExcludeFromMultiTenantResolution().AllowAnonymous();
app.MapCityApi();
app.MapRazorPages();
app.Run();
