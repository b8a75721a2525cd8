using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>Latest-only messages (a task's progress summary): one per key per delivery round, the newest, never lost.</summary>
public sealed class CoalescedMessageTests : CityAndCounty
{
    [Fact]
    public async Task Many_changes_in_a_round_send_one_message_per_key_the_latest()
    {
        var link = await LinkAsync();
        for (var i = 1; i <= 200; i++)
        {
            await EnqueueLatestAsync(link, "task_progress:a", $"A{i}");
            if (i % 4 == 0)
            {
                await EnqueueLatestAsync(link, "task_progress:b", $"B{i}");
            }
        }
        await EnqueueAsync(link, "一");
        await using (var db = City.NewContext())
        {
            var status = Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default));
            Assert.Equal(3, status.Backlog);
            Assert.Equal(3, await City.Deliverer(db, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(link, default));
            Assert.Empty(await db.LinkPending.ToListAsync());
        }
        await using (var db = County.NewContext())
        {
            // The ordinary message first (it was in the backlog), then the newest state of each key.
            Assert.Equal(["一", "A200", "B200"], await db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        }
    }

    [Fact]
    public async Task A_change_made_while_the_round_is_on_the_wire_goes_in_the_next_round()
    {
        var link = await LinkAsync();
        await EnqueueLatestAsync(link, "task_progress:a", "A1");
        var transport = new InterleavingTransport(new LoopbackTransport(City.NodeThumbprint, County), () => EnqueueLatestAsync(link, "task_progress:a", "A2"));
        await using (var db = City.NewContext())
        {
            Assert.Equal(1, await City.Deliverer(db, transport).DeliverAsync(link, default));
        }
        await using (var db = City.NewContext())
        {
            Assert.Equal("A2", (await db.LinkPending.SingleAsync()).Payload);
            Assert.Equal(1, await City.Deliverer(db, transport).DeliverAsync(link, default));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(["A1", "A2"], await db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        }
    }

    [Fact]
    public async Task A_replacement_between_the_rounds_read_and_its_save_is_not_deleted_unsent()
    {
        var link = await LinkAsync();
        await EnqueueLatestAsync(link, "task_progress:a", "A1");
        await using var round = City.NewContext();
        // The round has read A1 (the flush's query returns the instance it tracks) when A2 replaces it.
        Assert.Equal("A1", (await round.LinkPending.SingleAsync()).Payload);
        await EnqueueLatestAsync(link, "task_progress:a", "A2");
        Assert.Equal(0, await LinkOutbox.FlushPendingAsync(round, link, default));
        await using (var db = City.NewContext())
        {
            Assert.Empty(await db.LinkOutbox.ToListAsync());
            Assert.Equal("A2", (await db.LinkPending.SingleAsync()).Payload);
            Assert.Equal(1, await LinkOutbox.FlushPendingAsync(db, link, default));
        }
        await using (var db = City.NewContext())
        {
            Assert.Equal("A2", (await db.LinkOutbox.SingleAsync()).Payload);
        }
    }

    [Fact]
    public async Task While_the_peer_is_down_the_changes_wait_as_one_and_an_older_one_arriving_late_changes_nothing()
    {
        var link = await LinkAsync();
        var transport = new LoopbackTransport(City.NodeThumbprint, County) { FailNextCalls = 1000 };
        await EnqueueAsync(link, "一");
        for (var round = 1; round <= 5; round++)
        {
            Clock.Advance(TimeSpan.FromHours(1));
            await EnqueueLatestAsync(link, "task_progress:a", $"A{round}");
            await using var db = City.NewContext();
            Assert.Equal(0, await City.Deliverer(db, transport).DeliverAsync(link, default));
        }
        // Sent before A5 but consumed after it (the bus does not promise order).
        await EnqueueLatestAsync(link, "task_progress:a", "A0", Clock.GetUtcNow().AddMinutes(-30));
        transport.FailNextCalls = 0;
        await using (var db = City.NewContext())
        {
            Assert.Equal(2, Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default)).Backlog);
            Assert.Equal(2, await City.Deliverer(db, transport).DeliverAsync(link, default));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(["一", "A5"], await db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        }
    }

    private async Task<Guid> LinkAsync()
    {
        await using var db = City.NewContext();
        return (await EnrolCountyAsync(City.Enrolment(db))).CityLinkId;
    }

    private async Task EnqueueAsync(Guid linkId, string payload)
    {
        await using var db = City.NewContext();
        await LinkOutbox.EnqueueAsync(db, linkId, Guid.CreateVersion7(), TestTaskHandler.Name, payload, Clock.GetUtcNow(), default);
        await db.SaveChangesAsync();
    }

    private async Task EnqueueLatestAsync(Guid linkId, string key, string payload, DateTimeOffset? occurredAt = null)
    {
        await using var db = City.NewContext();
        await LinkOutbox.EnqueueLatestAsync(db, linkId, key, Guid.CreateVersion7(), TestTaskHandler.Name, payload, occurredAt ?? Clock.GetUtcNow(), default);
        await db.SaveChangesAsync();
    }
}
