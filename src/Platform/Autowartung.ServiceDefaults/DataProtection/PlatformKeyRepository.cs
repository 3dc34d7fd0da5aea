using System.Xml.Linq;
using Autowartung.Platform.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.ServiceDefaults.DataProtection;

/// <summary>
/// Keeps the Data Protection key ring in PostgreSQL (<c>data_protection_keys</c>), shared by every app and
/// instance, so a cookie protected on one host is readable on all others. Shaped like
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore, which cannot be restored here.
/// </summary>
internal sealed class PlatformKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).AsEnumerable()
            .Where(k => !string.IsNullOrEmpty(k.Xml))
            .Select(k => XElement.Parse(k.Xml!))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
