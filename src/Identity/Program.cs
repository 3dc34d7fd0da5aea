using Autowartung.Identity.Accounts;
using Autowartung.Identity.Api;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Hosting;
using Autowartung.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatform();
builder.AddIdentityService();
builder.AddAuthApi();
builder.AddOutboxSending();   // every app sends the outbox, so mail goes out whichever of them runs

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.UsePlatformAuthorization();
app.MapPlatformEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapGet("/", () => Results.Redirect(PlatformUrls.SignInPath)).ExcludeFromDescription();
app.MapAuthApi();
app.MapRazorPages();
app.Run();
