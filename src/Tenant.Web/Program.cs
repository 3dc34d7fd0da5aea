using Autowartung.ServiceDefaults;
using Autowartung.Tenant.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCityHosts();

var app = builder.Build();
app.UseServiceDefaults();
app.UseCityHosts();
app.MapDefaultEndpoints();
app.MapRazorPages();
app.Run();
