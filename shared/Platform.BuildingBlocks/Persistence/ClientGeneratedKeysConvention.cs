using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Entities get their Guid v7 ids in code, never from the database. Without this, EF takes a
/// new child added to a loaded parent's collection for an existing row (its key is already
/// set) and updates instead of inserting.
/// </summary>
internal sealed class ClientGeneratedKeysConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
        {
            foreach (var property in entity.FindPrimaryKey()?.Properties ?? [])
            {
                if (property.ClrType == typeof(Guid))
                {
                    property.Builder.ValueGenerated(ValueGenerated.Never);
                }
            }
        }
    }
}
