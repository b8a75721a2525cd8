using Grpc.Core;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;
using Platform.Contracts.Rectification.V1;

namespace Platform.Testing.Access;

/// <summary>
/// The data the access matrix runs against, seeded once per node through the public API only (so
/// the same seed works in process and through the distributed gateway): two units, "own" (A) and
/// "other" (B); a plan assigned to both; a mission on both with one inspector on its team, a
/// finding and feedback for each unit, their rectification items, inbox messages and mission
/// notices; a questionnaire and an integrator's clue. The callers are the matrix's columns.
/// </summary>
public sealed class AccessScenario
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(60);

    private AccessScenario(IReadOnlyDictionary<string, string> ids, IReadOnlyDictionary<string, Metadata> callers)
    {
        Ids = ids;
        Callers = callers;
    }

    /// <summary>Seeded ids by the names the matrix uses ($unit_own, $item_other, ...).</summary>
    public IReadOnlyDictionary<string, string> Ids { get; }

    /// <summary>Call credentials by matrix column.</summary>
    public IReadOnlyDictionary<string, Metadata> Callers { get; }

    public static async Task<AccessScenario> SeedAsync(GrpcChannel channel, TestTokens tokens)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var clerk = SliceScenario.Bearer(tokens.OfficeStaff("matrix-clerk-" + suffix));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var planning = new PlanningService.PlanningServiceClient(channel);
        var inspection = new InspectionService.InspectionServiceClient(channel);
        var rectification = new RectificationService.RectificationServiceClient(channel);
        var notification = new NotificationService.NotificationServiceClient(channel);

        // Planning: two units, a plan with one task assigned to both.
        var own = await planning.CreateUnitAsync(new CreateUnitRequest { Name = "崇川区司法局" + suffix, ShortName = "崇川司法", Kind = "department", RegionCode = "320602" }, clerk);
        var other = await planning.CreateUnitAsync(new CreateUnitRequest { Name = "海门区司法局" + suffix, ShortName = "海门司法", Kind = "department", RegionCode = "320614" }, clerk);
        ids["unit_own"] = own.Id;
        ids["unit_other"] = other.Id;
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年法治政府建设工作要点" + suffix,
            Year = 2026,
            Tasks = { new NewTask { Title = "健全行政执法三项制度", Deadline = "2026-12-31" } },
        }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        ids["plan"] = plan.Id;
        ids["task"] = plan.Tasks[0].Id;
        ids["assignment_own"] = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id, UnitId = own.Id }, clerk)).Assignments[0].Id;
        ids["assignment_other"] = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id, UnitId = other.Id }, clerk)).Assignments[0].Id;
        var liaisonOwn = SliceScenario.Bearer(tokens.Issue("matrix-liaison-own-" + suffix, Guid.Parse(own.Id), PlatformRoles.UnitLiaison));
        var report = await planning.ReportProgressAsync(new Contracts.Planning.V1.ReportProgressRequest
        {
            AssignmentId = ids["assignment_own"],
            Text = "已完成行政执法公示制度修订。",
            Percent = 40,
            Attachments = { new NewAttachment { FileName = "进展情况.txt", ContentType = "text/plain", Content = Google.Protobuf.ByteString.CopyFromUtf8("进展情况说明") } },
        }, liaisonOwn);
        ids["attachment_own"] = report.Attachments[0].Id;

        // Inspection: a mission on both units, one inspector on its team, a finding and feedback for each.
        var inspector = await inspection.RegisterInspectorAsync(new RegisterInspectorRequest
        {
            Name = "张督察",
            UserId = "matrix-insp-on-" + suffix,
            Expertise = { "enforcement" },
        }, clerk);
        ids["inspector"] = inspector.Id;
        var mission = await inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = "2026年行政执法专项督察" + suffix,
            Kind = "special_topic",
            Year = 2026,
            FocusItems = { "行政执法三项制度落实情况" },
            Methods = { "file_checks" },
            StartsOn = "2026-05-11",
            EndsOn = "2026-05-29",
            Targets =
            {
                new Contracts.Inspection.V1.MissionTarget { UnitId = own.Id, UnitName = own.Name, RegionCode = "320602" },
                new Contracts.Inspection.V1.MissionTarget { UnitId = other.Id, UnitName = other.Name, RegionCode = "320614" },
            },
        }, clerk);
        ids["mission"] = mission.Id;
        await inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, clerk);
        foreach (var state in new[] { "notified", "in_progress" })
        {
            await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = state }, clerk);
        }
        var questionnaire = await inspection.CreateQuestionnaireAsync(new CreateQuestionnaireRequest
        {
            MissionId = mission.Id,
            Title = "行政执法自查问卷",
            Audience = "targets",
            Questions = { new NewQuestion { Text = "是否落实执法公示制度？", Kind = "single_choice", Options = { "是", "否" } } },
        }, clerk);
        ids["questionnaire"] = questionnaire.Id;
        ids["question"] = questionnaire.Questions[0].Id;
        foreach (var (name, unit) in new[] { ("own", own), ("other", other) })
        {
            var finding = await inspection.RecordFindingAsync(new RecordFindingRequest
            {
                MissionId = mission.Id,
                ResponsibleUnitId = unit.Id,
                Title = "行政处罚案卷不规范（" + name + "）",
                Description = "抽查的行政处罚案卷缺少法制审核意见。",
                Location = "执法案卷室",
                Category = "行政执法",
                Severity = "serious",
            }, clerk);
            ids["finding_" + name] = finding.Id;
        }
        await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = "reporting" }, clerk);
        foreach (var (name, unit) in new[] { ("own", own), ("other", other) })
        {
            ids["feedback_" + name] = (await inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = unit.Id }, clerk)).Id;
        }

        // A clue from an integrator, for the office's clue desk.
        var operatorCredentials = SliceScenario.Bearer(tokens.Issue("matrix-operator-" + suffix, null, PlatformRoles.NodeOperator));
        var integrator = await inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = "12345热线平台" + suffix, AllowedSources = { "hotline_12345" } }, operatorCredentials);
        ids["integrator"] = integrator.Integrator.Id;
        var intake = await new ClueIntakeService.ClueIntakeServiceClient(channel).IntakeCluesAsync(new IntakeCluesRequest
        {
            Clues =
            {
                new NewClue
                {
                    SourceSystem = "hotline_12345",
                    SourceId = "h-" + suffix,
                    ReceivedAt = "2026-04-20T02:30:00Z",
                    Subject = "行政许可审批超时",
                    Content = "群众反映办理许可超过法定期限。",
                    Category = "行政许可",
                    UnitName = own.Name,
                    RegionCode = "320600",
                },
            },
        }, new Metadata { { "x-integrator-key", integrator.Key } });
        ids["clue"] = intake.Results[0].ClueId;

        // What the events made elsewhere: the items, the feedback messages, the mission notices.
        foreach (var name in new[] { "own", "other" })
        {
            var unitId = ids["unit_" + name];
            var findingId = ids["finding_" + name];
            ids["item_" + name] = (await Eventually.GetAsync(
                async () => (await rectification.ListItemsAsync(new ListItemsRequest { UnitId = unitId, PageSize = 50 }, clerk)).Items.FirstOrDefault(i => i.FindingId == findingId),
                EventTimeout, "the rectification item of finding " + name)).Id;
            ids["message_" + name] = (await Eventually.GetAsync(
                async () => (await notification.ListInboxAsync(new ListInboxRequest { UnitId = unitId, PageSize = 50 }, clerk)).Messages.FirstOrDefault(m => m.SubjectId == ids["feedback_" + name]),
                EventTimeout, "the feedback message of unit " + name)).Id;
            ids["document_" + name] = (await Eventually.GetAsync(
                async () => (await notification.ListDocumentsAsync(new ListDocumentsRequest { UnitId = unitId, PageSize = 50 }, clerk)).Documents.FirstOrDefault(),
                EventTimeout, "the mission notice of unit " + name)).Id;
        }

        // Assessment: a person of unit A, once planning's unit event has reached assessment.
        var assessment = new AssessmentService.AssessmentServiceClient(channel);
        ids["person_own"] = (await Eventually.GetAsync(
            async () =>
            {
                try
                {
                    return await assessment.CreatePersonAsync(new CreatePersonRequest
                    {
                        UnitId = own.Id, Name = "张局长", Position = "局长", PostKind = "department_head", TermStart = "2026-01-05",
                    }, clerk);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
                {
                    return null;
                }
            },
            EventTimeout, "unit A in assessment")).Id;
        var campaign = await assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度述法" + suffix, Year = 2026, Kind = "annual", Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, clerk);
        ids["campaign"] = campaign.Id;
        await assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, clerk);
        ids["entry_own"] = (await assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = own.Id }, clerk)).Entries.Single().Id;
        // Unit A's duty report with a file, so that the file's download has something to refuse or give.
        var dutyReport = new SubmitDutyReportRequest { EntryId = ids["entry_own"], Form = "书面", Text = "本人履行推进法治建设第一责任人职责情况" };
        dutyReport.Attachments.Add(new NewDutyReportFile { FileName = "述法报告.pdf", Content = Google.Protobuf.ByteString.CopyFrom(TestFiles.Pdf) });
        await assessment.SubmitDutyReportAsync(dutyReport, liaisonOwn);
        ids["duty_file_own"] = (await assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = own.Id }, clerk)).Entries.Single().Attachments.Single().Id;

        var callers = new Dictionary<string, Metadata>(StringComparer.Ordinal)
        {
            ["anon"] = [],
            ["office"] = clerk,
            ["observer"] = SliceScenario.Bearer(tokens.Issue("matrix-observer-" + suffix, null, PlatformRoles.Observer)),
            ["insp_on"] = SliceScenario.Bearer(tokens.Issue(inspector.UserId, null, PlatformRoles.Inspector)),
            ["insp_off"] = SliceScenario.Bearer(tokens.Issue("matrix-insp-off-" + suffix, null, PlatformRoles.Inspector)),
            ["liaison_own"] = liaisonOwn,
            ["liaison_other"] = SliceScenario.Bearer(tokens.Issue("matrix-liaison-other-" + suffix, Guid.Parse(other.Id), PlatformRoles.UnitLiaison)),
            ["leader_own"] = SliceScenario.Bearer(tokens.Issue("matrix-leader-own-" + suffix, Guid.Parse(own.Id), PlatformRoles.Leader)),
            ["leader_other"] = SliceScenario.Bearer(tokens.Issue("matrix-leader-other-" + suffix, Guid.Parse(other.Id), PlatformRoles.Leader)),
            ["operator"] = operatorCredentials,
            ["auditor"] = SliceScenario.Bearer(tokens.Issue("matrix-auditor-" + suffix, null, PlatformRoles.Auditor)),
        };
        return new AccessScenario(ids, callers);
    }
}
