using DocumentFormat.OpenXml.Packaging;
using Platform.Contracts.Inspection.V1;

namespace Platform.Functional.Tests.Inspection;

/// <summary>The mission report document and questionnaires to targets and to the public.</summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class ReportAndQuestionnaireTests(InspectionNode node)
{
    [Fact]
    public async Task The_mission_report_counts_findings_by_category_severity_and_unit_and_is_downloadable()
    {
        var rudong = InspectionNode.NewUnit("如东县人民政府", "320623");
        var qidong = InspectionNode.NewUnit("启东市人民政府", "320681");
        var (mission, inspector) = await node.MissionInProgressAsync(rudong, qidong);
        await node.RecordAsync(mission.Id, rudong.Id, "如东县机密问题甲", inspector, "severe", "行政执法");
        await node.RecordAsync(mission.Id, rudong.Id, "如东县机密问题乙", inspector, "general", "制度建设");
        await node.RecordAsync(mission.Id, qidong.Id, "启东市机密问题丙", inspector, "severe", "行政执法");

        var report = await node.Inspection.GenerateMissionReportAsync(new GenerateMissionReportRequest { MissionId = mission.Id }, node.Clerk);
        Assert.Equal(3, report.TotalFindings);
        Assert.Equal([("行政执法", 2), ("制度建设", 1)], report.ByCategory.Select(c => (c.Key, c.Count)));
        Assert.Equal([("general", 1), ("serious", 0), ("severe", 2)], report.BySeverity.Select(c => (c.Key, c.Count)));
        var byUnit = report.ByUnit.ToDictionary(u => u.UnitId);
        Assert.Equal((2, 1), (byUnit[rudong.Id.ToString()].Findings, byUnit[rudong.Id.ToString()].Severe));
        Assert.Equal((1, 1), (byUnit[qidong.Id.ToString()].Findings, byUnit[qidong.Id.ToString()].Severe));

        using var office = node.Rest(node.Tokens.OfficeStaff());
        var bytes = await office.GetByteArrayAsync(report.DownloadPath);
        Assert.Equal(report.Size, bytes.Length);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains(mission.Title + "情况报告", text);
        Assert.Contains("专项督察", text);
        Assert.Contains("本次督察共发现问题3个", text);
        Assert.Contains(rudong.Name, text);
        Assert.Contains("张督察", text);
        // Counts only: no unit's finding text is written into the shared report.
        Assert.DoesNotContain("机密问题", text);
        // In the official layout (GB/T 9704-2012): body paragraphs in 仿宋, indented two characters.
        var findings = document.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Single(p => p.InnerText == "本次督察共发现问题3个。");
        Assert.Equal(200, findings.ParagraphProperties?.Indentation?.FirstLineChars?.Value);
        Assert.Equal("仿宋_GB2312", findings.Descendants<DocumentFormat.OpenXml.Wordprocessing.RunFonts>().Single().EastAsia?.Value);

        using var liaison = node.Rest(node.LiaisonToken(rudong.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await liaison.GetAsync(report.DownloadPath)).StatusCode);
        var early = await node.CreateMissionAsync(InspectionNode.NewUnit("海安市人民政府", "320685"));
        var planned = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.GenerateMissionReportAsync(
            new GenerateMissionReportRequest { MissionId = early.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, planned.StatusCode);
    }

    [Fact]
    public async Task Target_units_answer_once_and_the_summary_counts_each_question()
    {
        var haian = InspectionNode.NewUnit("海安市人民政府", "320685");
        var rugao = InspectionNode.NewUnit("如皋市人民政府", "320682");
        var (mission, inspector) = await node.MissionInProgressAsync(haian, rugao);
        var questionnaire = await node.Inspection.CreateQuestionnaireAsync(new CreateQuestionnaireRequest
        {
            MissionId = mission.Id,
            Title = "法治政府建设自查问卷",
            Audience = "targets",
            Questions =
            {
                new NewQuestion { Text = "是否建立重大行政决策目录？", Kind = "single_choice", Options = { "是", "否" } },
                new NewQuestion { Text = "已落实的制度", Kind = "multiple_choice", Options = { "公示制度", "全过程记录", "法制审核" } },
                new NewQuestion { Text = "法治建设满意度", Kind = "rating" },
                new NewQuestion { Text = "存在的困难", Kind = "text" },
            },
        }, inspector);
        var q = questionnaire.Questions;

        QuestionAnswer[] Sheet(int choice, int[] many, int rating, string text) =>
        [
            new() { QuestionId = q[0].Id, Choices = { choice } },
            new() { QuestionId = q[1].Id, Choices = { many } },
            new() { QuestionId = q[2].Id, Rating = rating },
            new() { QuestionId = q[3].Id, Text = text },
        ];
        await node.Inspection.SubmitQuestionnaireAnswerAsync(
            new SubmitQuestionnaireAnswerRequest { QuestionnaireId = questionnaire.Id, UnitId = haian.Id.ToString(), Answers = { Sheet(0, [0, 2], 4, "人员不足") } }, node.LiaisonOf(haian.Id));
        await node.Inspection.SubmitQuestionnaireAnswerAsync(
            new SubmitQuestionnaireAnswerRequest { QuestionnaireId = questionnaire.Id, UnitId = rugao.Id.ToString(), Answers = { Sheet(1, [2], 5, "经费不足") } }, node.LiaisonOf(rugao.Id));

        var again = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.SubmitQuestionnaireAnswerAsync(
            new SubmitQuestionnaireAnswerRequest { QuestionnaireId = questionnaire.Id, UnitId = haian.Id.ToString(), Answers = { Sheet(0, [0], 3, "再答") } }, node.LiaisonOf(haian.Id)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        var forOther = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.SubmitQuestionnaireAnswerAsync(
            new SubmitQuestionnaireAnswerRequest { QuestionnaireId = questionnaire.Id, UnitId = rugao.Id.ToString(), Answers = { Sheet(0, [0], 3, "代答") } }, node.LiaisonOf(haian.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, forOther.StatusCode);
        var outOfRange = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.SubmitQuestionnaireAnswerAsync(
            new SubmitQuestionnaireAnswerRequest { QuestionnaireId = questionnaire.Id, UnitId = haian.Id.ToString(), Answers = { Sheet(5, [0], 9, "x") } }, node.LiaisonOf(haian.Id)).ResponseAsync);
        SliceScenario.AssertBadRequest(outOfRange, "answers[0].choices", "answers[2].rating");

        var summary = await node.Inspection.SummariseQuestionnaireAsync(new SummariseQuestionnaireRequest { QuestionnaireId = questionnaire.Id }, node.Clerk);
        Assert.Equal(2, summary.Answers);
        Assert.Equal([1, 1], summary.Questions[0].OptionCounts.Select(c => c.Count));
        Assert.Equal([("公示制度", 1), ("全过程记录", 0), ("法制审核", 2)], summary.Questions[1].OptionCounts.Select(c => (c.Key, c.Count)));
        Assert.Equal(4.5, summary.Questions[2].AverageRating);
        Assert.Equal(2, summary.Questions[3].TextAnswers);
        Assert.Equal(["人员不足", "经费不足"], summary.Questions[3].LatestTexts.Order(StringComparer.Ordinal));

        var listed = await node.Inspection.ListQuestionnairesAsync(new ListQuestionnairesRequest { MissionId = mission.Id }, node.LiaisonOf(haian.Id));
        Assert.Equal([(questionnaire.Id, 2)], listed.Questionnaires.Select(x => (x.Id, x.Answers)));
        var bad = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.CreateQuestionnaireAsync(new CreateQuestionnaireRequest
        {
            MissionId = mission.Id, Title = "问卷", Audience = "everyone", Questions = { new NewQuestion { Text = "选一个", Kind = "single_choice", Options = { "唯一" } } },
        }, inspector).ResponseAsync);
        SliceScenario.AssertBadRequest(bad, "audience", "questions[0].options");
    }

    [Fact]
    public async Task The_public_answers_anonymously_through_the_public_code()
    {
        var (mission, inspector) = await node.MissionInProgressAsync(InspectionNode.NewUnit("通州区人民政府", "320612"));
        var questionnaire = await node.Inspection.CreateQuestionnaireAsync(new CreateQuestionnaireRequest
        {
            MissionId = mission.Id,
            Title = "群众满意度调查",
            Audience = "public",
            Questions = { new NewQuestion { Text = "您对窗口服务是否满意？", Kind = "rating" }, new NewQuestion { Text = "意见建议", Kind = "text" } },
        }, inspector);
        Assert.NotEmpty(questionnaire.PublicCode);

        using var anonymous = node.CreateClient();
        var path = $"/api/inspection/public/questionnaires/{questionnaire.PublicCode}";
        var shown = JsonDocument.Parse(await anonymous.GetStringAsync(path)).RootElement;
        Assert.Equal("群众满意度调查", shown.GetProperty("title").GetString());
        foreach (var rating in new[] { 2, 3, 4 })
        {
            using var posted = await anonymous.PostAsJsonAsync(path + "/answers", new
            {
                answers = new object[] { new { questionId = questionnaire.Questions[0].Id, rating }, new { questionId = questionnaire.Questions[1].Id, text = $"建议{rating}" } },
            });
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }
        using var badRating = await anonymous.PostAsJsonAsync(path + "/answers", new { answers = new object[] { new { questionId = questionnaire.Questions[0].Id, rating = 0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
        Assert.Contains("answers[0].rating", await badRating.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/inspection/public/questionnaires/not-a-code")).StatusCode);

        var summary = await node.Inspection.SummariseQuestionnaireAsync(new SummariseQuestionnaireRequest { QuestionnaireId = questionnaire.Id }, inspector);
        Assert.Equal(3, summary.Answers);
        Assert.Equal(3.0, summary.Questions[0].AverageRating);
        Assert.Equal(3, summary.Questions[1].TextAnswers);
    }
}
