using Autowartung.Admin.Web.Api;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults;
using Autowartung.Web;
using Autowartung.Web.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatform();
builder.AddAdminApi();
builder.AddOutboxSending();   // every app sends the outbox, so mail goes out whichever of them runs
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().AddRequirements(new PlatformAdminRequirement()).RequireAuthenticatedUser().Build());

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.UsePlatformAuthorization();
app.MapPlatformEndpoints();
app.MapStaticAssets().AllowAnonymous();   // the stylesheet and the icon, public as in every app
app.MapAdminApi();
app.MapRazorPages();
app.Run();
