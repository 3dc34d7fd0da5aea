using Autowartung.Admin.Web.Api;
using Autowartung.ServiceDefaults;
using Autowartung.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().AddRequirements(new PlatformAdminRequirement()).RequireAuthenticatedUser().Build());

// A new city is made on the city page without a slug; the literal route wins over /staedte/{slug}.
builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(pages => pages.Conventions.AddPageRoute("/Cities/City", "/staedte/neu"));

var app = builder.Build();
app.UseServiceDefaults();
app.UsePlatformAuthentication();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAdminApi();
app.MapRazorPages();
app.Run();
