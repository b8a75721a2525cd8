using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;
using Platform.Testing;

namespace Platform.Integration.Tests;

/// <summary>
/// Assessment on the distributed node (PostgreSQL, RabbitMQ, every call through the gateway), beside the
/// score flow of <see cref="AssessmentScoreFlowTests"/>: a duty-report campaign with a complete roster,
/// attachments, send-back and rating; weight validation, appeals and tied rankings; study minimums whose
/// reminder reaches the unit's inbox through notification; and the credential rules with "may enforce".
/// The node is shared with the other distributed tests, so every assertion is about this test's units.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class AssessmentDistributedTests(DistributedNode node)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);
    private static readonly byte[] Pdf = TestFiles.Pdf;

    private Metadata Clerk => SliceScenario.Bearer(node.Tokens.OfficeStaff());

    private Metadata Observer => SliceScenario.Bearer(node.Tokens.Observer());

    private Metadata LiaisonOf(string unitId) => SliceScenario.Bearer(node.Tokens.Liaison(Guid.Parse(unitId), "liaison-" + unitId[..8]));

    /// <summary>A unit made in planning, once planning.unit_saved.v1 has brought it to assessment over RabbitMQ.</summary>
    private async Task<AssessmentUnit> UnitAsync(GrpcChannel channel, string name, string regionCode, string kind = "department")
    {
        var unit = await new PlanningService.PlanningServiceClient(channel).CreateUnitAsync(
            new CreateUnitRequest { Name = SliceScenario.UniqueName(name), Kind = kind, RegionCode = regionCode }, Clerk);
        var assessment = new AssessmentService.AssessmentServiceClient(channel);
        return await Eventually.GetAsync(
            async () => (await assessment.ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500 }, Clerk)).Units.FirstOrDefault(u => u.Id == unit.Id),
            DeliveryTimeout, unit.Name + " in assessment");
    }

    private Task<Person> AppointAsync(AssessmentService.AssessmentServiceClient assessment, AssessmentUnit unit, string name, string postKind) =>
        assessment.CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = name, Position = "局长", PostKind = postKind, Rank = "正处级", TermStart = "2024-03-01",
        }, Clerk).ResponseAsync;

    [SkippableFact]
    public async Task A_campaign_puts_everyone_due_on_the_roster_and_runs_from_submission_with_a_file_to_the_dashboard()
    {
        node.SkipIfUnavailable();
        var channel = node.CreateGatewayChannel();
        var assessment = new AssessmentService.AssessmentServiceClient(channel);
        var unit = await UnitAsync(channel, "如皋市司法局", "320682");
        var first = await AppointAsync(assessment, unit, "李述", "department_head");
        var second = await AppointAsync(assessment, unit, "王述", "department_head");
        var leaving = await AppointAsync(assessment, unit, "孙离", "department_head");
        var officer = await AppointAsync(assessment, unit, "钱执法", "enforcement_officer");

        var campaign = await assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = SliceScenario.UniqueName("年度述法"), Year = 2026, Kind = "annual",
            Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, Clerk);
        await assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, Clerk);
        Task<ListRosterResponse> RosterAsync(string status = "") =>
            assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id, Status = status, PageSize = 100 }, Clerk).ResponseAsync;
        // 应述尽述: every department head, and no one the duty list does not name.
        var roster = (await RosterAsync()).Entries;
        Assert.Equal(new[] { first.Id, second.Id, leaving.Id }.Order(), roster.Select(e => e.PersonId).Order());
        Assert.DoesNotContain(roster, e => e.PersonId == officer.Id);
        Assert.All(roster, e => Assert.Equal(("due", "county", "department_head"), (e.Status, e.Level, e.PostKind)));

        // One leaves: the next run keeps them, excused with why, and adds nobody twice.
        await assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leaving.Id, Change = "leave" }, Clerk);
        var again = await assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, Clerk);
        Assert.Equal(0, again.Added);
        Assert.True(again.Excused >= 1);
        var excused = (await RosterAsync()).Entries.Single(e => e.PersonId == leaving.Id);
        Assert.Equal(("excused", "离任"), (excused.Status, excused.Reason));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), (await RosterAsync("missing")).Entries.Select(e => e.PersonId).Order());

        // Submitted with a file by the unit, sent back, submitted again, rated by the office.
        var entry = roster.Single(e => e.PersonId == first.Id);
        var submit = new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "一年来认真履行推进法治建设第一责任人职责。" };
        submit.Attachments.Add(new NewDutyReportFile { FileName = "述法报告.pdf", Content = ByteString.CopyFrom(Pdf) });
        var submitted = await assessment.SubmitDutyReportAsync(submit, LiaisonOf(unit.Id));
        Assert.Equal(("submitted", "application/pdf"), (submitted.Status, submitted.Attachments.Single().ContentType));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => assessment.SubmitDutyReportAsync(
            submit, SliceScenario.Bearer(node.Tokens.Liaison(Guid.CreateVersion7()))).ResponseAsync)).StatusCode);
        var sentBack = await assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "send_back", Comment = "请补充年度学法情况" }, Clerk);
        Assert.Equal(("sent_back", "请补充年度学法情况"), (sentBack.Status, sentBack.Reason));
        submit.Attachments.Clear();
        await assessment.SubmitDutyReportAsync(submit, LiaisonOf(unit.Id));
        var rated = await assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "rate", Rating = "excellent", Comment = "述职全面" }, Clerk);
        Assert.Equal(("reviewed", "excellent"), (rated.Status, rated.Rating));

        var dashboard = await assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "unit" }, Observer);
        var row = dashboard.Rows.Single(r => r.Key == unit.Id);
        Assert.Equal((2, 1, 1, 1, 1), (row.Due, row.Submitted, row.Reviewed, row.Excellent, row.Excused));
    }

    [SkippableFact]
    public async Task Weights_are_checked_appeals_are_decided_and_ties_share_a_rank_listed_once()
    {
        node.SkipIfUnavailable();
        const int year = 2029;
        var channel = node.CreateGatewayChannel();
        var evaluation = new EvaluationService.EvaluationServiceClient(channel);
        var a = await UnitAsync(channel, "甲县司法局", "320623");
        var b = await UnitAsync(channel, "乙县司法局", "320621");
        var c = await UnitAsync(channel, "丙县司法局", "320684");

        // Weights that do not add up: the error names the parent and the sum; nothing is stored.
        var bad = new SetIndicatorSystemRequest
        {
            Year = year, RoutineShare = 40, AnnualShare = 60,
            Indicators =
            {
                new Indicator { Code = "1", Name = "依法行政", Weight = 100 },
                new Indicator { Code = "1.1", ParentCode = "1", Name = "综合评价", Weight = 60, Scoring = "manual" },
                new Indicator { Code = "1.2", ParentCode = "1", Name = "案卷评查", Weight = 32.5, Scoring = "manual" },
            },
        };
        var refused = await Assert.ThrowsAsync<RpcException>(() => evaluation.SetIndicatorSystemAsync(bad, Clerk).ResponseAsync);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("indicators[0]", violation.Field);
        Assert.Contains("under 1 依法行政", violation.Description, StringComparison.Ordinal);
        Assert.Contains("92.5,", violation.Description, StringComparison.Ordinal);
        bad.Indicators[2].Weight = 40;
        await evaluation.SetIndicatorSystemAsync(bad, Clerk);

        // combined = 40 % routine + 60 % annual of both leaves: 甲 and 乙 90, 丙 95.
        foreach (var (unit, value) in new[] { (a, 54.0), (b, 54.0), (c, 57.0) })
        {
            foreach (var evaluationKind in new[] { "routine", "annual" })
            {
                await evaluation.RecordScoreAsync(new RecordScoreRequest { Year = year, UnitId = unit.Id, IndicatorCode = "1.1", Evaluation = evaluationKind, Value = value }, Clerk);
                await evaluation.RecordScoreAsync(new RecordScoreRequest { Year = year, UnitId = unit.Id, IndicatorCode = "1.2", Evaluation = evaluationKind, Value = 36 }, Clerk);
            }
        }
        async Task<Ranking> CountyDepartmentsAsync() =>
            (await evaluation.RankUnitsAsync(new RankUnitsRequest { Year = year, Level = "county", Kind = "department" }, Observer)).Rankings.Single();
        var ranking = await CountyDepartmentsAsync();
        RankedUnit Of(AssessmentUnit unit) => ranking.Units.Single(u => u.UnitId == unit.Id);
        Assert.Equal((1, 93.0, false), (Of(c).Rank, Of(c).Combined, Of(c).Tied));
        Assert.Equal((2, true), (Of(a).Rank, Of(a).Tied));
        Assert.Equal((2, true), (Of(b).Rank, Of(b).Tied));
        // The tie is listed once, its units in the ranking's order (by name: 乙 before 甲).
        var tie = ranking.Ties.Single(t => t.Rank == 2);
        Assert.Equal([b.Id, a.Id], tie.UnitIds);
        Assert.DoesNotContain(ranking.Ties, t => t.Rank != 2 && (t.UnitIds.Contains(a.Id) || t.UnitIds.Contains(b.Id) || t.UnitIds.Contains(c.Id)));

        // 乙 appeals one leaf; observers may not decide; the office upholds it and the tie breaks.
        var appeal = await evaluation.FileAppealAsync(new FileAppealRequest { Year = year, UnitId = b.Id, IndicatorCode = "1.1", Reason = "年度执法案卷评查得分有误，已补充材料。" }, LiaisonOf(b.Id));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => evaluation.FileAppealAsync(
            new FileAppealRequest { Year = year, UnitId = b.Id, IndicatorCode = "1.1", Reason = "代为申诉" }, LiaisonOf(a.Id)).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => evaluation.DecideAppealAsync(
            new DecideAppealRequest { AppealId = appeal.Id, Decision = "upheld", Adjustment = 3, Comment = "属实" }, Observer).ResponseAsync)).StatusCode);
        var upheld = await evaluation.DecideAppealAsync(new DecideAppealRequest { AppealId = appeal.Id, Decision = "upheld", Adjustment = 3, Comment = "经复核，补充材料属实" }, Clerk);
        Assert.Equal(("upheld", 90.0, 93.0), (upheld.Status, upheld.CombinedBefore, upheld.CombinedAfter));
        ranking = await CountyDepartmentsAsync();
        Assert.Equal([(1, true), (1, true), (3, false)], new[] { Of(b), Of(c), Of(a) }.Select(u => (u.Rank, u.Tied)));
        Assert.Equal([c.Id, b.Id], ranking.Ties.Single(t => t.Rank == 1).UnitIds); // 丙 before 乙
    }

    [SkippableFact]
    public async Task A_unit_behind_on_study_is_reminded_in_its_inbox_and_only_a_passed_exam_gives_a_credential()
    {
        node.SkipIfUnavailable();
        var channel = node.CreateGatewayChannel();
        var assessment = new AssessmentService.AssessmentServiceClient(channel);
        var qualification = new QualificationService.QualificationServiceClient(channel);
        var government = await UnitAsync(channel, "如东县人民政府", "320623", "government");

        // One executive-meeting session by mid-July of a year: a county government should have held 2 of its 4.
        await qualification.RecordStudySessionAsync(new RecordStudySessionRequest
        {
            UnitId = government.Id, Date = "2019-02-10", Topic = "学习行政复议法", Kind = "executive_meeting",
        }, LiaisonOf(government.Id));
        var check = await qualification.CheckStudyMinimumsAsync(new CheckStudyMinimumsRequest { Year = 2019, AsOf = "2019-07-15", Remind = true }, Clerk);
        var standing = check.Units.Single(u => u.UnitId == government.Id);
        Assert.Equal((4, 1, 2, true, true), (standing.Required, standing.Held, standing.ExpectedByNow, standing.Behind, standing.Reminded));
        // assessment.study_behind.v1 crosses RabbitMQ; notification puts the reminder in the unit's inbox.
        var notification = new NotificationService.NotificationServiceClient(channel);
        var reminder = await Eventually.GetAsync(
            async () => (await notification.ListInboxAsync(new ListInboxRequest { UnitId = government.Id, PageSize = 50 }, LiaisonOf(government.Id)))
                .Messages.SingleOrDefault(m => m.Title.StartsWith("学法提醒", StringComparison.Ordinal)),
            DeliveryTimeout, "the study reminder in the government's inbox");
        Assert.Equal("liaison", reminder.Audience);

        // No exam, no credential; a passed one, and the credential follows its suspension.
        var officer = await AppointAsync(assessment, government, "周执法", "enforcement_officer");
        var number = SliceScenario.UniqueName("苏执");
        var issue = new IssueCredentialRequest { PersonId = officer.Id, Number = number, IssuedOn = "2025-05-01", ExpiresOn = "2028-04-30" };
        var refused = await Assert.ThrowsAsync<RpcException>(() => qualification.IssueCredentialAsync(issue, Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("no exam, no credential", refused.Status.Detail, StringComparison.Ordinal);
        await qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "pre_appointment", TakenOn = "2025-04-01", Score = 82.5 }, Clerk);
        var credential = await qualification.IssueCredentialAsync(issue, Clerk);
        await qualification.SuspendCredentialAsync(new SuspendCredentialRequest { CredentialId = credential.Id, From = "2025-07-01", Until = "2025-07-31", Reason = "停职调查" }, Clerk);

        // An integrator asks over REST through the gateway, with a service token of the node.
        using var http = node.CreateGatewayClient();
        async Task<JsonElement> MayEnforceAsync(string date)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessment/v1/people/{officer.Id}/may-enforce?date={date}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue("integrator-1", null, PlatformRoles.NodeOperator));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.True((await MayEnforceAsync("2025-06-01")).GetProperty("mayEnforce").GetBoolean());
        var suspended = await MayEnforceAsync("2025-07-15");
        Assert.False(suspended.TryGetProperty("mayEnforce", out var may) && may.GetBoolean());
        Assert.Contains("停职调查", suspended.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
