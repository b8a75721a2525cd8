using System.IO.Compression;
using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>A leader's dossier (法治档案): duty reports, study, training, exams and credentials in one view and one .docx, for the right readers only.</summary>
public sealed class DossierTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private DossierService.DossierServiceClient Dossiers => new(node.CreateGrpcChannel());

    private QualificationService.QualificationServiceClient Qualification => new(node.CreateGrpcChannel());

    [Fact]
    public async Task A_dossier_gathers_everything_about_a_leader_and_is_exported_as_a_word_document()
    {
        var unit = await node.UnitAsync("如东县生态环境局", regionCode: "320623");
        var other = await node.UnitAsync("如东县水务局", regionCode: "320623");
        var leader = await node.AppointAsync(unit, "张局长", "department_head");
        var colleague = await node.AppointAsync(unit, "李副局长", "team_member");
        var elsewhere = await node.AppointAsync(other, "赵局长", "department_head");

        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2025年度部门主要负责人述法" + SliceScenario.UniqueName("#"), Year = 2025, Kind = "annual",
            Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        var entry = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, node.Clerk)).Entries.Single(e => e.PersonId == leader.Id);
        await node.Assessment.SubmitDutyReportAsync(new SubmitDutyReportRequest { EntryId = entry.Id, Form = "会议", Text = "履行第一责任人职责情况。" }, node.LiaisonOf(unit.Id));
        // A report given at a meeting is evaluated publicly (述评) before it is rated.
        await node.Assessment.EvaluateDutyReportAsync(new EvaluateDutyReportRequest { EntryId = entry.Id, Evaluation = "述法内容全面，问题查摆深入。" }, node.Clerk);
        await node.Assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "rate", Rating = "excellent", Comment = "述法全面" }, node.Clerk);

        await Qualification.RecordStudySessionAsync(new RecordStudySessionRequest { UnitId = unit.Id, Date = "2025-03-05", Topic = "学习《环境保护法》", Kind = "lecture", AttendeeIds = { leader.Id } }, node.Clerk);
        await Qualification.RecordStudySessionAsync(new RecordStudySessionRequest { UnitId = unit.Id, Date = "2025-04-05", Topic = "学习《行政处罚法》", Kind = "lecture", AttendeeIds = { colleague.Id } }, node.Clerk);
        await Qualification.RecordTrainingClassAsync(new RecordTrainingClassRequest
        {
            Title = "领导干部法治专题培训班", StartsOn = "2025-05-12", Hours = 24, Attendance = { new TrainingAttendance { PersonId = leader.Id, Attended = true } },
        }, node.Clerk);
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = leader.Id, Kind = "annual", TakenOn = "2025-06-01", Score = 91 }, node.Clerk);
        var credential = await Qualification.IssueCredentialAsync(new IssueCredentialRequest { PersonId = leader.Id, Number = "苏执" + SliceScenario.UniqueName("D"), IssuedOn = "2025-06-10", ExpiresOn = "2028-06-09" }, node.Clerk);
        await Qualification.SuspendCredentialAsync(new SuspendCredentialRequest { CredentialId = credential.Id, From = "2025-07-01", Until = "2025-07-31", Reason = "停职调查" }, node.Clerk);

        var linked = await Dossiers.LinkPersonAccountAsync(new LinkPersonAccountRequest { PersonId = leader.Id, UserId = "zhang-" + leader.Id[..8] }, node.Clerk);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Dossiers.LinkPersonAccountAsync(
            new LinkPersonAccountRequest { PersonId = colleague.Id, UserId = linked.UserId }, node.Clerk).ResponseAsync), "user_id");

        var dossier = await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = leader.Id }, node.Clerk);
        Assert.Equal(("张局长", unit.Name), (dossier.Person.Name, dossier.UnitName));
        var report = Assert.Single(dossier.DutyReports);
        Assert.Equal((campaign.Title, "reviewed", "会议", "excellent"), (report.CampaignTitle, report.Status, report.Form, report.Rating));
        Assert.Equal(["学习《环境保护法》"], dossier.StudySessions.Select(s => s.Topic)); // not the session the colleague attended
        Assert.Equal(("领导干部法治专题培训班", 24, true), (dossier.Training.Single().Title, dossier.Training.Single().Hours, dossier.Training.Single().Attended));
        Assert.True(dossier.Exams.Single().Passed);
        Assert.Equal("active", dossier.Credentials.Single().Status);
        Assert.Equal("appointed", dossier.Person.History.Single().Kind);

        // The leader reads their own (by the linked account); another leader of the unit, another unit and operators do not.
        var own = await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = leader.Id }, SliceScenario.Bearer(node.Tokens.Issue(linked.UserId, Guid.Parse(unit.Id), PlatformRoles.Leader)));
        Assert.Equal(dossier, own);
        Assert.Equal(dossier, await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = leader.Id }, node.LiaisonOf(unit.Id)));
        Assert.Equal(dossier, await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = leader.Id }, node.Observer));
        foreach (var hidden in new[] { SliceScenario.Bearer(node.Tokens.Issue("li-" + colleague.Id[..8], Guid.Parse(unit.Id), PlatformRoles.Leader)), node.LiaisonOf(other.Id) })
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = leader.Id }, hidden).ResponseAsync)).StatusCode);
        }
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Dossiers.GetDossierAsync(
            new GetDossierRequest { PersonId = elsewhere.Id }, node.LiaisonOf(unit.Id)).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Dossiers.GetDossierAsync(
            new GetDossierRequest { PersonId = leader.Id }, SliceScenario.Bearer(node.Tokens.Issue("ops", null, PlatformRoles.NodeOperator))).ResponseAsync)).StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = "x" }, node.Clerk).ResponseAsync), "person_id");

        var file = await Dossiers.ExportDossierAsync(new GetDossierRequest { PersonId = leader.Id }, SliceScenario.Bearer(node.Tokens.Issue(linked.UserId, Guid.Parse(unit.Id), PlatformRoles.Leader)));
        Assert.Equal(("张局长法治档案.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (file.FileName, file.ContentType));
        using var zip = new ZipArchive(new MemoryStream(file.Content.ToByteArray()));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        foreach (var text in new[] { "张局长法治档案", campaign.Title, "优秀", "学习《环境保护法》", "领导干部法治专题培训班", "年度学法考试", "合格", "有效", "暂扣2025年7月1日至2025年7月31日：停职调查" })
        {
            Assert.Contains(text, xml);
        }
        Assert.DoesNotContain("学习《行政处罚法》", xml);
    }
}
