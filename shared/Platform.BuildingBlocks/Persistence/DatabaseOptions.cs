namespace Platform.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
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
}
