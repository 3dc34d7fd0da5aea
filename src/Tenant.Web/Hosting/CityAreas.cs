using Autowartung.Web.Access;

namespace Autowartung.Tenant.Web.Hosting;

public static class CityAreas
{
    /// <summary>
    /// <c>/jockey</c> is for the city's jockeys, <c>/workshop</c> for its workshop staff. Anyone else who is
    /// signed in gets a 404; an anonymous visitor is sent to sign in for that area.
    /// </summary>
    public static WebApplicationBuilder AddCityAreas(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Jockey", Policies.Jockey);
            options.Conventions.AuthorizeFolder("/Workshop", Policies.WorkshopStaff);
        });
        return builder;
    }
}
