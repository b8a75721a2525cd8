using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Federation;

/// <summary>The federation store on SQLite; its migrations live in Federation/Migrations/Sqlite.</summary>
public sealed class SqliteFederationDbContext(DbContextOptions<SqliteFederationDbContext> options) : FederationDbContext(options);

/// <summary>The federation store on PostgreSQL; its migrations live in Federation/Migrations/Postgres.</summary>
public sealed class PostgresFederationDbContext(DbContextOptions<PostgresFederationDbContext> options) : FederationDbContext(options);

internal sealed class SqliteFederationDesignTimeFactory : SqliteDesignTimeFactory<SqliteFederationDbContext>;

internal sealed class PostgresFederationDesignTimeFactory : PostgresDesignTimeFactory<PostgresFederationDbContext>;
