using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Autowartung.Platform.Data;

/// <summary>
/// Names tables, columns, keys and indexes in snake_case, the PostgreSQL habit, so hand-written SQL and
/// psql sessions need no quoting. Runs last; names set explicitly in a configuration win.
/// </summary>
internal sealed class SnakeCaseNamingConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        // Types stored inside a JSON column keep their JSON property names.
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().Where(e => !e.IsMappedToJson()))
        {
            if (entityType.GetTableName() is { } table && !entityType.IsOwned())
                entityType.SetTableName(ToSnakeCase(table));

            foreach (var property in entityType.GetDeclaredProperties())
                property.SetColumnName(ToSnakeCase(property.GetColumnName()));
            foreach (var complex in entityType.GetDeclaredComplexProperties().Where(c => c.ComplexType.GetContainerColumnName() is null))
                foreach (var property in complex.ComplexType.GetDeclaredProperties())
                    property.SetColumnName(ToSnakeCase(property.GetColumnName()));

            foreach (var key in entityType.GetDeclaredKeys())
                key.SetName(ToSnakeCase(key.GetDefaultName() ?? key.GetName()!));
            foreach (var foreignKey in entityType.GetDeclaredForeignKeys())
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetDefaultName() ?? foreignKey.GetConstraintName()!));
            foreach (var index in entityType.GetDeclaredIndexes())
                index.SetDatabaseName(ToSnakeCase(index.GetDefaultDatabaseName() ?? index.GetDatabaseName()!));
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var startsNewWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((previousIsLowerOrDigit || startsNewWord) && builder.Length > 0 && builder[^1] != '_') builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
