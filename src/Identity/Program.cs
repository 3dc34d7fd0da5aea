using Autowartung.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapGet("/", () => Results.Redirect(Autowartung.ServiceDefaults.Hosting.PlatformUrls.SignInPath)).ExcludeFromDescription();
app.MapRazorPages();
app.Run();
