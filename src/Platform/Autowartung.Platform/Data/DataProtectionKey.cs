namespace Autowartung.Platform.Data;

/// <summary>
/// One key of the ASP.NET Core Data Protection key ring. All apps share the ring through this table,
/// which is what lets a cookie issued by the identity service be read on every city's host.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string? Xml { get; set; }
}
