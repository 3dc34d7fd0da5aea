using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Autowartung.Platform.Geography;

/// <summary>An address stored inline as address_street, address_postal_code and address_town, wherever it appears.</summary>
internal static class AddressColumns
{
    public static void Map(ComplexPropertyBuilder<Address> address)
    {
        address.Property(a => a.Street).HasColumnName("address_street").HasMaxLength(120);
        address.Property(a => a.PostalCode).HasColumnName("address_postal_code").HasMaxLength(5).IsFixedLength();
        address.Property(a => a.Town).HasColumnName("address_town").HasMaxLength(80);
    }
}
