using Autowartung.Admin.Web.Api;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().AddRequirements(new PlatformAdminRequirement()).RequireAuthenticatedUser().Build());

// A new city or workshop is made on its page without an id; the literal route wins over /staedte/{slug}.
builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(pages =>
{
    pages.Conventions.AddPageRoute("/Cities/City", "/staedte/neu");
    pages.Conventions.AddPageRoute("/Workshops/Workshop", "/staedte/{slug}/werkstaetten/neu");
});

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.UsePlatformAuthorization();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAdminApi();
app.MapRazorPages();
app.Run();
