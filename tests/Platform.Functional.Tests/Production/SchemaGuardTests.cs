using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Planning.Module.Infrastructure;
using Xunit;

namespace Platform.Functional.Tests.Production;

/// <summary>A roll-back of the code over a database a newer version migrated stops at start instead of misreading its tables.</summary>
public sealed class SchemaGuardTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("platform-schema-").FullName;

    private sealed class NodeOn(string data) : EmbeddedNodeFactory
    {
        protected override string? SharedDataDirectory => data;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The stores migrate side by side: when one refuses to start, the others may still be writing for a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_data, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }

    [Fact]
    public async Task A_node_refuses_to_start_on_a_schema_newer_than_it_knows()
    {
        using (var first = new NodeOn(_data))
        {
            first.CreateClient().Dispose();
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlanningDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromANewerVersion', '99.0.0')");
        }

        using var second = new NodeOn(_data);
        var refused = Assert.ThrowsAny<Exception>(() => second.CreateClient());
        var message = Platform.ServiceDefaults.HostMain.Describe(refused);
        Assert.Contains("29991231000000_FromANewerVersion", message);
        Assert.Contains("a newer version migrated it", message);
    }

    [Fact]
    public async Task The_same_schema_starts_again()
    {
        using (var first = new NodeOn(_data))
        {
            first.CreateClient().Dispose();
        }
        using var second = new NodeOn(_data);
        using var client = second.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
    }
}
