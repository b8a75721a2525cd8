using Grpc.Core;
using Platform.Contracts.Assessment.V1;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// What keeps marks and appeals consistent: one pending appeal per leaf and unit however many are filed at once, and
/// a tree replaced after marks keeps the marked leaves. A node of its own, so its units stay out of other rankings.
/// </summary>
public sealed class EvaluationSafeguardTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private EvaluationService.EvaluationServiceClient Evaluation => new(node.CreateGrpcChannel());

    [Fact]
    public async Task Appeals_on_one_leaf_filed_at_once_leave_one_pending()
    {
        const int year = 2032;
        await node.SetOneLeafTreeAsync(year);
        var unit = await node.UnitAsync("戊县司法局", regionCode: "320623");
        var request = new FileAppealRequest { Year = year, UnitId = unit.Id, IndicatorCode = "1.1", Reason = "评分有误" };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await Evaluation.FileAppealAsync(request, node.LiaisonOf(unit.Id));
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        // The store holds one pending appeal per leaf and unit: the others are told one is pending.
        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.AlreadyExists, o));
        var pending = await Evaluation.ListAppealsAsync(new ListAppealsRequest { Year = year, UnitId = unit.Id }, node.Clerk);
        Assert.Single(pending.Appeals);
    }

    [Fact]
    public async Task A_tree_replaced_after_marks_keeps_the_marked_leaves()
    {
        const int year = 2033;
        SetIndicatorSystemRequest Tree(string leaf, string scoring, double weight = 100)
        {
            var request = new SetIndicatorSystemRequest { Year = year, RoutineShare = 40, AnnualShare = 60 };
            request.Indicators.Add(new Indicator { Code = "1", Name = "依法行政", Weight = 100 });
            request.Indicators.Add(new Indicator { Code = leaf, ParentCode = "1", Name = "综合评价", Weight = weight, Scoring = scoring, Target = scoring == "count_against_target" ? 4 : 0 });
            if (weight < 100)
            {
                request.Indicators.Add(new Indicator { Code = "1.9", ParentCode = "1", Name = "其他", Weight = 100 - weight, Scoring = "manual" });
            }
            return request;
        }
        await Evaluation.SetIndicatorSystemAsync(Tree("1.1", "manual"), node.Clerk);
        var unit = await node.UnitAsync("己县司法局", regionCode: "320623");
        await Evaluation.RecordScoreAsync(new RecordScoreRequest { Year = year, UnitId = unit.Id, IndicatorCode = "1.1", Evaluation = "annual", Value = 80 }, node.Clerk);

        // Dropping the marked leaf, or scoring it another way, would leave its mark meaning nothing: refused, naming it.
        foreach (var replacement in new[] { Tree("1.2", "manual"), Tree("1.1", "count_against_target") })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => Evaluation.SetIndicatorSystemAsync(replacement, node.Clerk).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains("1.1 (1 marks, 0 appeals)", refused.Status.Detail);
        }
        // Other weights and a new leaf beside it are fine.
        var kept = await Evaluation.SetIndicatorSystemAsync(Tree("1.1", "manual", weight: 60), node.Clerk);
        Assert.Equal(3, kept.Indicators.Count);
    }
}
