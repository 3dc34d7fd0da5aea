using Autowartung.Platform.Data;
using Autowartung.Platform.Workshops;

namespace Autowartung.Platform.Pricing;

/// <summary>A new workshop starts with the template price list and labour rate, which it then owns.</summary>
public sealed class TemplatePricesForNewWorkshops(PlatformDbContext db) : INewWorkshopStep
{
    public void Add(PartnerWorkshop workshop, SaveWorkshop.Request request)
    {
        workshop.SetLabourRate(PriceListTemplate.LabourRateNetCents);
        db.WorkshopPrices.AddRange(PriceListTemplate.For(workshop.Id));
    }
}
