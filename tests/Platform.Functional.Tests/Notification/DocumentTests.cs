using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Notification.V1;

namespace Platform.Functional.Tests.Notification;

/// <summary>Documents from escalations and missions: templates, 文号 sequences, HTML and the .docx read back.</summary>
[Collection(NotificationNodeCollection.Name)]
public sealed class DocumentTests(NotificationNode node)
{
    [Fact]
    public async Task A_supervision_letter_is_numbered_rendered_copied_and_opens_as_docx_with_every_field()
    {
        node.SetToday(2026, 11, 23);
        var unit = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "崇川区人民政府", "liaison", "cc-liaison", "liaison@chongchuan.gov.cn");
        await node.Notification.UpsertContactAsync(
            new UpsertContactRequest { Role = "discipline", UnitName = "市纪委监委", UserId = "jw-reader", Name = "纪委监委第三室" }, node.Clerk);

        var first = await EscalateAsync(unit, "supervision_letter", copyToDiscipline: true, copyToOrganisation: true);
        var second = await EscalateAsync(unit, "supervision_letter", copyToDiscipline: false, copyToOrganisation: false);
        var urge = await EscalateAsync(unit, "urge", copyToDiscipline: false, copyToOrganisation: false);
        // Consecutive numbers in the year's sequence (other tests on this node issue letters too).
        var number = int.Parse(Assert.Single(Regex.Matches(first.Number, @"^通法督函〔2026〕(\d+)号$")).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal($"通法督函〔2026〕{number + 1}号", second.Number);
        // Each kind has its own sequence (another test here issues urging notices too).
        Assert.Matches(@"^通法督催〔2026〕\d+号$", urge.Number);
        Assert.Equal("关于行政执法案卷不规范整改工作的督办函", first.Title);
        Assert.Equal("崇川区人民政府", first.Addressee);
        Assert.Equal("中共南通市委全面依法治市委员会办公室", first.Issuer);
        Assert.Equal("2026年11月23日", first.IssuedOnText);
        Assert.Equal("市纪委监委，市委组织部", first.CopyTo);
        Assert.Equal(string.Empty, second.CopyTo);

        var full = await node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = first.Id }, node.LiaisonOf(unit, "cc-liaison"));
        foreach (var text in new[] { first.Number, "崇川区人民政府：", "抄送：市纪委监委，市委组织部。", "2026年11月23日", "连续两次逾期" })
        {
            Assert.Contains(text, full.Html, StringComparison.Ordinal);
        }

        // The .docx, downloaded over REST, in the official layout.
        using var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/notification/v1/documents/{first.Id}/docx");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using (var docx = WordprocessingDocument.Open(stream, false))
        {
            var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Where(p => p.InnerText.Length > 0).ToList();
            var texts = paragraphs.Select(p => p.InnerText).ToList();
            Assert.Equal("中共南通市委全面依法治市委员会办公室", texts[0]);
            Assert.Equal("C00000", paragraphs[0].Descendants<Color>().Single().Val?.Value);
            Assert.Equal(first.Number, texts[1]);
            Assert.NotNull(paragraphs[1].ParagraphProperties?.ParagraphBorders?.BottomBorder);
            Assert.Equal("关于行政执法案卷不规范整改工作的督办函", texts[2]);
            Assert.Equal(JustificationValues.Center, paragraphs[2].ParagraphProperties?.Justification?.Val?.Value);
            Assert.Equal("崇川区人民政府：", texts[3]);
            Assert.Contains(texts, t => t.Contains("连续两次逾期", StringComparison.Ordinal));
            Assert.Equal("中共南通市委全面依法治市委员会办公室", texts[^3]);
            Assert.Equal("2026年11月23日", texts[^2]);
            Assert.Equal("抄送：市纪委监委，市委组织部。", texts[^1]);
            Assert.Equal(JustificationValues.Right, paragraphs[^2].ParagraphProperties?.Justification?.Val?.Value);
            // GB/T 9704-2012: body in 仿宋 with a two-character indent, title in 小标宋, fonts named for East Asian text.
            var body = paragraphs.Single(p => p.InnerText.Contains("连续两次逾期", StringComparison.Ordinal));
            Assert.Equal(200, body.ParagraphProperties?.Indentation?.FirstLineChars?.Value);
            Assert.Equal("仿宋_GB2312", body.Descendants<RunFonts>().First().EastAsia?.Value);
            Assert.Equal("方正小标宋简体", paragraphs[2].Descendants<RunFonts>().First().EastAsia?.Value);
            var section = docx.MainDocumentPart.Document.Body.Elements<SectionProperties>().Single();
            Assert.Equal(579, section.GetFirstChild<DocGrid>()?.LinePitch?.Value);
        }

        // The unit and the copy recipient got it in their inboxes; the unit's message points at the document.
        await node.DispatchAsync();
        var inbox = await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString(), Kind = "escalation" }, node.LiaisonOf(unit, "cc-liaison"));
        Assert.Contains(inbox.Messages, m => m.DocumentId == first.Id && m.Urgent && m.Title.StartsWith("督办函", StringComparison.Ordinal));
        var copy = await node.Notification.ListMyInboxAsync(new ListMyInboxRequest(), SliceScenario.Bearer(node.Tokens.Observer("jw-reader")));
        Assert.Equal(first.Id, Assert.Single(copy.Messages).DocumentId);

        // Another unit sees neither the document nor its file.
        var stranger = node.LiaisonOf(Guid.CreateVersion7());
        var hidden = await Assert.ThrowsAsync<RpcException>(() => node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = first.Id }, stranger).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        await NotFoundShape.AssertGrpcHidesAsync(
            id => node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = id }, stranger).ResponseAsync, first.Id, unit.ToString());
        await NotFoundShape.AssertGrpcHidesAsync(
            id => node.Notification.GetDocumentFileAsync(new GetDocumentFileRequest { DocumentId = id }, stranger).ResponseAsync, first.Id, unit.ToString());
        using (var rest = node.CreateClient())
        {
            rest.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.CreateVersion7()));
            await NotFoundShape.AssertRestHidesAsync(rest, id => $"/api/notification/v1/documents/{id}/docx", first.Id, unit.ToString());
            await NotFoundShape.AssertRestHidesAsync(rest, id => $"/api/notification/v1/documents/{id}/file", first.Id, unit.ToString());
        }
        var listed = await Assert.ThrowsAsync<RpcException>(() => node.Notification.ListDocumentsAsync(new ListDocumentsRequest { UnitId = unit.ToString() }, stranger).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, listed.StatusCode);
    }

    [Fact]
    public async Task Urging_notices_are_case_material_that_operators_auditors_and_inspectors_do_not_read()
    {
        var unit = Guid.CreateVersion7();
        var notice = await EscalateAsync(unit, "urge", copyToDiscipline: false, copyToOrganisation: false);

        foreach (var role in new[] { PlatformRoles.NodeOperator, PlatformRoles.Auditor })
        {
            var caller = SliceScenario.Bearer(node.Tokens.Issue(role + "-1", null, role));
            foreach (var call in new Func<Task>[]
            {
                () => node.Notification.ListDocumentsAsync(new ListDocumentsRequest(), caller).ResponseAsync,
                () => node.Notification.ListDocumentsAsync(new ListDocumentsRequest { UnitId = unit.ToString() }, caller).ResponseAsync,
                () => node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = notice.Id }, caller).ResponseAsync,
                () => node.Notification.GetDocumentFileAsync(new GetDocumentFileRequest { DocumentId = notice.Id }, caller).ResponseAsync,
            })
            {
                Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
            }
            using var http = node.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/notification/v1/documents/{notice.Id}/docx");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue(role + "-2", null, role));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // Notification keeps no mission teams: inspectors read the case in rectification, not its letters here.
        var inspector = SliceScenario.Bearer(node.Tokens.Issue("inspector-li", null, PlatformRoles.Inspector));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() =>
            node.Notification.ListDocumentsAsync(new ListDocumentsRequest(), inspector).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = notice.Id }, inspector).ResponseAsync)).StatusCode);

        // Operators keep the deliveries running but see no title that quotes the case; the office does.
        // (This test's message: the one the office sees went to the unit.)
        var notificationId = Assert.Single(
            await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { Channel = "inbox" }, node.Clerk),
            d => d.Kind == "escalation" && d.Recipient == $"{unit}/all").NotificationId;
        var asOperator = await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { NotificationId = notificationId });
        Assert.NotEmpty(asOperator);
        Assert.All(asOperator, d => Assert.Empty(d.Title));
        // Nor which unit it went to: channel, state and ids only.
        Assert.All(asOperator, d => Assert.Empty(d.Recipient));
        Assert.Contains(asOperator, d => d.Channel == "inbox" && d.Status.Length > 0 && Guid.TryParse(d.NotificationId, out _));
        var asOffice = await node.ListAllDeliveriesAsync(new ListDeliveriesRequest { NotificationId = notificationId }, node.Clerk);
        Assert.All(asOffice, d => Assert.NotEmpty(d.Title));
        Assert.Contains(asOffice, d => d.Recipient == $"{unit}/all");

        // The office, observers and the unit itself still read it.
        foreach (var reader in new[] { node.Clerk, SliceScenario.Bearer(node.Tokens.Observer()), node.LiaisonOf(unit, "urged-liaison") })
        {
            Assert.Equal(notice.Id, (await node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = notice.Id }, reader)).Id);
        }
    }

    [Fact]
    public async Task The_office_edits_templates_not_operators_and_unknown_placeholders_are_named()
    {
        node.SetToday(2026, 11, 24);
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpdateTemplateAsync(new UpdateTemplateRequest
        {
            Kind = "urge_notice",
            TitleTemplate = "关于{{title}}的催办通知",
            BodyTemplate = "请{{unit_name}}于{{deadlin}}前整改，{{leader_phone}}。",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "body_template");
        Assert.Contains("{{deadlin}}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("{{leader_phone}}", error.Status.Detail, StringComparison.Ordinal);
        var unknownKind = await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpdateTemplateAsync(
            new UpdateTemplateRequest { Kind = "poem", TitleTemplate = "x", BodyTemplate = "y" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(unknownKind, "kind");
        var denied = await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpdateTemplateAsync(
            new UpdateTemplateRequest { Kind = "urge_notice", TitleTemplate = "x", BodyTemplate = "y" }, node.LiaisonOf(Guid.CreateVersion7())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        // The wording of official letters is the office's: an operator is refused.
        var byOperator = await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpdateTemplateAsync(
            new UpdateTemplateRequest { Kind = "urge_notice", TitleTemplate = "x", BodyTemplate = "y" }, node.Operator).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byOperator.StatusCode);

        var updated = await node.Notification.UpdateTemplateAsync(new UpdateTemplateRequest
        {
            Kind = "urge_notice",
            TitleTemplate = "关于{{title}}的催办通知",
            BodyTemplate = "请你单位于{{deadline}}前完成整改，并报送整改情况。\n联系人：法治督察处",
        }, node.Clerk);
        Assert.Equal("clerk", updated.UpdatedBy);
        var templates = await node.Notification.ListTemplatesAsync(new ListTemplatesRequest { PageSize = 50 }, node.Clerk);
        Assert.Contains(templates.Templates, t => t.Kind == "urge_notice" && t.BodyTemplate.StartsWith("请你单位于", StringComparison.Ordinal));
        Assert.Contains(templates.Templates, t => t.Kind == "supervision_letter" && t.Placeholders.Contains("unit_name"));

        var unit = Guid.CreateVersion7();
        var document = await EscalateAsync(unit, "urge", false, false);
        Assert.Equal("关于行政执法案卷不规范的催办通知", document.Title);
        Assert.StartsWith("请你单位于2026年12月31日前完成整改", document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_cannot_name_themselves_a_recipient_of_referral_letters_or_send_bulletins()
    {
        node.SetToday(2026, 11, 26);
        var upsert = await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpsertContactAsync(
            new UpsertContactRequest { Role = "discipline", UnitName = "市纪委监委", UserId = "operator", Name = "运维" }, node.Operator).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, upsert.StatusCode);
        var contact = await node.Notification.UpsertContactAsync(
            new UpsertContactRequest { Role = "discipline", UnitName = "市纪委监委", UserId = "jw-second", Name = "纪委监委第五室" }, node.Clerk);
        var delete = await Assert.ThrowsAsync<RpcException>(() => node.Notification.DeleteContactAsync(
            new DeleteContactRequest { ContactId = contact.Id }, node.Operator).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, delete.StatusCode);
        var bulletin = await Assert.ThrowsAsync<RpcException>(() => node.Notification.SendBulletinAsync(
            new SendBulletinRequest { Kind = "situation_bulletin", Title = "情况通报", Body = "正文", UnitIds = { Guid.CreateVersion7().ToString() } }, node.Operator).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, bulletin.StatusCode);

        // A referral letter reaches the office's contact, and nothing reaches the operator's inbox.
        await EscalateAsync(Guid.CreateVersion7(), "referral", copyToDiscipline: false, copyToOrganisation: false);
        await node.DispatchAsync();
        Assert.NotEmpty((await node.Notification.ListMyInboxAsync(new ListMyInboxRequest(), SliceScenario.Bearer(node.Tokens.Issue("jw-second", null, PlatformRoles.Observer)))).Messages);
        Assert.Empty((await node.Notification.ListMyInboxAsync(new ListMyInboxRequest(), node.Operator)).Messages);
        await node.Notification.DeleteContactAsync(new DeleteContactRequest { ContactId = contact.Id }, node.Clerk);
    }

    [Fact]
    public async Task A_mission_notice_goes_to_each_target_unit_once()
    {
        node.SetToday(2026, 11, 25);
        var haimen = Guid.CreateVersion7();
        var tongzhou = Guid.CreateVersion7();
        var messageId = Guid.NewGuid();
        var mission = new MissionNotified(
            Guid.CreateVersion7(), "2026年行政复议工作专项督察", "special_topic", 2026,
            [new MissionTarget(haimen, "海门区人民政府", "320614"), new MissionTarget(tongzhou, "通州区人民政府", "320612")],
            ["行政复议决定履行情况", "行政应诉负责人出庭情况"], new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10), "clerk", DateTimeOffset.UtcNow, "func-test");
        await node.PublishAsync(mission, messageId);
        await node.WaitConsumedAsync(messageId);
        await node.PublishAsync(mission, messageId);

        var notices = new List<Contracts.Notification.V1.Document>();
        foreach (var unit in new[] { haimen, tongzhou })
        {
            notices.Add(Assert.Single((await node.Notification.ListDocumentsAsync(
                new ListDocumentsRequest { Kind = "mission_notice", UnitId = unit.ToString() }, node.Clerk)).Documents));
        }
        var haimenNotice = notices[0];
        Assert.Equal("关于开展2026年行政复议工作专项督察的通知", haimenNotice.Title);
        Assert.Equal("海门区人民政府", haimenNotice.Addressee);
        Assert.Contains("2026年12月1日至2026年12月10日", haimenNotice.Body, StringComparison.Ordinal);
        Assert.Contains("1. 行政复议决定履行情况", haimenNotice.Body, StringComparison.Ordinal);
        Assert.Matches(@"^通法督察〔2026〕\d+号$", haimenNotice.Number);
    }

    private async Task<Contracts.Notification.V1.Document> EscalateAsync(Guid unit, string step, bool copyToDiscipline, bool copyToOrganisation)
    {
        var messageId = Guid.NewGuid();
        var escalated = new RectificationEscalated(
            Guid.CreateVersion7(), Guid.CreateVersion7(), unit, "崇川区人民政府", "行政执法案卷不规范", "serious", step, 3,
            "连续两次逾期未报送整改进展。", new DateOnly(2026, 12, 31), copyToDiscipline, copyToOrganisation,
            [new RectificationFileEntry(DateTimeOffset.UtcNow, "clerk", "催办", "电话催办")], "clerk", DateTimeOffset.UtcNow, "func-test");
        await node.PublishAsync(escalated, messageId);
        await node.WaitConsumedAsync(messageId);
        // Redelivery of the same message issues no second document.
        await node.PublishAsync(escalated, messageId);
        var documents = await node.Notification.ListDocumentsAsync(new ListDocumentsRequest { UnitId = unit.ToString(), PageSize = 100 }, node.Clerk);
        return Assert.Single(documents.Documents, d => d.SubjectId == escalated.ItemId.ToString());
    }
}
