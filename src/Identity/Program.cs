using Autowartung.Identity.Accounts;
using Autowartung.Identity.Api;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Authentication;
using Autowartung.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityService();
builder.AddAuthApi();
builder.AddOutboxSending();

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.UsePlatformAuthorization();
app.MapDefaultEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapGet("/", () => Results.Redirect(PlatformUrls.SignInPath)).ExcludeFromDescription();
app.MapAuthApi();
app.MapRazorPages();
app.Run();
