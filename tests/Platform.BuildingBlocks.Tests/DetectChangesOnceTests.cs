using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;

namespace Platform.BuildingBlocks.Tests;

/// <summary>
/// A platform context's save detects its changes once (issue 18): every ChangeTracker.Entries of the
/// save's hooks used to detect them again over every tracked entity, 20 s of a 30 s AssignTask.
/// </summary>
public sealed class DetectChangesOnceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"detect-once-{Guid.NewGuid():N}.db");
    private int _detections;

    public DetectChangesOnceTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    private TestDbContext NewContext() =>
        new(new DbContextOptionsBuilder<TestDbContext>()
            .UseSqlite($"Data Source={_path}")
            .AddInterceptors(new DomainEventInterceptor(new EventStamper(
                new HttpContextAccessor(), new FakeTimeProvider(), Microsoft.Extensions.Options.Options.Create(new NodeOptions { Id = "nantong" }))))
            .LogTo(_ => Interlocked.Increment(ref _detections), [CoreEventId.DetectChangesStarting])
            .Options);

    [Fact]
    public async Task A_save_detects_changes_once_and_still_saves_what_changed_untold()
    {
        var kept = Guid.CreateVersion7();
        await using (var db = NewContext())
        {
            db.Widgets.Add(new Widget { Id = kept, Name = "旧名" });
            await db.SaveChangesAsync();
        }

        await using (var db = NewContext())
        {
            var widget = await db.Widgets.SingleAsync(w => w.Id == kept);
            widget.Name = "新名";
            db.Widgets.Add(Widget.Make(Guid.CreateVersion7(), "新建"));
            Volatile.Write(ref _detections, 0);
            await db.SaveChangesAsync();
            Assert.Equal(1, Volatile.Read(ref _detections));
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled, "the context detects changes again after the save");
        }

        await using var check = NewContext();
        Assert.Equal("新名", (await check.Widgets.SingleAsync(w => w.Id == kept)).Name);
        Assert.Single(await check.OutboxMessages.ToListAsync());
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            SqliteConnection.ClearPool(connection);
        }
        File.Delete(_path);
    }
}
