using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Persistence;

namespace Platform.WebConsole.Accounts;

/// <summary>The console's account store (<c>consoledb</c>): who may sign in, with which unit and roles.</summary>
public class AccountsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConsoleAccount> Accounts => Set<ConsoleAccount>();

    /// <summary>The account changes, in the node's tamper-evident audit trail: the edge seals this store like the services' (ADR 0011).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The console's sessions: the cookie names one; sign-out and account changes delete them (ADR 0021).</summary>
    public DbSet<Sessions.ConsoleSessionRecord> Sessions => Set<Sessions.ConsoleSessionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var account = modelBuilder.Entity<ConsoleAccount>();
        account.ToTable("accounts");
        account.HasKey(a => a.Id);
        account.Property(a => a.Id).ValueGeneratedNever();
        account.Property(a => a.UserName).HasMaxLength(64).IsRequired();
        account.HasIndex(a => a.UserName).IsUnique();
        account.Property(a => a.DisplayName).HasMaxLength(100).IsRequired();
        account.Property(a => a.Roles).HasMaxLength(200).IsRequired();
        account.Property(a => a.PasswordHash).HasMaxLength(200).IsRequired();
        account.Property(a => a.TotpSecret).HasMaxLength(64);
        account.Ignore(a => a.RoleList);
        var session = modelBuilder.Entity<Sessions.ConsoleSessionRecord>();
        session.ToTable("sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Subject).HasMaxLength(200).IsRequired();
        session.Property(s => s.Registration).HasMaxLength(32).IsRequired();
        session.HasIndex(s => s.Subject);
        // The node's OpenID Connect issuer keeps its client applications, codes and authorizations here too (ADR 0021).
        modelBuilder.UseOpenIddict();
        modelBuilder.MapAuditTables(Database);
    }
}

/// <summary>The SQLite flavour, which carries the SQLite migrations.</summary>
public sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options);

/// <summary>The PostgreSQL flavour, which carries the PostgreSQL migrations.</summary>
public sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options);

public sealed class SqliteAccountsDesignTimeFactory : SqliteDesignTimeFactory<SqliteAccountsDbContext>;

public sealed class PostgresAccountsDesignTimeFactory : PostgresDesignTimeFactory<PostgresAccountsDbContext>;
