using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Infrastructure;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Events.Assessment;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// Results across units: routine and annual combined by the shares, rankings per level and kind with
/// explicit ties, appeals with the office's decision and its trail, publication as an event, and the
/// organisation department's observers reading without changing anything.
/// </summary>
public sealed class RankingTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private const int Year = 2031;

    private EvaluationService.EvaluationServiceClient Evaluation => new(node.CreateGrpcChannel());

    private Task Mark(AssessmentUnit unit, string evaluation, double value) => Evaluation.RecordScoreAsync(
        new RecordScoreRequest { Year = Year, UnitId = unit.Id, IndicatorCode = "1.1", Evaluation = evaluation, Value = value }, node.Clerk).ResponseAsync;

    private static IEnumerable<(string Name, int Rank, double Combined, bool Tied)> Rows(Ranking ranking) =>
        ranking.Units.Select(u => (u.UnitName[..u.UnitName.IndexOf('#')], u.Rank, u.Combined, u.Tied));

    [Fact]
    public async Task Units_are_ranked_per_level_and_kind_with_ties_appeals_change_the_score_with_a_trail_and_results_are_published()
    {
        await node.SetOneLeafTreeAsync(Year);
        var a = await node.UnitAsync("甲县司法局", regionCode: "320623");
        var b = await node.UnitAsync("乙县司法局", regionCode: "320621");
        var c = await node.UnitAsync("丙县司法局", regionCode: "320682");
        var d = await node.UnitAsync("丁县司法局", regionCode: "320684");
        var government = await node.UnitAsync("甲县人民政府", regionCode: "320623", kind: "government");
        var city = await node.UnitAsync("南通市司法局", regionCode: "320600");
        // combined = 40 % routine + 60 % annual: a 90, b 90 (reached differently), c 80, d 95, the government 70, the city 88.
        foreach (var (unit, routine, annual) in new[] { (a, 90.0, 90.0), (b, 75.0, 100.0), (c, 80.0, 80.0), (d, 95.0, 95.0), (government, 70.0, 70.0), (city, 85.0, 90.0) })
        {
            await Mark(unit, "routine", routine);
            await Mark(unit, "annual", annual);
        }

        var all = await Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = Year }, node.Observer);
        Assert.Equal([("city", "department"), ("county", "department"), ("county", "government")], all.Rankings.Select(r => (r.Level, r.Kind)));
        var county = all.Rankings[1];
        // Tied units share a rank (listed by name), and the next rank skips.
        Assert.Equal([("丁县司法局", 1, 95.0, false), ("乙县司法局", 2, 90.0, true), ("甲县司法局", 2, 90.0, true), ("丙县司法局", 4, 80.0, false)], Rows(county));
        // The tie is listed once, with its units in the ranking's order.
        var tie = Assert.Single(county.Ties);
        Assert.Equal((2, 90.0), (tie.Rank, tie.Combined));
        Assert.Equal([b.Id, a.Id], tie.UnitIds);
        Assert.Equal((75.0, 100.0), (county.Units[1].Routine, county.Units[1].Annual));
        Assert.Equal(("南通市司法局", 1, 88.0, false), Rows(all.Rankings[0]).Single());

        var filtered = await Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = Year, Level = "county", Kind = "government" }, node.Clerk);
        Assert.Equal(government.Id, Assert.Single(Assert.Single(filtered.Rankings).Units).UnitId);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = Year, Level = "township" }, node.Clerk).ResponseAsync), "level");
        var unitMayNotRank = await Assert.ThrowsAsync<RpcException>(() => Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = Year }, node.LiaisonOf(a.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNotRank.StatusCode);

        // 丙 appeals; another unit may not appeal for it, and the office does not appeal.
        var request = new FileAppealRequest { Year = Year, UnitId = c.Id, IndicatorCode = "1.1", Reason = "年度执法案卷评查得分有误，已补充材料。" };
        foreach (var caller in new[] { node.LiaisonOf(a.Id), node.Clerk, node.Observer })
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Evaluation.FileAppealAsync(request, caller).ResponseAsync)).StatusCode);
        }
        var appeal = await Evaluation.FileAppealAsync(request, node.LiaisonOf(c.Id));
        Assert.Equal(("pending", "1.1"), (appeal.Status, appeal.IndicatorCode));
        var twice = await Assert.ThrowsAsync<RpcException>(() => Evaluation.FileAppealAsync(request, node.LiaisonOf(c.Id)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Evaluation.FileAppealAsync(
            new FileAppealRequest { Year = Year, UnitId = c.Id, IndicatorCode = "1", Reason = "不服" }, node.LiaisonOf(c.Id)).ResponseAsync), "indicator_code");

        // Observers read but never decide; a rejection carries no adjustment; an upheld appeal needs one.
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Evaluation.DecideAppealAsync(
            new DecideAppealRequest { AppealId = appeal.Id, Decision = "upheld", Adjustment = 15, Comment = "属实" }, node.Observer).ResponseAsync)).StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Evaluation.DecideAppealAsync(
            new DecideAppealRequest { AppealId = appeal.Id, Decision = "rejected", Adjustment = 3, Comment = "不属实" }, node.Clerk).ResponseAsync), "adjustment");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Evaluation.DecideAppealAsync(
            new DecideAppealRequest { AppealId = appeal.Id, Decision = "upheld", Comment = "" }, node.Clerk).ResponseAsync), "comment", "adjustment");

        var upheld = await Evaluation.DecideAppealAsync(new DecideAppealRequest { AppealId = appeal.Id, Decision = "upheld", Adjustment = 15, Comment = "经复核，补充材料属实" }, node.Clerk);
        Assert.Equal(("upheld", 15.0, 80.0, 95.0, "clerk"), (upheld.Status, upheld.Adjustment, upheld.CombinedBefore, upheld.CombinedAfter, upheld.DecidedBy));
        var again = await Assert.ThrowsAsync<RpcException>(() => Evaluation.DecideAppealAsync(
            new DecideAppealRequest { AppealId = appeal.Id, Decision = "rejected", Comment = "改判" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        // The trail is on the leaf the unit reads.
        var score = await Evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = Year, UnitId = c.Id }, node.LiaisonOf(c.Id));
        var leaf = score.Leaves.Single();
        Assert.Equal((95.0, 95.0, 80.0, 95.0), (leaf.Routine, leaf.Annual, leaf.RoutineValue, score.Combined));
        Assert.Equal(appeal.Id, Assert.Single(leaf.Appeals).Id);

        // 甲's appeal is rejected: the score stays.
        var rejectedAppeal = await Evaluation.FileAppealAsync(new FileAppealRequest { Year = Year, UnitId = a.Id, IndicatorCode = "1.1", Reason = "要求加分" }, node.LiaisonOf(a.Id));
        var rejected = await Evaluation.DecideAppealAsync(new DecideAppealRequest { AppealId = rejectedAppeal.Id, Decision = "rejected", Comment = "无新证据" }, node.Clerk);
        Assert.Equal(("rejected", 0.0, 90.0, 90.0), (rejected.Status, rejected.Adjustment, rejected.CombinedBefore, rejected.CombinedAfter));

        var reranked = (await Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = Year, Level = "county", Kind = "department" }, node.Clerk)).Rankings.Single();
        Assert.Equal([("丁县司法局", 1, 95.0, true), ("丙县司法局", 1, 95.0, true), ("乙县司法局", 3, 90.0, true), ("甲县司法局", 3, 90.0, true)], Rows(reranked));
        Assert.Equal([(1, 95.0, new[] { d.Id, c.Id }), (3, 90.0, new[] { b.Id, a.Id })], reranked.Ties.Select(t => (t.Rank, t.Combined, t.UnitIds.ToArray())));

        // Appeals: the office sees all, a unit its own, and not another's.
        Assert.Equal(2, (await Evaluation.ListAppealsAsync(new ListAppealsRequest { Year = Year }, node.Observer)).Appeals.Count);
        Assert.Equal([rejectedAppeal.Id], (await Evaluation.ListAppealsAsync(new ListAppealsRequest { Year = Year }, node.LiaisonOf(a.Id))).Appeals.Select(x => x.Id));
        Assert.Equal([appeal.Id], (await Evaluation.ListAppealsAsync(new ListAppealsRequest { Year = Year, Status = "upheld" }, node.Clerk)).Appeals.Select(x => x.Id));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Evaluation.ListAppealsAsync(
            new ListAppealsRequest { Year = Year, UnitId = c.Id }, node.LiaisonOf(a.Id)).ResponseAsync)).StatusCode);

        // Publishing: office only; the results go out as assessment.scores_published.v1 through the outbox.
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Evaluation.PublishScoresAsync(
            new PublishScoresRequest { Year = Year }, node.Observer).ResponseAsync)).StatusCode);
        var publication = await Evaluation.PublishScoresAsync(new PublishScoresRequest { Year = Year }, node.Clerk);
        Assert.Equal((6, "clerk"), (publication.UnitCount, publication.PublishedBy));
        await using var scope = node.Services.CreateAsyncScope();
        var published = Assert.Single(await OutboxEvents.AboutAsync<ScoresPublished>(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>(), Guid.Parse(publication.Id)));
        Assert.Equal((Year, 40, 60, 6), (published.Year, published.RoutineShare, published.AnnualShare, published.Scores.Count));
        var ofC = published.Scores.Single(s => s.UnitId == Guid.Parse(c.Id));
        Assert.Equal(("county", "department", 95m, 1, true), (ofC.Level, ofC.Kind, ofC.Combined, ofC.Rank, ofC.Tied));
        Assert.Equal("clerk", published.PublishedBy);
    }
}
