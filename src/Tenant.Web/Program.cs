using Autowartung.MultiTenancy.AspNetCore;
using Autowartung.ServiceDefaults;
using Autowartung.Tenant.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCityHosts();

var app = builder.Build();
app.UseServiceDefaults();
app.UseCityHosts();
app.MapDefaultEndpoints();
app.MapStaticAssets().ExcludeFromMultiTenantResolution();
app.MapRazorPages();
app.Run();
