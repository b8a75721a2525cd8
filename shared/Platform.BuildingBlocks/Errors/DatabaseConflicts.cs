using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// The two ways a save loses a race, as the caller hears them: a version conflict (Aborted: reload
/// and try again) and a unique-key clash (AlreadyExists, naming what exists, or the module's words
/// from <see cref="PlatformDbContext.DescribeUniqueKeys"/>), on SQLite and PostgreSQL alike.
/// </summary>
internal static class DatabaseConflicts
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public static ClassifiedError ChangedMeanwhile(DbUpdateConcurrencyException exception)
    {
        var what = exception.Entries.FirstOrDefault() is { } entry ? DisplayName(entry.Metadata.ClrType.Name) : "record";
        return new(StatusCode.Aborted, $"The {what} was changed by someone else meanwhile; reload it and try again.", []);
    }

    public static bool IsUniqueKeyClash(DbUpdateException exception) => exception.InnerException is
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } or
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    public static ClassifiedError UniqueKeyClash(DbUpdateException exception)
    {
        var context = exception.Entries.FirstOrDefault()?.Context;
        if (context is null || FindKey(context.Model, exception.InnerException!) is not { } key)
        {
            return new(StatusCode.AlreadyExists, "A record with the same key already exists.", []);
        }
        var (entityType, properties) = key;

        // A batch may hold several rows of the type; only a single one is surely the one that clashed.
        var rows = exception.Entries.Where(e => entityType.ClrType.IsAssignableFrom(e.Metadata.ClrType)).Take(2).ToList();
        var row = rows.Count == 1 ? rows[0] : null;
        var meaning = (context as PlatformDbContext)?.UniqueKeys.Find(entityType.ClrType, properties.Select(p => p.Name).ToList());
        if (meaning?.Message(row?.Entity) is { } message)
        {
            return new(meaning.ChangedMeanwhile ? StatusCode.Aborted : StatusCode.AlreadyExists, message, []);
        }
        return new(StatusCode.AlreadyExists, GenericMessage(entityType, properties, row), []);
    }

    /// <summary>The entity and columns of the unique index or key the database names in its error.</summary>
    private static (IEntityType Entity, IReadOnlyList<IProperty> Properties)? FindKey(IModel model, Exception error)
    {
        foreach (var entityType in model.GetEntityTypes())
        {
            var table = entityType.GetTableName();
            if (table is null)
            {
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var keys = entityType.GetIndexes().Where(i => i.IsUnique).Select(i => (Name: i.GetDatabaseName(store), Properties: i.Properties))
                .Concat(entityType.GetDeclaredKeys().Select(k => (Name: k.GetName(store), Properties: k.Properties)));
            foreach (var (name, properties) in keys)
            {
                var matches = error switch
                {
                    Npgsql.PostgresException postgres => name == postgres.ConstraintName && table == postgres.TableName,
                    Microsoft.Data.Sqlite.SqliteException sqlite => SqliteColumns(sqlite.Message) is { } failed &&
                        failed.Table == table && failed.Columns.SetEquals(properties.Select(p => p.GetColumnName(store))),
                    _ => false,
                };
                if (matches)
                {
                    return (entityType, properties);
                }
            }
        }
        return null;
    }

    /// <summary>SQLite names the columns, not the index: "UNIQUE constraint failed: units.Name" (or "t.a, t.b").</summary>
    private static (string Table, HashSet<string?> Columns)? SqliteColumns(string message)
    {
        const string marker = "constraint failed: ";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        var list = message[(start + marker.Length)..];
        var end = list.IndexOf('\'', StringComparison.Ordinal);
        var qualified = (end < 0 ? list : list[..end]).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var tables = qualified.Select(q => q[..Math.Max(q.LastIndexOf('.'), 0)]).Distinct().ToList();
        return tables.Count == 1
            ? (tables[0], qualified.Select(q => (string?)q[(q.LastIndexOf('.') + 1)..]).ToHashSet(StringComparer.Ordinal))
            : null;
    }

    /// <summary>"A unit with name '南通市司法局' already exists." or, without the row, "A unit with the same name already exists."</summary>
    private static string GenericMessage(IEntityType entityType, IReadOnlyList<IProperty> properties, EntityEntry? row)
    {
        var what = DisplayName(entityType.ClrType.Name);
        var article = "aeiou".Contains(what[0], StringComparison.Ordinal) ? "An" : "A";
        var key = row is null
            ? "the same " + string.Join(" and ", properties.Select(p => DisplayName(p.Name)))
            : string.Join(" and ", properties.Select(p => $"{DisplayName(p.Name)} '{Shorten(row.Property(p.Name).CurrentValue)}'"));
        return $"{article} {what} with {key} already exists.";
    }

    /// <summary>"UnitGroup" as "unit group", "TaskId" as "task id".</summary>
    private static string DisplayName(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ');
            }
            words.Append(char.ToLowerInvariant(name[i]));
        }
        return words.ToString();
    }

    private static string Shorten(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.Length <= 60 ? text : text[..60] + "…";
    }
}
