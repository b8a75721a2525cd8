using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>A link's two sequences, written by different hands at the same moment.</summary>
public sealed class LinkSequenceTests : CityAndCounty
{
    [Fact]
    public async Task A_message_received_from_the_parent_while_one_is_written_for_it_leaves_both_standing()
    {
        await using var city = City.NewContext();
        var enrolled = await EnrolCountyAsync(City.Enrolment(city));
        await LinkOutbox.EnqueueAsync(city, enrolled.CityLinkId, Guid.CreateVersion7(), TestTaskHandler.Name, "任务", Clock.GetUtcNow(), default);
        await city.SaveChangesAsync();

        // The county is writing its progress for the city (its parent link's outgoing sequence, not saved yet)...
        await using var writing = County.NewContext();
        var up = await LinkOutbox.EnqueueAsync(writing, enrolled.CountyLinkId, Guid.CreateVersion7(), TestTaskHandler.Name, "进展", Clock.GetUtcNow(), default);
        // ...when the city's task arrives on the same link and moves its received sequence.
        Assert.Equal(1, await City.Deliverer(city, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(enrolled.CityLinkId, default));
        await writing.SaveChangesAsync();

        await using var county = County.NewContext();
        var link = await county.Links.SingleAsync(l => l.Id == enrolled.CountyLinkId);
        Assert.Equal((1L, 2L), (link.LastReceivedSequence, link.NextOutgoingSequence));
        Assert.Equal((1L, "进展"), (up!.Sequence, (await county.LinkOutbox.SingleAsync()).Payload));
        Assert.Equal("任务", (await county.LinkInbox.SingleAsync()).Payload);
    }

    [Fact]
    public async Task Two_messages_written_for_the_same_peer_at_once_do_not_share_a_sequence()
    {
        await using var city = City.NewContext();
        var enrolled = await EnrolCountyAsync(City.Enrolment(city));
        await using var first = County.NewContext();
        await using var second = County.NewContext();
        await LinkOutbox.EnqueueAsync(first, enrolled.CountyLinkId, Guid.CreateVersion7(), TestTaskHandler.Name, "一", Clock.GetUtcNow(), default);
        await LinkOutbox.EnqueueAsync(second, enrolled.CountyLinkId, Guid.CreateVersion7(), TestTaskHandler.Name, "二", Clock.GetUtcNow(), default);
        await first.SaveChangesAsync();
        // The second writer's save fails (the sequence is taken); its consumer retries and takes the next one.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync());
        await using var retry = County.NewContext();
        Assert.Equal(2, (await LinkOutbox.EnqueueAsync(retry, enrolled.CountyLinkId, Guid.CreateVersion7(), TestTaskHandler.Name, "二", Clock.GetUtcNow(), default))!.Sequence);
    }
}
