using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    [Fact]
    public async Task A_city_passing_a_batch_up_while_another_county_writes_on_its_parent_link_applies_every_message()
    {
        var (countyLink, parentLink) = await CityWithParentAsync();
        // Between the batch's first and second message, another county's delivery passes one up on the same parent link.
        var rival = new WriteBeforeTransaction(2, async () =>
        {
            await using var other = City.NewContext();
            await LinkOutbox.EnqueueAsync(other, parentLink, Guid.CreateVersion7(), TestTaskHandler.Name, "另一县的进展", Clock.GetUtcNow(), default);
            await other.SaveChangesAsync();
        });
        await using var probe = City.NewContext();
        await using var city = new FederationDbContext(new DbContextOptionsBuilder<FederationDbContext>()
            .UseSqlite(probe.Database.GetConnectionString()).AddInterceptors(rival).Options);
        var relay = new RelayUpHandler();

        var acknowledgement = await new LinkInbox(city, [relay], Clock).ReceiveAsync(countyLink, [Envelope(1, "第一条"), Envelope(2, "第二条")], default);

        Assert.Equal((2L, 2, 2), (acknowledgement.AcknowledgedSequence, acknowledgement.Applied, relay.Calls));
        await using var check = City.NewContext();
        Assert.Equal(["第一条", "另一县的进展", "第二条"],
            await check.LinkOutbox.Where(m => m.LinkId == parentLink).OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        Assert.Equal([1L, 2L, 3L], await check.LinkOutbox.Where(m => m.LinkId == parentLink).OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync());
    }

    [Fact]
    public async Task A_message_whose_relay_loses_the_race_for_the_parent_links_sequence_is_applied_again_not_refused()
    {
        var (countyLink, parentLink) = await CityWithParentAsync();
        // As on PostgreSQL when two deliveries read the parent link's sequence at once: the first save fails on its token.
        var relay = new RelayUpHandler { LoseFirstRace = true };
        await using var city = City.NewContext();

        var acknowledgement = await new LinkInbox(city, [relay], Clock).ReceiveAsync(countyLink, [Envelope(1, "进展")], default);

        Assert.Equal((1L, 1, 2), (acknowledgement.AcknowledgedSequence, acknowledgement.Applied, relay.Calls));
        await using var check = City.NewContext();
        var sent = Assert.Single(await check.LinkOutbox.Where(m => m.LinkId == parentLink).ToListAsync());
        Assert.Equal((1L, "进展"), (sent.Sequence, sent.Payload));
        Assert.Single(await check.LinkInbox.Where(m => m.LinkId == countyLink).ToListAsync());
    }

    /// <summary>The city with an active county link and a parent link to pass messages up on.</summary>
    private async Task<(Guid CountyLink, Guid ParentLink)> CityWithParentAsync()
    {
        await using var city = City.NewContext();
        var enrolled = await EnrolCountyAsync(City.Enrolment(city));
        using var province = FederationCertificateAuthority.Create("jiangsu", Clock);
        var parent = await City.Enrolment(city).AddParentAsync("jiangsu", "320000", FederationCertificateAuthority.ThumbprintOf(province.NodeCertificate), default);
        return (enrolled.CityLinkId, parent.Id);
    }

    private FederationEnvelope Envelope(long sequence, string payload) =>
        new(sequence, Guid.CreateVersion7(), RelayUpHandler.Name, payload, Clock.GetUtcNow());

    /// <summary>Passes each message on to the node's parent link, in the transaction of its inbox row, as a city relays.</summary>
    private sealed class RelayUpHandler : IFederationMessageHandler
    {
        public const string Name = "federation.test_relay.v1";

        public string WireName => Name;

        public int Calls { get; private set; }

        public bool LoseFirstRace { get; init; }

        public async Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken)
        {
            Calls++;
            var parent = await db.Links.SingleAsync(l => l.Role == LinkRole.Parent, cancellationToken);
            await LinkOutbox.EnqueueAsync(db, parent.Id, envelope.MessageId, Name, envelope.Payload, envelope.OccurredAt, cancellationToken);
            if (LoseFirstRace && Calls == 1)
            {
                // The sequence read is stale: the save's check on it fails, as when another writer took it first.
                db.Entry(parent).Property(l => l.NextOutgoingSequence).OriginalValue = -1;
            }
        }
    }

    /// <summary>Runs a write of another hand just before the context's n-th transaction begins.</summary>
    private sealed class WriteBeforeTransaction(int transaction, Func<Task> write) : DbTransactionInterceptor
    {
        private int _started;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (++_started == transaction)
            {
                await write();
            }
            return result;
        }
    }
}
