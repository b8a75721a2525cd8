using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Events.Federation;
using Domain = Platform.Assessment.Module.Domain;
using Wire = Platform.Contracts.Events.Assessment;

namespace Platform.Functional.Tests.Federation;

/// <summary>
/// Review 12c: a rogue county sends hand-built frames up its real link (mutual TLS) to its city. What it may say about
/// campaign counts and its heads' dossiers is checked at the city's edge and again in the city's assessment (ADR 0023).
/// </summary>
public sealed class CampaignFromBelowTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");
    private readonly FederationNode _county = new("cc-county", "County", "320602");

    public CampaignFromBelowTests()
    {
        _province.StartServer();
        _city.StartServer();
        _county.StartServer();
    }

    [Fact]
    public async Task A_rogue_childs_counts_for_other_nodes_far_ahead_overflowing_or_on_a_campaign_not_sent_to_it_are_not_kept_and_its_honest_rows_are()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        // The city's own campaign, sent down before the county joined: the county was never sent it.
        var early = await _city.Assessment().CreateCampaignAsync(CampaignFlow.ProvinceCampaign(), _city.Office());
        await _city.Assessment().CascadeCampaignAsync(new CascadeCampaignRequest { CampaignId = early.Id }, _city.Office());
        await FederationFlow.JoinAsync(_city, _county, "320602");
        var campaign = await _province.Assessment().CreateCampaignAsync(CampaignFlow.ProvinceCampaign(), _province.Office());
        await _province.Assessment().CascadeCampaignAsync(new CascadeCampaignRequest { CampaignId = campaign.Id }, _province.Office());
        var atCity = await _city.WaitCampaignAsync(campaign.Id, _ => true);
        await _county.WaitCampaignAsync(atCity.Id, _ => true);
        Assert.Equal(["cc-county"], await _city.InAssessmentStoreAsync(db =>
            db.CampaignChildCascades.Where(c => c.CampaignId == Guid.Parse(atCity.Id)).Select(c => c.ChildNodeId).ToListAsync()));
        Assert.Empty(await _city.InAssessmentStoreAsync(db => db.CampaignChildCascades.Where(c => c.CampaignId == Guid.Parse(early.Id)).ToListAsync()));
        // Another county of the city, to be spoken for by the rogue one.
        await _city.InStoreAsync(async db =>
        {
            db.Links.Add(new FederationLink { Id = Guid.CreateVersion7(), PeerNodeId = "hm-county", PeerRegionCode = "320684", Role = LinkRole.Child, State = LinkState.Active });
            return await db.SaveChangesAsync();
        });

        var now = DateTimeOffset.UtcNow;
        await SendUpAsync(FederationCampaignFlows.CampaignProgress, new CampaignProgressMessage(Guid.Parse(early.Id), [Row("cc-county", "nt-city", now, Count(5, 5, 5))]));
        await SendUpAsync(FederationCampaignFlows.CampaignProgress, new CampaignProgressMessage(Guid.Parse(atCity.Id), [
            Row("cc-county", "nt-city", now, Count(2, 1, 1, excellent: 1)),
            Row("cc-village", "cc-county", now, Count(3, 0, 0)),
            // The receiver, another child and its subtree, a row in another child's region.
            Row("nt-city", "cc-county", now, Count(50, 50, 50)),
            Row("hm-county", "cc-county", now, Count(50, 50, 50)),
            Row("hm-village", "hm-county", now, Count(50, 50, 50)),
            Row("hm-forged", "cc-county", now, Count(50, 50, 50)) with { RegionCode = "320684" },
            // Frozen ten years ahead, and counts that overflow an int sum.
            Row("frozen", "cc-county", now.AddYears(10), Count(1, 1, 1)),
            Row("overflow", "cc-county", now, Count(int.MaxValue, int.MaxValue, int.MaxValue), Count(int.MaxValue, int.MaxValue, 0)),
        ]));

        await _city.WaitRollUpAsync(atCity.Id, "cc-village", n => n.Total.Due == 3);
        var rollUp = await _city.Assessment().GetCampaignRollUpAsync(new GetCampaignRollUpRequest { CampaignId = atCity.Id, GroupBy = "post_kind" }, _city.Office());
        Assert.Equal(["cc-county", "cc-village", "nt-city"], rollUp.Nodes.Select(n => n.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal((2, 1, 1, 1), rollUp.Nodes.Where(n => n.NodeId == "cc-county").Select(n => (n.Total.Due, n.Total.Submitted, n.Total.Reviewed, n.Total.Excellent)).Single());
        Assert.Equal((5, 1), (rollUp.Total.Due, rollUp.Total.Submitted));
        await WaitCountsTakenAsync();
        Assert.Empty(await _city.InAssessmentStoreAsync(db => db.CampaignNodeCounts.Where(c => c.CampaignId == Guid.Parse(early.Id)).ToListAsync()));

        // Behind the edge: a node's counts are kept from the child they first came through, and a revoked child's not at all.
        await _city.InAssessmentStoreAsync(async db =>
        {
            db.CampaignChildCascades.Add(Domain.CampaignChildCascade.Create(Guid.Parse(atCity.Id), "hm-county", 0, DateTimeOffset.UtcNow));
            db.CampaignChildCascades.Add(Domain.CampaignChildCascade.Create(Guid.Parse(atCity.Id), "xz-county", 0, DateTimeOffset.UtcNow));
            foreach (var (node, state) in new[] { ("hm-county", "active"), ("xz-county", "revoked") })
            {
                var child = ChildNode.Create(node);
                // Later than any announcement, so none replaces the test's list.
                child.Update("320684", state, DateTimeOffset.UtcNow.AddHours(1));
                db.ChildNodes.Add(child);
            }
            return await db.SaveChangesAsync();
        });
        var later = DateTimeOffset.UtcNow;
        await _city.InStoreAsync(async db =>
        {
            db.AddIntegrationEvent(new ChildCampaignProgressReceived("xz-county", Guid.Parse(atCity.Id), [Row("xz-county", "nt-city", later, Count(7, 0, 0))], later, "nt-city"));
            db.AddIntegrationEvent(new ChildCampaignProgressReceived("hm-county", Guid.Parse(atCity.Id), [
                Row("cc-village", "hm-county", later, Count(9, 9, 9)) with { RegionCode = "320684" },
                Row("hm-county", "nt-city", later, Count(4, 0, 0)) with { RegionCode = "320684" },
            ], later, "nt-city"));
            return await db.SaveChangesAsync();
        });
        await _city.WaitRollUpAsync(atCity.Id, "hm-county", n => n.Total.Due == 4);
        await WaitCountsTakenAsync();
        var after = await _city.Assessment().GetCampaignRollUpAsync(new GetCampaignRollUpRequest { CampaignId = atCity.Id, GroupBy = "post_kind" }, _city.Office());
        Assert.Equal(["cc-county", "cc-village", "hm-county", "nt-city"], after.Nodes.Select(n => n.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal(3, after.Nodes.Single(n => n.NodeId == "cc-village").Total.Due);
    }

    [Fact]
    public async Task A_bad_dossier_from_below_is_kept_as_unreadable_and_a_bad_stored_one_reads_as_missing_while_a_good_one_reads_and_exports()
    {
        await FederationFlow.JoinAsync(_city, _county, "320602");
        var (good, bad) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;
        await SendUpAsync(FederationCampaignFlows.LeaderDossier, Dossier(bad, "{\"person\":", now));
        await SendUpAsync(FederationCampaignFlows.LeaderDossier, Dossier(bad, DossierJson(Guid.CreateVersion7()), now));
        await SendUpAsync(FederationCampaignFlows.LeaderDossier, Dossier(bad, $$"""{"person":{"id":"{{bad}}"},"unitName":"{{new string('x', LeaderDossierJson.MaxChars)}}"}""", now));
        await SendUpAsync(FederationCampaignFlows.LeaderDossier, Dossier(bad, DossierJson(bad), now.AddYears(10)));
        await SendUpAsync(FederationCampaignFlows.LeaderDossier, Dossier(good, DossierJson(good), now));

        var dossier = await Eventually.GetAsync(async () =>
        {
            try
            {
                return await _city.Dossiers().GetDossierAsync(new GetDossierRequest { PersonId = good.ToString() }, _city.Office());
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, FederationFlow.Timeout, "the good dossier at the city");
        Assert.Equal(("赵强", "cc-county", "320602"), (dossier.Person.Name, dossier.NodeId, dossier.RegionCode));
        Assert.Equal("赵强法治档案.docx", (await _city.Dossiers().ExportDossierAsync(new GetDossierRequest { PersonId = good.ToString() }, _city.Office())).FileName);
        // The four bad ones came before the good one on the link: kept for the operator, acknowledged, never a dossier.
        Assert.Equal(4, await _city.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == FederationCampaignFlows.LeaderDossier && m.State == InboxState.Unreadable)));
        Assert.DoesNotContain((await _city.Dossiers().ListDossiersFromBelowAsync(new ListDossiersFromBelowRequest(), _city.Office())).Dossiers, d => d.PersonId == bad.ToString());
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Dossiers().GetDossierAsync(new GetDossierRequest { PersonId = bad.ToString() }, _city.Office()))).StatusCode);

        // One stored before the edge checked: its read and its export answer NotFound, not a failure.
        var stored = Guid.CreateVersion7();
        await _city.InAssessmentStoreAsync(async db =>
        {
            var row = Domain.ReceivedDossier.Create("cc-county", stored);
            row.Update("320602", "钱敏", "崇川区人民政府", "区长", "party_government_head", true, "{\"person\":{\"id\":", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            db.DossiersFromBelow.Add(row);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Dossiers().GetDossierAsync(new GetDossierRequest { PersonId = stored.ToString() }, _city.Office()))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Dossiers().ExportDossierAsync(new GetDossierRequest { PersonId = stored.ToString() }, _city.Office()))).StatusCode);
    }

    private static Wire.CampaignNodeProgress Row(string node, string parent, DateTimeOffset asOf, params Wire.CampaignCount[] counts) =>
        new(node, parent, "320602", asOf, counts);

    private static Wire.CampaignCount Count(int due, int submitted, int reviewed, int excellent = 0) =>
        new(Guid.CreateVersion7(), "崇川区司法局", "county", "department_head", due, submitted, reviewed, 0, 0, excellent, 0, 0, 0);

    private static LeaderDossierMessage Dossier(Guid personId, string dossier, DateTimeOffset asOf) =>
        new(personId, "赵强", "崇川区人民政府", "区长", "party_government_head", true, dossier, asOf);

    private static string DossierJson(Guid personId) => Google.Protobuf.JsonFormatter.Default.Format(new Dossier
    {
        Person = new Person { Id = personId.ToString(), Name = "赵强", Position = "区长", PostKind = "party_government_head", Status = "active" },
        UnitName = "崇川区人民政府",
        DutyReports = { new DossierDutyReport { CampaignTitle = "2026年度述法", Year = 2026, Status = "reviewed", Rating = "excellent" } },
    });

    /// <summary>The rogue county puts a hand-built message on its link to the city; its edge sends it over mutual TLS as any other.</summary>
    private async Task SendUpAsync<T>(string wireName, T payload)
    {
        // The county's own edge may take the link's next sequence at the same moment (its real counts): try again from fresh reads.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _county.InStoreAsync(async db =>
                {
                    var parent = await db.Links.SingleAsync(l => l.Role == LinkRole.Parent);
                    await LinkOutbox.EnqueueAsync(db, parent.Id, Guid.CreateVersion7(), wireName, JsonSerializer.Serialize(payload, Json), DateTimeOffset.UtcNow, default);
                    return await db.SaveChangesAsync();
                });
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Every set of counts the city's edge raised has been taken by its assessment (kept or not).</summary>
    private Task WaitCountsTakenAsync() => FederationFlow.Until(async () =>
    {
        var raised = await _city.InStoreAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == "federation.campaign_progress_received.v1"));
        var taken = await _city.InAssessmentStoreAsync(db => db.ProcessedMessages.CountAsync(p => p.Consumer.Contains("campaign_progress_received")));
        return taken >= raised;
    }, "the city's assessment to take every set of counts from below");

    public void Dispose()
    {
        _county.Dispose();
        _city.Dispose();
        _province.Dispose();
    }
}
