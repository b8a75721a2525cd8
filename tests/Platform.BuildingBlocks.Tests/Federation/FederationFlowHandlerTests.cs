using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events.Assessment;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>The flows' receiving handlers: tasks only from the parent, progress only from a child and only for its own subtree.</summary>
public sealed class FederationFlowHandlerTests : CityAndCounty
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_task_from_the_parent_becomes_a_local_event_and_one_from_a_child_is_not_applied()
    {
        var handler = new CascadedTaskHandler(Options.Create(County.Options), NullLogger<CascadedTaskHandler>.Instance);
        var task = new CascadedTaskMessage(Guid.CreateVersion7(), "2026年工作要点", Guid.CreateVersion7(), 3, 1, "推进政务公开", new DateOnly(2026, 12, 31), true, Clock.GetUtcNow());
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskCascaded, JsonSerializer.Serialize(task, Json), Clock.GetUtcNow());
        await using var db = County.NewContext();

        await handler.ApplyAsync(db, Link("nantong", LinkRole.Child), envelope, default);
        Assert.Empty(db.OutboxMessages.Local);

        await handler.ApplyAsync(db, Link("nantong", LinkRole.Parent), envelope, default);
        var row = Assert.Single(db.OutboxMessages.Local);
        Assert.Equal("federation.task_received.v1", row.MessageType);
        var received = JsonSerializer.Deserialize<CascadedTaskReceived>(row.Payload, Json)!;
        Assert.Equal(("nantong", task.OriginTaskId, 1, "推进政务公开", "chongchuan", true), (received.SenderNodeId, received.OriginTaskId, received.Revision, received.TaskTitle, received.NodeId, received.ReportsRequested));
        Assert.Equal(EventTypeRegistry.WireNameOf(typeof(CascadedTaskReceived)), row.MessageType);
    }

    [Fact]
    public async Task Progress_comes_only_from_a_child_and_only_for_the_child_and_the_nodes_below_it()
    {
        var handler = new TaskProgressHandler(Options.Create(City.Options), Clock, NullLogger<TaskProgressHandler>.Instance);
        NodeProgress Row(string node, string parent) => new(node, parent, 2, 1, 1, 0, 0, 0, Clock.GetUtcNow(), []);
        var progress = new TaskProgressMessage(Guid.CreateVersion7(), [
            Row("chongchuan", "nantong"),
            Row("village-a", "chongchuan"),
            // A sibling the sender has no business speaking for.
            Row("haimen", "nantong"),
        ], new Dictionary<string, string> { ["chongchuan"] = "320602", ["village-a"] = "320602", ["haimen"] = "320684" });
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());
        await using var db = City.NewContext();

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Parent), envelope, default);
        Assert.Empty(db.OutboxMessages.Local);

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Child), envelope, default);
        var received = JsonSerializer.Deserialize<ChildProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Equal(("chongchuan", progress.TaskId), (received.SenderNodeId, received.TaskId));
        Assert.Equal(["chongchuan", "village-a"], received.Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task A_child_cannot_speak_for_a_node_outside_its_subtree_or_region()
    {
        // The review's forgery: a county under the city claims rows for a county of another branch, for another child
        // of the city, for the city itself, and for a node whose chain does not lead to it.
        var handler = new TaskProgressHandler(Options.Create(City.Options), Clock, NullLogger<TaskProgressHandler>.Instance);
        NodeProgress Row(string node, string parent) => new(node, parent, 50, 50, 50, 0, 50, 0, Clock.GetUtcNow(), []);
        await using var db = City.NewContext();
        db.Links.Add(new FederationLink { Id = Guid.CreateVersion7(), PeerNodeId = "haimen", PeerRegionCode = "320684", Role = LinkRole.Child, State = LinkState.Active });
        await db.SaveChangesAsync();
        var progress = new TaskProgressMessage(Guid.CreateVersion7(), [
            Row("chongchuan", "nantong"),
            // Chain leads to the sender, but the region is another county's.
            Row("forged-region", "chongchuan"),
            // Region in the sender's, but the chain leads to another child.
            Row("forged-chain", "haimen"),
            // Another child of this node and this node itself, claimed as the sender's children.
            Row("haimen", "chongchuan"),
            Row("nantong", "chongchuan"),
            // No region given at all.
            Row("no-region", "chongchuan"),
            // Below a dropped row: dropped too.
            Row("below-forged", "forged-region"),
            Row("own-village", "chongchuan"),
        ], new Dictionary<string, string>
        {
            ["chongchuan"] = "320602", ["forged-region"] = "320684", ["forged-chain"] = "320602", ["haimen"] = "320602",
            ["nantong"] = "320602", ["below-forged"] = "320602", ["own-village"] = "320602",
        });
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Child), envelope, default);

        var received = JsonSerializer.Deserialize<ChildProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Equal(["chongchuan", "own-village"], received.Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task A_child_registered_under_this_nodes_id_in_other_case_gets_no_row_for_this_node()
    {
        var handler = new TaskProgressHandler(Options.Create(City.Options), Clock, NullLogger<TaskProgressHandler>.Instance);
        NodeProgress Row(string node, string parent) => new(node, parent, 99, 99, 99, 0, 99, 0, Clock.GetUtcNow(), []);
        await using var db = City.NewContext();
        var progress = new TaskProgressMessage(Guid.CreateVersion7(), [Row("NANTONG", "nantong"), Row("Nantong", "NANTONG")],
            new Dictionary<string, string> { ["NANTONG"] = "320602", ["Nantong"] = "320602" });
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());

        await handler.ApplyAsync(db, Link("NANTONG", LinkRole.Child), envelope, default);

        var received = JsonSerializer.Deserialize<ChildProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Empty(received.Nodes);
    }

    [Fact]
    public async Task Rows_whose_figures_cannot_be_true_are_dropped_and_the_rows_below_them_kept()
    {
        var handler = new TaskProgressHandler(Options.Create(City.Options), Clock, NullLogger<TaskProgressHandler>.Instance);
        NodeProgress Row(string node, string parent, int assigned, int reported, int onTime, int late, int completed, int overdue) =>
            new(node, parent, assigned, reported, onTime, late, completed, overdue, Clock.GetUtcNow(), []);
        await using var db = City.NewContext();
        var rows = new[]
        {
            Row("chongchuan", "nantong", 2000000000, 0, 0, 0, 0, 0),
            Row("negative", "chongchuan", -5, 0, 0, 0, 0, 0),
            Row("negative-reported", "chongchuan", 2, -100000, 0, 0, 0, 0),
            Row("more-reported", "chongchuan", 2, 3, 0, 0, 0, 0),
            Row("more-completed", "chongchuan", 2, 2, 0, 0, 2147483647, 0),
            Row("more-timely", "chongchuan", 2, 2, 2, 1, 0, 0),
            Row("more-overdue", "chongchuan", 2, 0, 0, 0, 0, 3),
            Row("at-the-bound", "chongchuan", ProgressFigures.MaxUnits, ProgressFigures.MaxUnits, 1, 1, 0, 0),
            Row("village", "negative", 4, 3, 2, 1, 1, 1),
        };
        var progress = new TaskProgressMessage(Guid.CreateVersion7(), rows, rows.ToDictionary(r => r.NodeId, _ => "320602"));
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Child), envelope, default);

        var received = JsonSerializer.Deserialize<ChildProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Equal(["at-the-bound", "village"], received.Nodes.Select(n => n.NodeId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_progress_row_as_of_a_time_ahead_of_this_nodes_clock_is_dropped_and_one_within_the_skew_kept()
    {
        var handler = new TaskProgressHandler(Options.Create(City.Options), Clock, NullLogger<TaskProgressHandler>.Instance);
        NodeProgress Row(string node, string parent, TimeSpan ahead) => new(node, parent, 2, 1, 1, 0, 0, 0, Clock.GetUtcNow() + ahead, []);
        await using var db = City.NewContext();
        var rows = new[]
        {
            Row("chongchuan", "nantong", TimeSpan.FromDays(3650)),
            Row("skewed", "chongchuan", SendersSubtree.MaxAsOfAhead),
            Row("frozen", "chongchuan", SendersSubtree.MaxAsOfAhead + TimeSpan.FromSeconds(1)),
        };
        var progress = new TaskProgressMessage(Guid.CreateVersion7(), rows, rows.ToDictionary(r => r.NodeId, _ => "320602"));
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Child), envelope, default);

        var received = JsonSerializer.Deserialize<ChildProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Equal(["skewed"], received.Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task Campaign_counts_are_kept_only_for_the_childs_own_subtree_with_counts_that_can_be_true_as_of_now()
    {
        // The review's forgeries on campaign counts: another child's subtree, the receiver itself, another child, a row
        // frozen far ahead, counts that overflow an int sum or cannot be true; the sender's honest rows go through.
        var handler = new CampaignProgressHandler(Options.Create(City.Options), Clock, NullLogger<CampaignProgressHandler>.Instance);
        await using var db = City.NewContext();
        db.Links.Add(new FederationLink { Id = Guid.CreateVersion7(), PeerNodeId = "haimen", PeerRegionCode = "320684", Role = LinkRole.Child, State = LinkState.Active });
        await db.SaveChangesAsync();
        static CampaignCount Count(int due, int submitted, int reviewed, int excellent = 0) =>
            new(Guid.CreateVersion7(), "崇川区司法局", "county", "department_head", due, submitted, reviewed, 0, 0, excellent, 0, 0, 0);
        CampaignNodeProgress Row(string node, string parent, string region, params CampaignCount[] counts) => new(node, parent, region, Clock.GetUtcNow(), counts);
        var progress = new CampaignProgressMessage(Guid.CreateVersion7(), [
            Row("chongchuan", "nantong", "320602", Count(2, 1, 1, 1)),
            Row("own-village", "chongchuan", "320602", Count(3, 0, 0)),
            // Another child's region, another child and its subtree, this node itself.
            Row("forged-region", "chongchuan", "320684", Count(9, 9, 9)),
            Row("haimen", "chongchuan", "320602", Count(9, 9, 9)),
            Row("below-haimen", "haimen", "320602", Count(9, 9, 9)),
            Row("NanTong", "chongchuan", "320602", Count(9, 9, 9)),
            // Frozen far ahead of this node's clock.
            new CampaignNodeProgress("frozen", "chongchuan", "320602", Clock.GetUtcNow().AddYears(10), [Count(1, 1, 1)]),
            // Counts that overflow an int sum, or cannot be true.
            Row("overflow", "chongchuan", "320602", Count(int.MaxValue, int.MaxValue, int.MaxValue), Count(int.MaxValue, 0, 0)),
            Row("more-submitted", "chongchuan", "320602", Count(1, 2, 0)),
            Row("more-reviewed", "chongchuan", "320602", Count(2, 1, 2)),
            Row("more-rated", "chongchuan", "320602", Count(2, 1, 1, 2)),
            Row("negative", "chongchuan", "320602", Count(-1, 0, 0)),
            Row("", "chongchuan", "320602", Count(1, 0, 0)),
        ]);
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationCampaignFlows.CampaignProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Child), envelope, default);

        var received = JsonSerializer.Deserialize<ChildCampaignProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Equal(("chongchuan", progress.CampaignId), (received.SenderNodeId, received.CampaignId));
        Assert.Equal(["chongchuan", "own-village"], received.Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task A_leader_dossier_that_does_not_parse_names_another_person_is_too_large_or_lies_ahead_cannot_be_read()
    {
        var handler = new LeaderDossierHandler(Options.Create(City.Options), Clock, NullLogger<LeaderDossierHandler>.Instance);
        var personId = Guid.CreateVersion7();
        string DossierOf(Guid id) => Google.Protobuf.JsonFormatter.Default.Format(new Contracts.Assessment.V1.Dossier
        {
            Person = new Contracts.Assessment.V1.Person { Id = id.ToString(), Name = "张伟", PostKind = "party_government_head" }, UnitName = "崇川区人民政府",
        });
        FederationEnvelope Envelope(string dossier, DateTimeOffset asOf) => new(1, Guid.CreateVersion7(), FederationCampaignFlows.LeaderDossier, JsonSerializer.Serialize(
            new LeaderDossierMessage(personId, "张伟", "崇川区人民政府", "区长", "party_government_head", true, dossier, asOf), Json), Clock.GetUtcNow());
        await using var db = City.NewContext();
        var link = Link("chongchuan", LinkRole.Child);

        foreach (var bad in new[]
        {
            Envelope("{not json", Clock.GetUtcNow()),
            Envelope("[1,2]", Clock.GetUtcNow()),
            Envelope(DossierOf(Guid.CreateVersion7()), Clock.GetUtcNow()),
            Envelope($$"""{"person":{"id":"{{personId}}"},"unitName":"{{new string('长', LeaderDossierJson.MaxChars)}}"}""", Clock.GetUtcNow()),
            Envelope(DossierOf(personId), Clock.GetUtcNow().AddYears(10)),
        })
        {
            await Assert.ThrowsAsync<UnreadablePayloadException>(() => handler.ApplyAsync(db, link, bad, default));
        }
        Assert.Empty(db.OutboxMessages.Local);

        await handler.ApplyAsync(db, link, Envelope(DossierOf(personId), Clock.GetUtcNow()), default);
        var received = JsonSerializer.Deserialize<LeaderDossierReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        Assert.Equal(("chongchuan", personId), (received.SenderNodeId, received.PersonId));
    }

    [Fact]
    public async Task Reports_from_below_are_cut_to_what_a_liaison_can_file_locally()
    {
        var handler = new TaskProgressHandler(Options.Create(City.Options), Clock, NullLogger<TaskProgressHandler>.Instance);
        RequestedReport Report(string unit, int percent, string text) => new(unit, percent, text, false, Clock.GetUtcNow());
        var long_ = string.Concat(Enumerable.Repeat("推进行政执法公示", 4000));
        var progress = new TaskProgressMessage(Guid.CreateVersion7(), [
            // One unit assigned, three reports: the first (cut to the bound) is kept, one with an impossible percentage is not.
            new NodeProgress("chongchuan", "nantong", 1, 1, 1, 0, 0, 0, Clock.GetUtcNow(), [
                Report("崇川区司法局", 150, "百分之一百五十"),
                Report(new string('局', 300), 60, long_),
                Report("崇川区城管局", 40, "第二个单位"),
            ]),
            new NodeProgress("village-a", "chongchuan", 2, 1, 1, 0, 0, 0, Clock.GetUtcNow(), [Report("村委会", 50, "按时报送")]),
        ], new Dictionary<string, string> { ["chongchuan"] = "320602", ["village-a"] = "320602" });
        var envelope = new FederationEnvelope(1, Guid.CreateVersion7(), FederationFlows.TaskProgress, JsonSerializer.Serialize(progress, Json), Clock.GetUtcNow());
        await using var db = City.NewContext();

        await handler.ApplyAsync(db, Link("chongchuan", LinkRole.Child), envelope, default);

        var received = JsonSerializer.Deserialize<ChildProgressReceived>(Assert.Single(db.OutboxMessages.Local).Payload, Json)!;
        var own = Assert.Single(Assert.Single(received.Nodes, n => n.NodeId == "chongchuan").Reports);
        Assert.Equal((RequestedReports.MaxTextLength, RequestedReports.MaxUnitNameLength, 60), (own.Text.Length, own.UnitName.Length, own.Percent));
        Assert.StartsWith(long_[..100], own.Text, StringComparison.Ordinal);
        Assert.Equal("按时报送", Assert.Single(received.Nodes.Single(n => n.NodeId == "village-a").Reports).Text);
        Assert.True(RequestedReports.WithinBounds(received.Nodes[0]));
    }

    [Fact]
    public void A_report_text_is_never_cut_inside_a_surrogate_pair_and_none_is_kept_when_none_was_asked_for()
    {
        // 𠀀 is two UTF-16 units: the cut falls just before it instead of halving it.
        var text = new string('文', RequestedReports.MaxTextLength - 1) + "𠀀尾";
        var row = new NodeProgress("chongchuan", "nantong", 1, 1, 1, 0, 0, 0, Clock.GetUtcNow(), [new RequestedReport("崇川区司法局", 10, text, false, Clock.GetUtcNow())]);
        var cut = Assert.Single(RequestedReports.Bound(row, requested: true).Reports).Text;
        Assert.Equal(RequestedReports.MaxTextLength - 1, cut.Length);
        Assert.Empty(RequestedReports.Bound(row, requested: false).Reports);
    }

    [Fact]
    public async Task A_receipt_naming_no_node_or_for_no_node_is_dropped_at_the_edge()
    {
        var handler = new NoticeReceiptHandler(Options.Create(City.Options), NullLogger<NoticeReceiptHandler>.Instance);
        NoticeReceiptMessage Receipt(string nodeId, string originNodeId) =>
            new(Guid.CreateVersion7(), originNodeId, nodeId, "320602", "delivered", [new Platform.Contracts.Events.Notification.NoticeAddressee(Guid.CreateVersion7(), "崇川区司法局")], Clock.GetUtcNow());
        await using var db = City.NewContext();
        var link = Link("chongchuan", LinkRole.Child);
        long sequence = 0;
        foreach (var receipt in new[] { Receipt("", "nantong"), Receipt(" ", "nantong"), Receipt("chongchuan", "") })
        {
            await handler.ApplyAsync(db, link, new FederationEnvelope(++sequence, Guid.CreateVersion7(), FederationNoticeFlows.NoticeReceipt, JsonSerializer.Serialize(receipt, Json), Clock.GetUtcNow()), default);
        }
        Assert.Empty(db.OutboxMessages.Local);
        Assert.Empty(db.LinkOutbox.Local);

        await handler.ApplyAsync(db, link, new FederationEnvelope(++sequence, Guid.CreateVersion7(), FederationNoticeFlows.NoticeReceipt, JsonSerializer.Serialize(Receipt("chongchuan", "nantong"), Json), Clock.GetUtcNow()), default);
        Assert.Single(db.OutboxMessages.Local);
    }

    private static FederationLink Link(string peer, LinkRole role) =>
        new() { Id = Guid.CreateVersion7(), PeerNodeId = peer, PeerRegionCode = "320602", Role = role, State = LinkState.Active };
}
