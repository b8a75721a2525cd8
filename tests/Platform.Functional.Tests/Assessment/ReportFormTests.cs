using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// The N forms and five mechanisms of "1+4+5+N" as data: the node operator adds a form to the node's list,
/// campaigns naming no forms get the list, and a report in a form that requires it is rated only after
/// the office's public evaluation (述评). Its own node: adding a form changes every later campaign's defaults.
/// </summary>
public sealed class ReportFormTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private Metadata Operator => SliceScenario.Bearer(node.Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    [Fact]
    public async Task The_operator_adds_forms_and_meeting_reports_are_evaluated_publicly_before_rating()
    {
        var listed = await node.Assessment.ListReportFormsAsync(new ListReportFormsRequest(), node.Clerk);
        Assert.Equal(["书面", "专题", "会议", "新媒体"], listed.Forms.Select(f => f.Name));
        Assert.Equal(["会议", "新媒体"], listed.Forms.Where(f => f.RequiresPublicEvaluation).Select(f => f.Name));
        Assert.All(listed.Forms, f => Assert.True(f.BuiltIn));
        Assert.Equal(["述学", "述评", "述督", "述考", "述改"], listed.Mechanisms.Select(m => m.Name));

        var added = await node.Assessment.AddReportFormAsync(new AddReportFormRequest { Name = "现场述法", RequiresPublicEvaluation = true }, Operator);
        Assert.Equal(("现场述法", true, false, "operator"), (added.Name, added.RequiresPublicEvaluation, added.BuiltIn, added.AddedBy));
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() =>
            node.Assessment.AddReportFormAsync(new AddReportFormRequest { Name = "会议" }, Operator).ResponseAsync), "name");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() =>
            node.Assessment.AddReportFormAsync(new AddReportFormRequest { Name = "" }, Operator).ResponseAsync), "name");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() =>
            node.Assessment.AddReportFormAsync(new AddReportFormRequest { Name = new string('述', 21) }, Operator).ResponseAsync), "name");
        var byOffice = await Assert.ThrowsAsync<RpcException>(() =>
            node.Assessment.AddReportFormAsync(new AddReportFormRequest { Name = "网络述法" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byOffice.StatusCode);

        var unit = await node.UnitAsync("海门区司法局", regionCode: "320614");
        var head = await node.AppointAsync(unit, "陈述", "department_head");
        var other = await node.AppointAsync(unit, "林书", "team_member");
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度述法", Year = 2026, Kind = "annual",
            Duties = { new Duty { Level = "county", PostKind = "department_head" }, new Duty { Level = "county", PostKind = "team_member" } },
        }, node.Clerk);
        Assert.Equal(["书面", "专题", "会议", "新媒体", "现场述法"], campaign.Forms);
        Assert.Equal(["会议", "新媒体", "现场述法"], campaign.PublicEvaluationForms);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        var roster = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id }, node.Clerk)).Entries;
        var ofHead = roster.Single(e => e.PersonId == head.Id);
        var ofOther = roster.Single(e => e.PersonId == other.Id);

        var atMeeting = await node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = ofHead.Id, Form = "现场述法", Text = "在全委会上现场述法。" }, node.LiaisonOf(unit.Id));
        Assert.True(atMeeting.PublicEvaluationRequired);
        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ReviewDutyReportAsync(
            new ReviewDutyReportRequest { EntryId = ofHead.Id, Decision = "rate", Rating = "good" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, tooEarly.StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Assessment.EvaluateDutyReportAsync(
            new EvaluateDutyReportRequest { EntryId = ofHead.Id, Evaluation = " " }, node.Clerk).ResponseAsync), "evaluation");
        var byObserver = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.EvaluateDutyReportAsync(
            new EvaluateDutyReportRequest { EntryId = ofHead.Id, Evaluation = "点评" }, node.Observer).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byObserver.StatusCode);

        var evaluated = await node.Assessment.EvaluateDutyReportAsync(
            new EvaluateDutyReportRequest { EntryId = ofHead.Id, Evaluation = "述法内容全面，但对问题整改的措施不够具体。" }, node.Clerk);
        Assert.Equal("述法内容全面，但对问题整改的措施不够具体。", evaluated.PublicEvaluation);
        Assert.NotEmpty(evaluated.PublicEvaluatedAt);
        var rated = await node.Assessment.ReviewDutyReportAsync(
            new ReviewDutyReportRequest { EntryId = ofHead.Id, Decision = "rate", Rating = "good" }, node.Clerk);
        Assert.Equal(("reviewed", "good"), (rated.Status, rated.Rating));

        // A written report needs no public evaluation: it is rated directly, and evaluating it is refused.
        var written = await node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = ofOther.Id, Form = "书面", Text = "书面述法报告。" }, node.LiaisonOf(unit.Id));
        Assert.False(written.PublicEvaluationRequired);
        var notNeeded = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.EvaluateDutyReportAsync(
            new EvaluateDutyReportRequest { EntryId = ofOther.Id, Evaluation = "点评" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notNeeded.StatusCode);
        Assert.Equal("reviewed", (await node.Assessment.ReviewDutyReportAsync(
            new ReviewDutyReportRequest { EntryId = ofOther.Id, Decision = "rate", Rating = "fair" }, node.Clerk)).Status);
    }

    [Fact]
    public async Task A_report_sent_back_and_resubmitted_needs_a_new_public_evaluation()
    {
        var unit = await node.UnitAsync("启东市司法局", regionCode: "320681");
        var head = await node.AppointAsync(unit, "黄评", "department_head");
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年专题述法", Year = 2026, Kind = "topic", Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        var entry = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id }, node.Clerk)).Entries.Single(e => e.PersonId == head.Id);
        var submit = new SubmitDutyReportRequest { EntryId = entry.Id, Form = "新媒体", Text = "通过政务新媒体公开述法。" };

        await node.Assessment.SubmitDutyReportAsync(submit, node.LiaisonOf(unit.Id));
        await node.Assessment.EvaluateDutyReportAsync(new EvaluateDutyReportRequest { EntryId = entry.Id, Evaluation = "请补充执法监督情况。" }, node.Clerk);
        await node.Assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "send_back", Comment = "补充执法监督情况" }, node.Clerk);
        var again = await node.Assessment.SubmitDutyReportAsync(submit, node.LiaisonOf(unit.Id));
        Assert.Equal(("submitted", ""), (again.Status, again.PublicEvaluation));
        var early = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ReviewDutyReportAsync(
            new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "rate", Rating = "excellent" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
    }
}
