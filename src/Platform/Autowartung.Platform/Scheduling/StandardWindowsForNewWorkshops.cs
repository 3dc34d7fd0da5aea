using Autowartung.Platform.Data;
using Autowartung.Platform.Workshops;

namespace Autowartung.Platform.Scheduling;

/// <summary>A new workshop created with the capacity template starts with its standard pickup windows.</summary>
public sealed class StandardWindowsForNewWorkshops(PlatformDbContext db) : INewWorkshopStep
{
    public void Add(PartnerWorkshop workshop, SaveWorkshop.Request request)
    {
        if (request.WithCapacityTemplate) db.PickupWindows.AddRange(CapacityTemplate.Standard(workshop.Id));
    }
}
