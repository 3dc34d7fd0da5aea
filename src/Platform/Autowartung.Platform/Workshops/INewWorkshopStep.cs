namespace Autowartung.Platform.Workshops;

/// <summary>
/// What another feature adds to a new workshop in the transaction that creates it, such as the standard
/// pickup windows of Scheduling. Workshops owns this seam, so it need not know the features above it.
/// An implementation only adds rows to the scoped DbContext; <see cref="SaveWorkshop"/> saves them.
/// </summary>
public interface INewWorkshopStep
{
    void Add(PartnerWorkshop workshop, SaveWorkshop.Request request);
}
