using Microsoft.Extensions.Logging;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>A city node and one of its counties, each with its own store, joined through an enrolment code.</summary>
public sealed class FederationLinkTests : CityAndCounty
{

    [Fact]
    public async Task A_code_enrols_one_child_once_and_the_link_is_trusted_only_after_approval()
    {
        var link = await RegisterCountyAsync();
        Assert.Equal(LinkState.Pending, link.State);
        await using (var db = City.NewContext())
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => new FederationTrust(db).AuthorizeAsync(null, default));
            Assert.Null(link.PeerCertificateThumbprint);
            var (_, issued) = await City.Enrolment(db).ApproveAsync(link.Id, City.Authority, default);
            using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
            // Issued by the city's authority for the county's own key, under the county's node id.
            Assert.Equal("CN=chongchuan", certificate.Subject);
            Assert.Equal(City.Authority.Authority.Subject, certificate.Issuer);
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(City.Authority.Authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationTime = Clock.GetUtcNow().UtcDateTime;
                Assert.True(chain.Build(certificate));
            }
            Assert.Equal(County.Key.ExportSubjectPublicKeyInfo(), certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo());
            Assert.Equal(City.NodeThumbprint, issued.ParentCertificateThumbprint);
            County.IssuedCertificateThumbprint = FederationCertificateAuthority.ThumbprintOf(certificate);
            await Assert.ThrowsAsync<PreconditionFailedException>(() => City.Enrolment(db).ApproveAsync(link.Id, City.Authority, default));
        }
        await using (var db = City.NewContext())
        {
            var trusted = await new FederationTrust(db).AuthorizeAsync(County.IssuedCertificateThumbprint.ToUpperInvariant(), default);
            Assert.Equal("chongchuan", trusted.PeerNodeId);
            await Assert.ThrowsAsync<PermissionDeniedException>(() => new FederationTrust(db).AuthorizeAsync(new string('a', 64), default));
        }
    }

    [Fact]
    public async Task A_spent_or_expired_code_is_refused()
    {
        IssuedEnrolmentCode spent, expiring;
        await using (var db = City.NewContext())
        {
            spent = await City.Enrolment(db).CreateCodeAsync("320602", default);
            expiring = await City.Enrolment(db).CreateCodeAsync("320612", default);
            await City.Enrolment(db).RegisterChildAsync(spent.Code, "chongchuan", "320602", County.RequestPem, default);
        }
        Clock.Advance(City.Federation.EnrolmentCodeLifetime);
        await using (var db = City.NewContext())
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => City.Enrolment(db).RegisterChildAsync(spent.Code, "other", "320602", County.RequestPem, default));
            await Assert.ThrowsAsync<PermissionDeniedException>(() => City.Enrolment(db).RegisterChildAsync(expiring.Code, "tongzhou", "320612", County.RequestPem, default));
            Assert.Equal(1, await db.Links.CountAsync());
            Assert.DoesNotContain(spent.Code, await db.EnrolmentCodes.Select(c => c.CodeHash).ToListAsync());
        }
    }

    [Fact]
    public async Task A_registration_repeated_after_its_answer_was_lost_gets_the_same_pending_link_and_nobody_else_does()
    {
        await using var db = City.NewContext();
        var code = await City.Enrolment(db).CreateCodeAsync("320602", default);
        var first = await City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320602", County.RequestPem, default);
        // The same node, code and key again (a new request, signed anew, as the child's retry or its operator sends it).
        var again = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=chongchuan", County.Key, System.Security.Cryptography.HashAlgorithmName.SHA256).CreateSigningRequestPem();
        Assert.NotEqual(County.RequestPem, again);
        var repeated = await City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320602", again, default);
        Assert.Equal((first.Id, LinkState.Pending), (repeated.Id, repeated.State));
        // Another key or another node with the spent code is refused, as any spent code is.
        var (otherKey, otherRequest) = FederationCertificateAuthority.CreateRequest("chongchuan");
        using (otherKey)
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320602", otherRequest, default));
        }
        await Assert.ThrowsAsync<PermissionDeniedException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "other", "320602", County.RequestPem, default));
        // Once approved, the code is spent for good.
        await City.Enrolment(db).ApproveAsync(first.Id, City.Authority, default);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320602", County.RequestPem, default));
        Assert.Equal(1, await db.Links.CountAsync());
    }

    [Fact]
    public async Task Bad_registration_fields_are_named()
    {
        await using var db = City.NewContext();
        var code = await City.Enrolment(db).CreateCodeAsync("320602", default);
        var error = await Assert.ThrowsAsync<ValidationException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "bad id!", "320602", "-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----", default));
        Assert.Equal(["node_id", "certificate_request"], error.Violations.Select(v => v.Field));
        var region = await Assert.ThrowsAsync<ValidationException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "tongzhou", "320612", County.RequestPem, default));
        Assert.Equal("region_code", Assert.Single(region.Violations).Field);
    }

    [Fact]
    public async Task A_child_named_like_this_node_or_its_parent_is_refused_ignoring_case_and_the_code_is_not_spent()
    {
        await using var city = City.NewContext();
        city.Links.Add(new FederationLink { Id = Guid.CreateVersion7(), PeerNodeId = "jiangsu", PeerRegionCode = "320000", Role = LinkRole.Parent, State = LinkState.Active });
        await city.SaveChangesAsync();
        var code = await City.Enrolment(city).CreateCodeAsync("320602", default);
        foreach (var id in new[] { "nantong", "NanTong", "jiangsu", "JIANGSU" })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => City.Enrolment(city).RegisterChildAsync(code.Code, id, "320602", County.RequestPem, default));
            Assert.Equal("node_id", Assert.Single(refused.Violations).Field);
        }
        Assert.Equal(LinkRole.Child, (await City.Enrolment(city).RegisterChildAsync(code.Code, "chongchuan", "320602", County.RequestPem, default)).Role);
        Assert.Equal(2, await city.Links.CountAsync());
    }

    [Theory]
    [InlineData(NodeLevel.Province, "320000", "320600", true)]
    [InlineData(NodeLevel.Province, "320000", "330600", false)]
    [InlineData(NodeLevel.Province, "320000", "320602", false)]
    [InlineData(NodeLevel.City, "320600", "320602", true)]
    [InlineData(NodeLevel.City, "320600", "320700", false)]
    [InlineData(NodeLevel.City, "320600", "32060", false)]
    [InlineData(NodeLevel.County, "320602", "320603", false)]
    // Not GB/T 2260 regions: no such city in Jiangsu, no such county in Nantong, no such province.
    [InlineData(NodeLevel.Province, "320000", "329900", false)]
    [InlineData(NodeLevel.Province, "320000", "321400", false)]
    [InlineData(NodeLevel.City, "320600", "320699", false)]
    [InlineData(NodeLevel.City, "320600", "320603", false)]
    [InlineData(NodeLevel.Province, "990000", "990100", false)]
    // Nantong's counties now, and codes withdrawn since 2018 that offices' records still use.
    [InlineData(NodeLevel.City, "320600", "320613", true)]
    [InlineData(NodeLevel.City, "320600", "320685", true)]
    [InlineData(NodeLevel.City, "320600", "320684", true)]
    [InlineData(NodeLevel.Province, "320000", "321300", true)]
    // A province whose cities and counties the table does not list: any code of valid structure inside it.
    [InlineData(NodeLevel.Province, "330000", "330600", true)]
    [InlineData(NodeLevel.City, "330600", "330699", true)]
    public void A_child_region_lies_inside_the_node_region(NodeLevel level, string region, string child, bool allowed)
    {
        var problem = Regions.ChildProblem(new NodeOptions { Level = level, RegionCode = region }, child);
        Assert.Equal(allowed, problem is null);
    }

    [Fact]
    public async Task A_code_for_a_region_outside_the_node_names_the_field()
    {
        await using var db = City.NewContext();
        var error = await Assert.ThrowsAsync<ValidationException>(() => City.Enrolment(db).CreateCodeAsync("320700", default));
        Assert.Equal("child_region_code", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task A_code_for_a_region_that_is_not_in_gbt_2260_names_the_field_and_the_code()
    {
        await using var db = City.NewContext();
        foreach (var region in new[] { "320699", "320603" })
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => City.Enrolment(db).CreateCodeAsync(region, default));
            var violation = Assert.Single(error.Violations);
            Assert.Equal("child_region_code", violation.Field);
            Assert.Contains(region, violation.Description);
            Assert.Contains("GB/T 2260", violation.Description);
        }
        Assert.Equal(0, await db.EnrolmentCodes.CountAsync());
    }

    [Fact]
    public void The_region_table_lists_every_province_and_jiangsus_13_cities_and_95_counties()
    {
        Assert.Equal(34, Enumerable.Range(10, 90).Count(p => RegionTable.Find($"{p}0000") is not null));
        var cities = RegionTable.CitiesOf("320000");
        Assert.Equal(13, cities.Count);
        Assert.Equal(95, cities.Sum(c => RegionTable.CountiesOf(c).Count));
        Assert.Equal(["320612", "320613", "320614", "320623", "320681", "320682", "320685"], RegionTable.CountiesOf("320600"));
        Assert.Equal(("崇川区", 2020), (RegionTable.Find("320602")!.Name, RegionTable.Find("320602")!.WithdrawnIn));
        Assert.Null(RegionTable.Problem("320602"));
        Assert.NotNull(RegionTable.Problem("329900"));
        Assert.NotNull(RegionTable.Problem("3206"));
    }

    [Fact]
    public async Task A_message_id_received_before_under_a_new_sequence_is_acknowledged_and_not_applied_again()
    {
        var (_, countyLink) = await LinkAsync();
        var repeated = Guid.CreateVersion7();
        FederationEnvelope Envelope(long sequence, Guid messageId, string payload) => new(sequence, messageId, TestTaskHandler.Name, payload, Clock.GetUtcNow());
        await using (var county = County.NewContext())
        {
            var acknowledgement = await new LinkInbox(county, [new TestTaskHandler()], Clock).ReceiveAsync(
                countyLink, [Envelope(1, repeated, "一"), Envelope(2, repeated, "一again"), Envelope(3, Guid.CreateVersion7(), "三")], default);
            Assert.Equal((3L, 2, 1), (acknowledgement.AcknowledgedSequence, acknowledgement.Applied, acknowledgement.Duplicates));
        }
        await using (var county = County.NewContext())
        {
            Assert.Equal([1L, 3L], await county.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync());
            Assert.Equal(2, await county.OutboxMessages.CountAsync());
            Assert.Equal(3, await county.Links.Where(l => l.Id == countyLink).Select(l => l.LastReceivedSequence).SingleAsync());
        }
    }

    [Fact]
    public async Task Messages_cross_in_order_once_each_even_when_an_answer_is_lost()
    {
        var (cityLink, _) = await LinkAsync();
        await EnqueueAsync(cityLink, "一", "二", "三", "四", "五");
        var transport = new LoopbackTransport(City.NodeThumbprint, County) { LoseNextAcknowledgement = true };
        await using (var db = City.NewContext())
        {
            Assert.Equal(5, await City.Deliverer(db, transport).DeliverAsync(cityLink, default));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(["一", "二", "三", "四", "五"], await db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
            // One local event per message: the resent first batch was recognised, not applied again.
            Assert.Equal(5, await db.OutboxMessages.CountAsync());
        }
        await using (var db = City.NewContext())
        {
            Assert.Equal(0, await db.LinkOutbox.CountAsync(m => m.DeliveredAt == null));
        }
    }

    [Fact]
    public async Task A_message_written_on_the_link_while_a_batch_is_in_flight_leaves_the_batch_delivered()
    {
        var (cityLink, _) = await LinkAsync();
        await EnqueueAsync(cityLink, "一");
        // As a city passing a county's report up while its own delivery to the province is on the wire.
        var transport = new InterleavingTransport(new LoopbackTransport(City.NodeThumbprint, County), () =>
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            return EnqueueAsync(cityLink, "二");
        });
        await using (var db = City.NewContext())
        {
            Assert.Equal(2, await City.Deliverer(db, transport).DeliverAsync(cityLink, default));
        }
        await using (var db = City.NewContext())
        {
            Assert.Equal(0, await db.LinkOutbox.CountAsync(m => m.DeliveredAt == null));
            var link = await db.Links.SingleAsync(l => l.Id == cityLink);
            Assert.Equal((3, Clock.GetUtcNow()), (link.NextOutgoingSequence, link.LastContactAt!.Value));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(["一", "二"], await db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        }
    }

    [Fact]
    public async Task A_peer_down_for_days_gets_the_backlog_when_it_returns()
    {
        var (cityLink, _) = await LinkAsync();
        await EnqueueAsync(cityLink, "一", "二");
        var transport = new LoopbackTransport(City.NodeThumbprint, County) { FailNextCalls = 100 };
        await using (var db = City.NewContext())
        {
            Assert.Equal(0, await City.Deliverer(db, transport).DeliverAsync(cityLink, default));
            // Polly tried the first call and its retries, then the link waits for its next round.
            Assert.Equal(1 + City.Federation.DeliveryRetries, transport.Calls);
            var first = await db.LinkOutbox.SingleAsync(m => m.Sequence == 1);
            Assert.Contains("HttpRequestException", first.LastError);
        }
        Clock.Advance(TimeSpan.FromDays(3));
        await EnqueueAsync(cityLink, "三");
        await using (var db = City.NewContext())
        {
            var status = Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default));
            Assert.Equal(3, status.Backlog);
            Assert.Equal(TimeSpan.FromDays(3), status.OldestUndeliveredAge);
        }
        transport.FailNextCalls = 1;
        await using (var db = City.NewContext())
        {
            Assert.Equal(3, await City.Deliverer(db, transport).DeliverAsync(cityLink, default));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(["一", "二", "三"], await db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync());
        }
    }

    [Fact]
    public async Task A_message_enqueued_twice_is_one_row_and_sequences_follow_the_writes()
    {
        var (cityLink, _) = await LinkAsync();
        var messageId = Guid.CreateVersion7();
        await using var db = City.NewContext();
        Assert.NotNull(await LinkOutbox.EnqueueAsync(db, cityLink, messageId, TestTaskHandler.Name, "一", Clock.GetUtcNow(), default));
        await db.SaveChangesAsync();
        Assert.Null(await LinkOutbox.EnqueueAsync(db, cityLink, messageId, TestTaskHandler.Name, "一", Clock.GetUtcNow(), default));
        var second = await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), TestTaskHandler.Name, "二", Clock.GetUtcNow(), default);
        await db.SaveChangesAsync();
        Assert.Equal(2, second!.Sequence);
        Assert.Equal(2, await db.LinkOutbox.CountAsync());
        var error = await Assert.ThrowsAsync<ValidationException>(() => LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), "planning.task_assigned.v1", "{}", Clock.GetUtcNow(), default));
        Assert.Equal("wire_name", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public async Task Two_writers_on_one_link_never_share_a_sequence()
    {
        var (cityLink, _) = await LinkAsync();
        await using var first = City.NewContext();
        await using var second = City.NewContext();
        await LinkOutbox.EnqueueAsync(first, cityLink, Guid.CreateVersion7(), TestTaskHandler.Name, "一", Clock.GetUtcNow(), default);
        await LinkOutbox.EnqueueAsync(second, cityLink, Guid.CreateVersion7(), TestTaskHandler.Name, "二", Clock.GetUtcNow(), default);
        await first.SaveChangesAsync();
        // The second read the same next sequence; its commit is refused on the sequence (a lost race every caller retries),
        // before its outbox row meets the (link, sequence) unique index (an error-level log and a failed round).
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = City.NewContext();
        Assert.Equal(["一"], await check.LinkOutbox.Select(m => m.Payload).ToListAsync());
        Assert.Equal(2, (await check.Links.SingleAsync(l => l.Id == cityLink)).NextOutgoingSequence);
    }

    [Fact]
    public async Task A_delivery_round_moving_pending_summaries_while_another_writer_takes_the_sequence_moves_nothing_and_fails_nothing()
    {
        var (cityLink, _) = await LinkAsync();
        await using (var db = City.NewContext())
        {
            await LinkOutbox.EnqueueLatestAsync(db, cityLink, "task_progress:1", Guid.CreateVersion7(), TestTaskHandler.Name, "汇总", Clock.GetUtcNow(), default);
            await db.SaveChangesAsync();
        }
        await using (var round = City.NewContext())
        {
            // The round has read the link (next sequence 1) when a consumer writes a message on it and commits first.
            await round.Links.SingleAsync(l => l.Id == cityLink);
            await using (var consumer = City.NewContext())
            {
                await LinkOutbox.EnqueueAsync(consumer, cityLink, Guid.CreateVersion7(), TestTaskHandler.Name, "任务", Clock.GetUtcNow(), default);
                await consumer.SaveChangesAsync();
            }
            // Once "UNIQUE constraint failed: federation_link_outbox.LinkId, Sequence" and a failed round: now a lost race,
            // nothing moved, the summary still pending for the next round.
            Assert.Equal(0, await LinkOutbox.FlushPendingAsync(round, cityLink, default));
        }
        await using (var round = City.NewContext())
        {
            Assert.Equal(1, await LinkOutbox.FlushPendingAsync(round, cityLink, default));
        }
        await using var check = City.NewContext();
        Assert.Equal([(1L, "任务"), (2L, "汇总")], (await check.LinkOutbox.OrderBy(m => m.Sequence).ToListAsync()).Select(m => (m.Sequence, m.Payload)));
    }

    [Fact]
    public async Task An_unknown_wire_name_is_kept_for_the_operator_and_does_not_block_the_link()
    {
        var (cityLink, _) = await LinkAsync();
        await using (var db = City.NewContext())
        {
            await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), "federation.test_task.v2", "来自新版本", Clock.GetUtcNow(), default);
            await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), TestTaskHandler.Name, "之后的消息", Clock.GetUtcNow(), default);
            await db.SaveChangesAsync();
            Assert.Equal(2, await City.Deliverer(db, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(cityLink, default));
        }
        await using (var county = County.NewContext())
        {
            var kept = await county.LinkInbox.SingleAsync(m => m.Sequence == 1);
            Assert.Equal((InboxState.Unrecognised, "来自新版本"), (kept.State, kept.Payload));
            Assert.Equal(InboxState.Applied, (await county.LinkInbox.SingleAsync(m => m.Sequence == 2)).State);
            Assert.Equal(1, await county.OutboxMessages.CountAsync());
            Assert.Equal(1, Assert.Single(await LinkStatusQuery.ListAsync(county, Clock, default)).Unrecognised);
        }
    }

    [Fact]
    public async Task Unrecognised_messages_are_replayed_once_the_node_knows_their_wire_name()
    {
        var (cityLink, countyLink) = await LinkAsync();
        await using (var db = City.NewContext())
        {
            await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), "federation.test_task.v2", "来自新版本", Clock.GetUtcNow(), default);
            await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), "federation.other_task.v1", "仍不认识", Clock.GetUtcNow(), default);
            await db.SaveChangesAsync();
            Assert.Equal(2, await City.Deliverer(db, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(cityLink, default));
        }

        // Upgraded: the county now has a handler for v2, not yet for the other name.
        await using (var county = County.NewContext())
        {
            var upgraded = new LinkInbox(county, [new TestTaskHandler(), new NamedTestHandler("federation.test_task.v2")], Clock);
            Assert.Equal((1, 1), await upgraded.ReplayUnrecognisedAsync(countyLink, default));
        }
        await using (var county = County.NewContext())
        {
            Assert.Equal(InboxState.Applied, (await county.LinkInbox.SingleAsync(m => m.Sequence == 1)).State);
            Assert.Equal(InboxState.Unrecognised, (await county.LinkInbox.SingleAsync(m => m.Sequence == 2)).State);
            Assert.Equal(1, await county.OutboxMessages.CountAsync());
            Assert.Equal(1, Assert.Single(await LinkStatusQuery.ListAsync(county, Clock, default)).Unrecognised);
            // A second replay applies nothing twice.
            var again = new LinkInbox(county, [new NamedTestHandler("federation.test_task.v2")], Clock);
            Assert.Equal((0, 1), await again.ReplayUnrecognisedAsync(countyLink, default));
            Assert.Equal(1, await county.OutboxMessages.CountAsync());
            await Assert.ThrowsAsync<NotFoundException>(() => again.ReplayUnrecognisedAsync(Guid.NewGuid(), default));
        }
    }

    [Fact]
    public async Task Delivered_and_applied_rows_are_purged_after_the_retention_and_the_backlog_and_unrecognised_rows_stay()
    {
        var (cityLink, _) = await LinkAsync();
        await using (var db = City.NewContext())
        {
            await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), TestTaskHandler.Name, "已送达", Clock.GetUtcNow(), default);
            await LinkOutbox.EnqueueAsync(db, cityLink, Guid.CreateVersion7(), "federation.test_task.v2", "不认识", Clock.GetUtcNow(), default);
            await db.SaveChangesAsync();
            Assert.Equal(2, await City.Deliverer(db, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(cityLink, default));
        }
        Clock.Advance(TimeSpan.FromDays(31));
        await EnqueueAsync(cityLink, "尚未送达");

        await using (var city = City.NewContext())
        {
            // Kept within the retention: a cutoff before the delivery deletes nothing.
            Assert.Equal((0, 0), await LinkRetention.PurgeAsync(city, Clock.GetUtcNow() - TimeSpan.FromDays(40), default));
            Assert.Equal((2, 0), await LinkRetention.PurgeAsync(city, Clock.GetUtcNow() - TimeSpan.FromDays(30), default));
            Assert.Equal(["尚未送达"], await city.LinkOutbox.Select(m => m.Payload).ToListAsync());
            // The sequence goes on where it was: nothing on the link depends on the deleted rows.
            Assert.Equal(4, (await city.Links.SingleAsync(l => l.Id == cityLink)).NextOutgoingSequence);
        }
        await using (var county = County.NewContext())
        {
            Assert.Equal((0, 1), await LinkRetention.PurgeAsync(county, Clock.GetUtcNow() - TimeSpan.FromDays(30), default));
            Assert.Equal(["不认识"], await county.LinkInbox.Select(m => m.Payload).ToListAsync());
        }
    }

    [Fact]
    public async Task A_payload_that_cannot_be_read_is_kept_for_the_operator_and_acknowledged_so_the_link_moves_on()
    {
        var (cityLink, _) = await LinkAsync();
        var taskId = Guid.CreateVersion7();
        FederationEnvelope Progress(long sequence, string payload) => new(sequence, Guid.CreateVersion7(), FederationFlows.TaskProgress, payload, Clock.GetUtcNow());
        var readable = System.Text.Json.JsonSerializer.Serialize(
            new TaskProgressMessage(taskId, [new Contracts.Events.Planning.NodeProgress("chongchuan", "nantong", 1, 1, 1, 0, 1, 0, Clock.GetUtcNow(), [])]),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        await using (var city = City.NewContext())
        {
            var inbox = new LinkInbox(
                city, [new TaskProgressHandler(Microsoft.Extensions.Options.Options.Create(City.Options), Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<TaskProgressHandler>.Instance)], Clock);
            // The review's three: not JSON, a JSON null, and a required list set to null; then a good one behind them.
            var ack = await inbox.ReceiveAsync(cityLink, [
                Progress(1, "not json"), Progress(2, "null"), Progress(3, $$"""{"taskId":"{{taskId}}","nodes":null}"""), Progress(4, readable),
            ], default);

            Assert.Equal(new LinkAcknowledgement(4, 1, 3, 0), ack);
        }
        await using (var city = City.NewContext())
        {
            Assert.Equal(
                [(1L, InboxState.Unreadable, "not json"), (2L, InboxState.Unreadable, "null"), (3L, InboxState.Unreadable, $$"""{"taskId":"{{taskId}}","nodes":null}""")],
                (await city.LinkInbox.Where(m => m.State != InboxState.Applied).OrderBy(m => m.Sequence).ToListAsync()).Select(m => (m.Sequence, m.State, m.Payload)));
            // Only the readable one became a local event; the link status counts the kept ones for the operator.
            Assert.Single(await city.OutboxMessages.Where(m => m.MessageType == "federation.progress_received.v1").ToListAsync());
            Assert.Equal(3, Assert.Single(await LinkStatusQuery.ListAsync(city, Clock, default)).Unrecognised);
        }
    }

    [Fact]
    public async Task A_gap_in_the_sequence_is_not_applied_out_of_order()
    {
        var (_, countyLink) = await LinkAsync();
        await using var db = County.NewContext();
        var parentLink = await new FederationTrust(db).AuthorizeAsync(City.NodeThumbprint, default);
        var inbox = new LinkInbox(db, [new TestTaskHandler()], Clock);
        var ack = await inbox.ReceiveAsync(parentLink.Id, [new FederationEnvelope(2, Guid.CreateVersion7(), TestTaskHandler.Name, "二", Clock.GetUtcNow())], default);
        Assert.Equal(0, ack.AcknowledgedSequence);
        Assert.Equal(0, await db.LinkInbox.CountAsync());
        Assert.Equal(countyLink, parentLink.Id);
    }

    [Fact]
    public async Task A_failing_peer_is_warned_about_once_per_change_of_state_with_its_address_status_and_next_try()
    {
        var (cityLink, countyLink) = await LinkAsync();
        await EnqueueAsync(cityLink, "一");
        var logs = new RecordingLoggerProvider();
        using var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
        var logger = factory.CreateLogger<LinkDeliverer>();
        List<string> Warnings() => [.. logs.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message)];
        var transport = new LoopbackTransport(City.NodeThumbprint, County) { FailNextCalls = 1000 };
        // Unreachable for three rounds: one warning, naming the failure, and when the next try is.
        for (var round = 0; round < 3; round++)
        {
            await using var db = City.NewContext();
            Assert.Equal(0, await City.Deliverer(db, transport, logger).DeliverAsync(cityLink, default));
        }
        var unreachable = Assert.Single(Warnings());
        Assert.Contains("HttpRequestException", unreachable, StringComparison.Ordinal);
        Assert.Contains("next try at " + (Clock.GetUtcNow() + City.Federation.PollInterval).ToString(System.Globalization.CultureInfo.InvariantCulture), unreachable, StringComparison.Ordinal);
        Assert.Equal(2, logs.Entries.Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("still fails", StringComparison.Ordinal)));

        // Then refused (the county revoked the link): a change, so one more warning, and no more for the next rounds.
        await using (var db = County.NewContext())
        {
            await County.Enrolment(db).RevokeAsync(countyLink, default);
        }
        transport.FailNextCalls = 0;
        for (var round = 0; round < 3; round++)
        {
            await using var db = City.NewContext();
            await City.Deliverer(db, transport, logger).DeliverAsync(cityLink, default);
        }
        Assert.Equal(2, Warnings().Count);
        Assert.Contains("refused the delivery with PermissionDenied", Warnings()[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_link_is_refused_at_once_and_keeps_its_backlog()
    {
        var (cityLink, countyLink) = await LinkAsync();
        await EnqueueAsync(cityLink, "一");
        // The county revokes its parent link; the city's next call is refused without a restart.
        await using (var db = County.NewContext())
        {
            await County.Enrolment(db).RevokeAsync(countyLink, default);
        }
        var transport = new LoopbackTransport(City.NodeThumbprint, County);
        await using (var db = City.NewContext())
        {
            Assert.Equal(0, await City.Deliverer(db, transport).DeliverAsync(cityLink, default));
            Assert.Contains("PermissionDeniedException", (await db.LinkOutbox.SingleAsync()).LastError);
            // The city learns it was refused: the link says so with the time and the answer (a refusal is not retried).
            Assert.Equal(1, transport.Calls);
            var refused = Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default));
            Assert.Equal((LinkState.Active, 1, Clock.GetUtcNow()), (refused.State, refused.Backlog, refused.RefusedByPeerAt));
            Assert.False(string.IsNullOrEmpty(refused.RefusedByPeerReason));
        }
        // The city revokes its side too: nothing is sent, the backlog stays for the operator.
        await using (var db = City.NewContext())
        {
            await City.Enrolment(db).RevokeAsync(cityLink, default);
            var calls = transport.Calls;
            Assert.Equal(0, await City.Deliverer(db, transport).DeliverAsync(cityLink, default));
            Assert.Equal(calls, transport.Calls);
            var status = Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default));
            Assert.Equal((LinkState.Revoked, 1), (status.State, status.Backlog));
            await Assert.ThrowsAsync<PreconditionFailedException>(() => City.Enrolment(db).ApproveAsync(cityLink, City.Authority, default));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(0, await db.LinkInbox.CountAsync());
        }
    }

    [Fact]
    public async Task A_child_the_parent_revoked_is_listed_revoked_at_the_parent_and_sees_the_refusal_on_its_parent_link()
    {
        EnrolledCounty enrolled;
        await using (var db = City.NewContext())
        {
            enrolled = await EnrolCountyAsync(City.Enrolment(db));
            await City.Enrolment(db).RevokeAsync(enrolled.CityLinkId, default);
        }
        await using (var db = City.NewContext())
        {
            Assert.Equal(LinkState.Revoked, Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default)).State);
            // The services' own lists of children (planning's, assessment's, notification's) hear it as revoked too.
            var announced = (await db.OutboxMessages.Where(m => m.MessageType == "federation.child_links_changed.v1").Select(m => m.Payload).ToListAsync())
                .Select(p => System.Text.Json.JsonSerializer.Deserialize<Platform.Contracts.Events.Federation.ChildLinksChanged>(p, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!)
                .ToList();
            Assert.Contains(announced, a => a.Children.Single() is { NodeId: "chongchuan", State: "revoked" });
        }

        // The county learns it on its next delivery: refused, its backlog kept. Its own link stays active (only its operator
        // revokes it), and the listing says when and how the parent refused it.
        using var issued = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(enrolled.Issued.CertificatePem);
        await using (var db = County.NewContext())
        {
            await LinkOutbox.EnqueueAsync(db, enrolled.CountyLinkId, Guid.CreateVersion7(), TestTaskHandler.Name, "上报", Clock.GetUtcNow(), default);
            await db.SaveChangesAsync();
            Assert.Equal(0, await County.Deliverer(db, new LoopbackTransport(FederationCertificateAuthority.ThumbprintOf(issued), City)).DeliverAsync(enrolled.CountyLinkId, default));
            var status = Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default));
            Assert.Equal((LinkRole.Parent, LinkState.Active, 1, Clock.GetUtcNow()), (status.Role, status.State, status.Backlog, status.RefusedByPeerAt));
        }
    }

    [Fact]
    public async Task A_revoked_child_enrols_again_with_a_new_code_on_the_same_links_and_its_backlog_is_delivered()
    {
        var (cityLink, countyLink) = await LinkAsync();
        await EnqueueAsync(cityLink, "吊销前");
        await using (var db = County.NewContext())
        {
            await County.Enrolment(db).RevokeAsync(countyLink, default);
        }
        await using (var db = City.NewContext())
        {
            // Refused by the county before the city revokes its side too.
            Assert.Equal(0, await City.Deliverer(db, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(cityLink, default));
            Assert.NotNull(Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default)).RefusedByPeerAt);
            await City.Enrolment(db).RevokeAsync(cityLink, default);
        }

        // Once was "节点 chongchuan 已登记" (a unique index on the peer): now the revoked links take the new enrolment.
        EnrolledCounty again;
        await using (var db = City.NewContext())
        {
            again = await EnrolCountyAsync(City.Enrolment(db));
        }

        Assert.Equal((cityLink, countyLink), (again.CityLinkId, again.CountyLinkId));
        await using (var db = City.NewContext())
        {
            var status = Assert.Single(await LinkStatusQuery.ListAsync(db, Clock, default));
            // Enrolled again, the old refusal is no longer shown.
            Assert.Equal((LinkState.Active, 1, (DateTimeOffset?)null), (status.State, status.Backlog, status.RefusedByPeerAt));
            Assert.Equal(1, await City.Deliverer(db, new LoopbackTransport(City.NodeThumbprint, County)).DeliverAsync(cityLink, default));
        }
        await using (var db = County.NewContext())
        {
            Assert.Equal(["吊销前"], await db.LinkInbox.Select(m => m.Payload).ToListAsync());
            Assert.Equal(LinkState.Active, (await db.Links.SingleAsync()).State);
        }
        // A link that is not revoked is not enrolled over, neither for its region (no code for a held region) nor for another.
        await using (var db = City.NewContext())
        {
            await Assert.ThrowsAsync<PreconditionFailedException>(() => City.Enrolment(db).CreateCodeAsync("320602", default));
            var code = await City.Enrolment(db).CreateCodeAsync("320612", default);
            await Assert.ThrowsAsync<AlreadyExistsException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320612", County.RequestPem, default));
        }
    }

    [Fact]
    public async Task A_registration_repeated_for_a_node_already_registered_is_answered_already_exists_without_an_error_in_the_log()
    {
        await LinkAsync();
        var logs = new RecordingLoggerProvider();
        using var factory = new Microsoft.Extensions.Logging.LoggerFactory([logs]);
        await using var db = City.NewContext(factory);
        // Another region's code, used by the node already registered (its operator registering it a second time).
        var code = await City.Enrolment(db).CreateCodeAsync("320612", default);
        var refused = await Assert.ThrowsAsync<AlreadyExistsException>(() => City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320612", County.RequestPem, default));
        Assert.Contains("chongchuan", refused.Message);
        // Answered before anything is written: once the unique index answered it, and EF Core logged the failed save as an error.
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Null(await db.EnrolmentCodes.Where(c => c.ChildRegionCode == "320612").Select(c => c.UsedAt).SingleAsync());
        Assert.Equal(1, await db.Links.CountAsync());
    }

    [Fact]
    public async Task A_region_has_one_child_node_a_second_is_refused_at_the_code_the_registration_and_the_approval()
    {
        await using var db = City.NewContext();
        // Two codes for one region, both issued before any node registered.
        var first = await City.Enrolment(db).CreateCodeAsync("320602", default);
        var second = await City.Enrolment(db).CreateCodeAsync("320602", default);
        var holder = await City.Enrolment(db).RegisterChildAsync(first.Code, "chongchuan", "320602", County.RequestPem, default);

        // While chongchuan's registration waits (and once approved), no code for its region, and the earlier code enrols nobody else.
        var (otherKey, otherRequest) = FederationCertificateAuthority.CreateRequest("chongchuan-b");
        using (otherKey)
        {
            foreach (var approved in new[] { false, true })
            {
                if (approved)
                {
                    await City.Enrolment(db).ApproveAsync(holder.Id, City.Authority, default);
                }
                var code = await Assert.ThrowsAsync<PreconditionFailedException>(() => City.Enrolment(db).CreateCodeAsync("320602", default));
                Assert.Contains("320602", code.Message);
                Assert.Contains("chongchuan", code.Message);
                var registration = await Assert.ThrowsAsync<PreconditionFailedException>(() =>
                    City.Enrolment(db).RegisterChildAsync(second.Code, "chongchuan-b", "320602", otherRequest, default));
                Assert.Contains("chongchuan", registration.Message);
            }
            // The refused registration spent nothing: the code is still good once the region is free.
            Assert.Null(await db.EnrolmentCodes.Where(c => c.Id == second.Id).Select(c => c.UsedAt).SingleAsync());

            // A second pending registration for the region from a store older than these checks is not approved over the active child.
            var stale = new FederationLink
            {
                Id = Guid.CreateVersion7(), PeerNodeId = "chongchuan-old", PeerRegionCode = "320602", Role = LinkRole.Child, State = LinkState.Pending,
                PendingCertificateRequest = otherRequest, CreatedAt = Clock.GetUtcNow(),
            };
            db.Links.Add(stale);
            await db.SaveChangesAsync();
            var approval = await Assert.ThrowsAsync<PreconditionFailedException>(() => City.Enrolment(db).ApproveAsync(stale.Id, City.Authority, default));
            Assert.Contains("chongchuan", approval.Message);
            Assert.Contains("320602", approval.Message);
            Assert.Equal(1, await db.Links.CountAsync(l => l.PeerRegionCode == "320602" && l.State == LinkState.Active));
            await City.Enrolment(db).RevokeAsync(stale.Id, default);

            // Revoked, chongchuan holds the region no more: it enrols again with a new code, on its own link.
            await City.Enrolment(db).RevokeAsync(holder.Id, default);
            var renewal = await City.Enrolment(db).CreateCodeAsync("320602", default);
            var again = await City.Enrolment(db).RegisterChildAsync(renewal.Code, "chongchuan", "320602", County.RequestPem, default);
            Assert.Equal((holder.Id, LinkState.Pending), (again.Id, again.State));
        }
    }

    [Fact]
    public async Task Processes_starting_at_once_on_one_key_file_end_up_with_one_authority()
    {
        var folder = Directory.CreateTempSubdirectory("federation-ca-").FullName;
        var path = Path.Combine(folder, "federation.pem");
        try
        {
            const int starts = 6;
            using var together = new Barrier(starts);
            var thumbprints = await Task.WhenAll(Enumerable.Range(0, starts).Select(_ => Task.Factory.StartNew(() =>
            {
                together.SignalAndWait();
                using var authority = FederationCertificateAuthority.LoadOrCreate(path, "nantong", Clock);
                return FederationCertificateAuthority.ThumbprintOf(authority.NodeCertificate);
            }, TaskCreationOptions.LongRunning)));
            Assert.Single(thumbprints.Distinct());
            // No half-written or temporary file is left beside it, and the key stays private.
            Assert.Equal(["federation.pem", "federation.pem.lock"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.False(Platform.BuildingBlocks.Auth.KeyFiles.IsExposed(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_authority_is_created_once_in_a_private_key_file_and_read_back_the_same()
    {
        var path = Path.Combine(Path.GetTempPath(), $"federation-ca-{Guid.NewGuid():N}.pem");
        try
        {
            string first;
            using (var created = FederationCertificateAuthority.LoadOrCreate(path, "nantong", Clock))
            {
                first = FederationCertificateAuthority.ThumbprintOf(created.NodeCertificate);
                Assert.True(created.NodeCertificate.HasPrivateKey);
            }
            Assert.False(Platform.BuildingBlocks.Auth.KeyFiles.IsExposed(path));
            using var loaded = FederationCertificateAuthority.LoadOrCreate(path, "nantong", Clock);
            Assert.Equal(first, FederationCertificateAuthority.ThumbprintOf(loaded.NodeCertificate));
            Assert.True(loaded.Authority.HasPrivateKey);
            var issued = loaded.Issue(County.RequestPem, "chongchuan", Clock.GetUtcNow(), TimeSpan.FromDays(1));
            using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem);
            Assert.Equal(loaded.Authority.Subject, certificate.Issuer);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<FederationLink> RegisterCountyAsync()
    {
        await using var db = City.NewContext();
        var code = await City.Enrolment(db).CreateCodeAsync("320602", default);
        return await City.Enrolment(db).RegisterChildAsync(code.Code, "chongchuan", "320602", County.RequestPem, default);
    }

    /// <returns>The city's link to the county and the county's link to the city.</returns>
    private async Task<(Guid City, Guid County)> LinkAsync()
    {
        await using var db = City.NewContext();
        var enrolled = await EnrolCountyAsync(City.Enrolment(db));
        return (enrolled.CityLinkId, enrolled.CountyLinkId);
    }

    private async Task EnqueueAsync(Guid linkId, params string[] payloads)
    {
        await using var db = City.NewContext();
        foreach (var payload in payloads)
        {
            await LinkOutbox.EnqueueAsync(db, linkId, Guid.CreateVersion7(), TestTaskHandler.Name, payload, Clock.GetUtcNow(), default);
        }
        await db.SaveChangesAsync();
    }
}

/// <summary>Runs <paramref name="during"/> once, while the first batch is on its way, then delivers.</summary>
internal sealed class InterleavingTransport(IFederationTransport inner, Func<Task> during) : IFederationTransport
{
    private Func<Task>? _during = during;

    public async Task<long> SendAsync(FederationLink link, IReadOnlyList<FederationEnvelope> batch, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _during, null) is { } action)
        {
            await action();
        }
        return await inner.SendAsync(link, batch, cancellationToken);
    }
}
