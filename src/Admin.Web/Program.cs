using Autowartung.Admin.Web.Api;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAdminApi();
builder.AddOutboxSending();
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().AddRequirements(new PlatformAdminRequirement()).RequireAuthenticatedUser().Build());

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.UsePlatformAuthorization();
app.MapDefaultEndpoints();
app.MapStaticAssets().AllowAnonymous();   // the stylesheet and the icon, public as in every app
app.MapAdminApi();
app.MapRazorPages();
app.Run();
