using Autowartung.Admin.Web.Api;
using Autowartung.Platform.Notifications;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOutboxSending();
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().AddRequirements(new PlatformAdminRequirement()).RequireAuthenticatedUser().Build());

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.UsePlatformAuthorization();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAdminApi();
app.MapRazorPages();
app.Run();
