using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Architecture.Tests;

/// <summary>
/// Every store's migrations, on both providers, end at its model. A node does not check this when it starts
/// (EF's check builds each store's model a second time and compares it with the snapshot: seconds of CPU per
/// start for eight stores), so a model change without its migration is caught here, by name.
/// </summary>
public sealed class StoreMigrationTests
{
    private static readonly string[] Assemblies =
    [
        "Platform.Planning.Module", "Platform.Inspection.Module", "Platform.Rectification.Module", "Platform.Assessment.Module",
        "Platform.Notification.Module", "Platform.Console", "Platform.BuildingBlocks",
    ];

    public static TheoryData<string> Factories()
    {
        var data = new TheoryData<string>();
        foreach (var factory in FactoryTypes())
        {
            data.Add(factory.AssemblyQualifiedName!);
        }
        return data;
    }

    [Fact]
    public void Every_store_has_a_design_time_factory_per_provider()
    {
        var stores = FactoryTypes().Select(t => ContextOf(t).Name).ToList();
        // Planning, inspection, rectification, assessment, notification, the console's accounts and the federation
        // store (links and their outboxes), each on SQLite and PostgreSQL.
        Assert.True(stores.Count >= 14, string.Join(", ", stores));
        Assert.Equal(stores.Count(s => s.StartsWith("Sqlite", StringComparison.Ordinal)), stores.Count(s => s.StartsWith("Postgres", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void The_migrations_end_at_the_model(string factoryType)
    {
        var factory = Activator.CreateInstance(Type.GetType(factoryType, throwOnError: true)!, nonPublic: true)!;
        var create = factory.GetType().GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!;
        using var db = (DbContext)create.Invoke(factory, [Array.Empty<string>()])!;
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"{db.GetType().Name}'s model has changes that no migration holds: add one for both providers (scripts/add-migration.sh).");
    }

    private static IEnumerable<Type> FactoryTypes() =>
        Assemblies.SelectMany(a => Assembly.Load(a).GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && IsDesignTimeFactory(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static bool IsDesignTimeFactory(Type type) =>
        type.BaseType is { IsGenericType: true } b
        && (b.GetGenericTypeDefinition() == typeof(SqliteDesignTimeFactory<>) || b.GetGenericTypeDefinition() == typeof(PostgresDesignTimeFactory<>));

    private static Type ContextOf(Type factory) => factory.BaseType!.GetGenericArguments()[0];
}
