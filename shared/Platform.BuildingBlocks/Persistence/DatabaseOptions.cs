namespace Platform.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>SQLite's synchronous setting (https://sqlite.org/pragma.html#pragma_synchronous) in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>The WAL is synced at checkpoints only: a commit survives the node's crash, and may be lost with the last few commits by a power cut or an OS crash; the file itself is never corrupted.</summary>
    Normal,

    /// <summary>Every commit waits for the disk (about 4 ms on a virtual disk): survives a power cut, at most ~250 writes a second per file.</summary>
    Full,
}

/// <summary>Which database every service of the node uses (section "Database").</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for SQLite files when a service has no connection string of its own.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Migrate (with <see cref="MigrateOnStartup"/>) and stop: the deployment's migration Job runs each service so, before the new version rolls.</summary>
    public bool MigrateOnly { get; set; }

    /// <summary>
    /// SQLite only: whether a commit waits for the disk. Full by default: an acknowledged write (a
    /// liaison's report) survives a power cut. Normal trades that for throughput (one fsync per commit
    /// caps a file at a few hundred writes a second); an operator may choose it, knowing what it risks (ADR 0026).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;
}
