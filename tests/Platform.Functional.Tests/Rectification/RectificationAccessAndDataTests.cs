using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Rectification;

/// <summary>Idempotent intake, who sees what, bad input, summaries and the ledger.</summary>
[Collection(RectificationNodeCollection.Name)]
public sealed class RectificationAccessAndDataTests(RectificationNode node)
{
    private RectificationService.RectificationServiceClient Api => node.Rectification;

    [Fact]
    public async Task A_duplicated_feedback_opens_one_item_per_finding()
    {
        node.SetToday(RectificationNode.FeedbackDay);
        var unitId = Guid.CreateVersion7();
        var finding = RectificationNode.Finding("重大行政决策未经合法性审查", "severe");
        var feedback = RectificationNode.Feedback(unitId, "崇川区发改委", [finding]);
        var messageId = Guid.NewGuid();
        var republishedId = Guid.NewGuid();

        // The same message twice (a broker redelivery) and the same feedback under a new message id
        // (republished by inspection), delivered concurrently.
        await Task.WhenAll(node.PublishAsync(feedback, messageId), node.PublishAsync(feedback, messageId), node.PublishAsync(feedback, republishedId));
        var item = await node.WaitForItemAsync(finding.FindingId);
        await Eventually.GetAsync(async () => await node.InboxHasAsync(messageId) && await node.InboxHasAsync(republishedId) ? "both" : null,
            TimeSpan.FromSeconds(30), "both message ids in the inbox");
        Assert.Equal(1, await node.ItemCountAsync(unitId));
        Assert.Single(await node.EventsAsync<RectificationItemOpened>(Guid.Parse(item.Id)));

        // A later feedback for the same unit with one old and one new finding adds only the new one.
        var second = RectificationNode.Finding("行政规范性文件未清理");
        var followUp = RectificationNode.Feedback(unitId, "崇川区发改委", [finding, second]);
        await node.PublishAsync(followUp, Guid.NewGuid());
        await node.WaitForItemAsync(second.FindingId);
        Assert.Equal(2, await node.ItemCountAsync(unitId));
        Assert.Single(await node.HistoryAsync(item.Id));
    }

    [Fact]
    public async Task Units_see_their_own_items_and_offices_their_region()
    {
        node.SetToday(RectificationNode.FeedbackDay);
        var unitId = Guid.CreateVersion7();
        var siblingId = Guid.CreateVersion7();
        var item = await node.DeliverAsync(RectificationNode.Feedback(unitId, "崇川区财政局", [RectificationNode.Finding("政府采购程序不规范")], "320602"));
        var siblingItem = await node.DeliverAsync(RectificationNode.Feedback(siblingId, "崇川区审计局", [RectificationNode.Finding("审计整改不到位")], "320602"));

        var sibling = node.LiaisonOf(siblingId);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, sibling).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var own = await Api.ListItemsAsync(new ListItemsRequest(), sibling);
        Assert.Equal([siblingItem.Id], own.Items.Select(i => i.Id));
        var filteredToOther = await Api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, sibling);
        Assert.Empty(filteredToOther.Items);
        var historyHidden = await Assert.ThrowsAsync<RpcException>(() => Api.ListItemHistoryAsync(new ListItemHistoryRequest { ItemId = item.Id }, sibling).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, historyHidden.StatusCode);
        var planHidden = await Assert.ThrowsAsync<RpcException>(() => Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "代报" } }, sibling).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, planHidden.StatusCode);

        // Suzhou's office (320500) sees nothing of Nantong's county; the province (320000), Nantong (320600) and Chongchuan (320602) do.
        var suzhou = node.OfficeOf("320500");
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, suzhou).ResponseAsync)).StatusCode);
        Assert.Empty((await Api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, suzhou)).Items);
        var haimen = node.OfficeOf("320614");
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, haimen).ResponseAsync)).StatusCode);
        foreach (var region in new[] { "320000", "320600", "320602" })
        {
            Assert.Equal(item.Id, (await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.OfficeOf(region))).Id);
        }

        // Observers read but do not act.
        Assert.Equal(item.Id, (await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Observer)).Id);
        var observerActs = await Assert.ThrowsAsync<RpcException>(() => Api.SendBackItemAsync(new SendBackItemRequest { ItemId = item.Id, Reason = "x" }, node.Observer).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, observerActs.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field()
    {
        var (unitId, item) = await node.OpenItemAsync("崇川区民政局", RectificationNode.Finding("社会组织登记审查不严"));
        var liaison = node.LiaisonOf(unitId);

        var plan = await Assert.ThrowsAsync<RpcException>(() => Api.SubmitPlanAsync(new SubmitPlanRequest
        {
            ItemId = item.Id,
            Milestones = { new Milestone { Text = "", Due = "2026-02-30" } },
        }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(plan, "measures", "milestones[0].text", "milestones[0].due");
        var badId = await Assert.ThrowsAsync<RpcException>(() => Api.GetItemAsync(new GetItemRequest { ItemId = "item-1" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(badId, "item_id");
        var progress = await Assert.ThrowsAsync<RpcException>(() => Api.ReportProgressAsync(new ReportProgressRequest { ItemId = item.Id, Percent = 120 }, liaison).ResponseAsync);
        SliceScenario.AssertBadRequest(progress, "percent", "text");
        var list = await Assert.ThrowsAsync<RpcException>(() => Api.ListItemsAsync(new ListItemsRequest
        {
            PageSize = 1000, State = "closed", Severity = "minor", Overdue = "maybe", DeadlineFrom = "2026-13-01", Sort = "priority",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(list, "page_size", "state", "severity", "overdue", "deadline_from", "sort");
        var count = await Assert.ThrowsAsync<RpcException>(() => Api.CountItemsAsync(new CountItemsRequest { UnitId = "unit-1", MissionId = "m" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(count, "unit_id", "mission_id");
        var assign = await Assert.ThrowsAsync<RpcException>(() => Api.AssignResponsibilityAsync(new AssignResponsibilityRequest
        {
            ItemId = item.Id, ResponsiblePerson = "", Deadline = "2025-12-31",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(assign, "responsible_person", "deadline");
        var ledger = await Assert.ThrowsAsync<RpcException>(() => Api.ListLedgerAsync(new ListLedgerRequest(), node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(ledger, "unit_id");
        var month = await Assert.ThrowsAsync<RpcException>(() => Api.GetMonthlyBulletinDataAsync(new GetMonthlyBulletinDataRequest { Month = "March" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(month, "month");

        // Nothing was changed by the refused calls.
        var stored = await Api.GetItemAsync(new GetItemRequest { ItemId = item.Id }, node.Clerk);
        Assert.Equal(("open", "", 0), (stored.State, stored.ResponsiblePerson, stored.ProgressPercent));
        Assert.Single(await node.HistoryAsync(item.Id));
    }

    [Fact]
    public async Task Items_are_counted_by_severity_and_state_and_listed_in_the_order_asked_for()
    {
        node.SetToday(RectificationNode.FeedbackDay);
        var unitId = Guid.CreateVersion7();
        var findings = new[]
        {
            RectificationNode.Finding("行政处罚裁量基准未公开", "general"),
            RectificationNode.Finding("重大执法决定未经法制审核", "severe"),
            RectificationNode.Finding("执法案卷归档不及时", "serious"),
            RectificationNode.Finding("执法公示信息更新滞后", "general"),
        };
        await node.DeliverAsync(RectificationNode.Feedback(unitId, "崇川区市场监管局", findings));
        var items = new List<RectificationItem>();
        foreach (var finding in findings)
        {
            items.Add(await node.WaitForItemAsync(finding.FindingId));
        }
        var liaison = node.LiaisonOf(unitId);
        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = items[3].Id, Measures = { "每周更新公示信息" } }, liaison);
        // A working day past the severe item's deadline (the shortest term): only it goes overdue.
        node.SetToday(node.Calendar.AddWorkingDays(DateOnly.Parse(items[1].Deadline, System.Globalization.CultureInfo.InvariantCulture), 1));
        await node.EvaluateAsync();

        var counts = await Api.CountItemsAsync(new CountItemsRequest { UnitId = unitId.ToString() }, node.Clerk);
        Assert.Equal(
            [("severe", "open", 1, 1), ("serious", "open", 1, 0), ("general", "open", 1, 0), ("general", "plan_submitted", 1, 0)],
            counts.Counts.Select(c => (c.Severity, c.State, c.Count, c.Overdue)));
        // The unit's liaison counts the same; a sibling unit's liaison counts nothing of it.
        Assert.Equal(counts, await Api.CountItemsAsync(new CountItemsRequest(), liaison));
        Assert.Empty((await Api.CountItemsAsync(new CountItemsRequest { UnitId = unitId.ToString() }, node.LiaisonOf(Guid.CreateVersion7()))).Counts);
        Assert.Equal(StatusCode.PermissionDenied,
            (await Assert.ThrowsAsync<RpcException>(() => Api.CountItemsAsync(new CountItemsRequest(), node.Operator).ResponseAsync)).StatusCode);

        async Task<List<string>> TitlesAsync(string sort, int pageSize = 10)
        {
            var titles = new List<string>();
            var token = "";
            do
            {
                var page = await Api.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString(), Sort = sort, PageSize = pageSize, PageToken = token }, node.Clerk);
                titles.AddRange(page.Items.Select(i => i.Title));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            return titles;
        }

        // Deadlines follow severity (severe 20, serious 30, general 40 working days); the two general items tie and go by id.
        var byDeadline = await TitlesAsync("");
        Assert.Equal(["重大执法决定未经法制审核", "执法案卷归档不及时"], byDeadline.Take(2));
        Assert.Equal(byDeadline, await TitlesAsync("deadline"));
        Assert.Equal(byDeadline, await TitlesAsync("deadline", pageSize: 1));
        Assert.Equal(["执法案卷归档不及时", "重大执法决定未经法制审核"], (await TitlesAsync("-deadline")).Skip(2));
        var gravestFirst = await TitlesAsync("-severity", pageSize: 3);
        Assert.Equal(["重大执法决定未经法制审核", "执法案卷归档不及时"], gravestFirst.Take(2));
        Assert.Equal(["执法案卷归档不及时", "重大执法决定未经法制审核"], (await TitlesAsync("SEVERITY")).Skip(2));
    }

    [Fact]
    public async Task Summaries_count_by_unit_severity_and_category_and_the_ledger_exports_to_xlsx()
    {
        var day = new DateOnly(2026, 4, 6);
        node.SetToday(day);
        var unitId = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.FromHours(8));
        var findings = new[]
        {
            RectificationNode.Finding("行政许可超期办理", "general", "行政审批"),
            RectificationNode.Finding("证明事项清理不彻底", "serious", "行政审批"),
            RectificationNode.Finding("执法人员无证执法", "severe", "行政执法"),
        };
        var feedback = RectificationNode.Feedback(unitId, "崇川区行政审批局", findings, "320602", at);
        await node.DeliverAsync(feedback);
        foreach (var finding in findings.Skip(1))
        {
            await node.WaitForItemAsync(finding.FindingId);
        }
        var liaison = node.LiaisonOf(unitId);
        var first = await node.WaitForItemAsync(findings[0].FindingId);
        await Api.SubmitPlanAsync(new SubmitPlanRequest { ItemId = first.Id, Measures = { "压缩办理时限" } }, liaison);
        await Api.ReportProgressAsync(new ReportProgressRequest { ItemId = first.Id, Percent = 50, Text = "已梳理超期事项" }, liaison);
        await Api.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = first.Id, Summary = "全部按时办结", Evidence = { "办件记录" } }, liaison);
        await Api.VerifyItemAsync(new VerifyItemRequest { ItemId = first.Id }, node.Clerk);

        var week = await Api.GetWeeklySummaryAsync(new GetWeeklySummaryRequest { Week = "2026-04-08" }, node.Clerk);
        Assert.Equal(("2026-04-06", "2026-04-12"), (week.PeriodStart, week.PeriodEnd));
        var unitRow = Assert.Single(week.ByUnit, r => r.Key == unitId.ToString());
        Assert.Equal(("崇川区行政审批局", 3, 1), (unitRow.Name, unitRow.Opened, unitRow.Closed));
        Assert.Equal(3, week.ByCategory.Where(r => r.Key is "行政审批" or "行政执法").Sum(r => r.Opened));
        Assert.Equal(["general", "serious", "severe"], week.BySeverity.Select(r => r.Key));
        Assert.True(week.Total.Opened >= 3);
        var month = await Api.GetMonthlyBulletinDataAsync(new GetMonthlyBulletinDataRequest { Month = "2026-04" }, node.Observer);
        Assert.Equal(("2026-04-01", "2026-04-30"), (month.PeriodStart, month.PeriodEnd));
        Assert.Equal(3, Assert.Single(month.ByUnit, r => r.Key == unitId.ToString()).Opened);
        var unitMayNot = await Assert.ThrowsAsync<RpcException>(() => Api.GetWeeklySummaryAsync(new GetWeeklySummaryRequest(), liaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNot.StatusCode);

        // The unit's ledger: paged, then the whole of it as a workbook.
        var page = await Api.ListLedgerAsync(new ListLedgerRequest { UnitId = unitId.ToString(), PageSize = 2 }, liaison);
        Assert.Equal(2, page.Rows.Count);
        Assert.NotEmpty(page.NextPageToken);
        var rest = await Api.ListLedgerAsync(new ListLedgerRequest { UnitId = unitId.ToString(), PageSize = 2, PageToken = page.NextPageToken }, liaison);
        Assert.Single(rest.Rows);
        Assert.Empty(rest.NextPageToken);
        Assert.Equal("已梳理超期事项", page.Rows.Concat(rest.Rows).Single(r => r.Item.Id == first.Id).LatestProgress);
        var byMission = await Api.ListLedgerAsync(new ListLedgerRequest { MissionId = feedback.MissionId.ToString() }, node.Clerk);
        Assert.Equal(3, byMission.Rows.Count);

        var file = await Api.ExportLedgerAsync(new ExportLedgerRequest { UnitId = unitId.ToString() }, node.Clerk);
        Assert.Equal("崇川区行政审批局整改台账.xlsx", file.FileName);
        var cells = ReadCells(file.Content.ToByteArray());
        Assert.Equal("序号", cells[1][0]);
        Assert.Equal("整改状态", cells[1][11]);
        Assert.Equal(5, cells.Count);
        var verifiedRow = Assert.Single(cells.Skip(2), r => r[1] == "行政许可超期办理");
        Assert.Equal("已验收销号", verifiedRow[11]);
        Assert.Equal("2026年4月6日", verifiedRow[19]);
        // Printed like the plan workbook: widths, a bold header repeated on each A4 landscape page.
        using (var document = SpreadsheetDocument.Open(new MemoryStream(file.Content.ToByteArray()), false))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            Assert.Equal(20, sheet.Descendants<Column>().Count(c => c.CustomWidth?.Value == true));
            Assert.Equal(OrientationValues.Landscape, sheet.Elements<PageSetup>().Single().Orientation!.Value);
            var header = sheet.Descendants<Row>().Single(r => r.RowIndex! == 2u).Elements<Cell>().First();
            var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)header.StyleIndex!.Value);
            Assert.NotNull(document.WorkbookPart.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold);
        }

        using var http = node.CreateClient();
        using var download = new HttpRequestMessage(HttpMethod.Get, $"/api/rectification/v1/ledger/workbook?unitId={unitId}");
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(unitId));
        using var response = await http.SendAsync(download);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, ReadCells(await response.Content.ReadAsByteArrayAsync()).Count);
        using var otherUnit = new HttpRequestMessage(HttpMethod.Get, $"/api/rectification/v1/ledger/workbook?unitId={unitId}");
        otherUnit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.CreateVersion7()));
        using var refused = await http.SendAsync(otherUnit);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task The_calls_are_reachable_over_rest()
    {
        var (unitId, item) = await node.OpenItemAsync("崇川区交通局", RectificationNode.Finding("交通执法程序不规范"));
        using var http = node.CreateClient();

        async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SendAsync(HttpMethod method, string path, string token, object? body)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = System.Net.Http.Json.JsonContent.Create(body);
            }
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, System.Text.Json.JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
        }

        var liaison = node.Tokens.Liaison(unitId);
        var (status, planned) = await SendAsync(HttpMethod.Post, $"/api/rectification/v1/items/{item.Id}:submit-plan", liaison,
            new { measures = new[] { "规范执法程序" }, milestones = new[] { new { text = "完成培训", due = "2026-04-30" } } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("plan_submitted", planned.GetProperty("state").GetString());
        (status, var read) = await SendAsync(HttpMethod.Get, $"/api/rectification/v1/items/{item.Id}", node.Tokens.OfficeStaff(), null);
        Assert.Equal((HttpStatusCode.OK, "2026-04-30"), (status, read.GetProperty("milestones")[0].GetProperty("due").GetString()));
        (status, var bad) = await SendAsync(HttpMethod.Post, $"/api/rectification/v1/items/{item.Id}:report-progress", liaison, new { percent = 150, text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["percent", "text"], bad.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()));
        (status, var ladder) = await SendAsync(HttpMethod.Get, "/api/rectification/v1/escalation-ladder", node.Tokens.OfficeStaff(), null);
        Assert.Equal((HttpStatusCode.OK, 7), (status, ladder.GetProperty("steps").GetArrayLength()));
        (status, var listed) = await SendAsync(HttpMethod.Get, $"/api/rectification/v1/items?unitId={unitId}&state=plan_submitted", liaison, null);
        Assert.Equal((HttpStatusCode.OK, item.Id), (status, listed.GetProperty("items")[0].GetProperty("id").GetString()));
    }

    private static List<string[]> ReadCells(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var strings = document.WorkbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.InnerText, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText;
        return [.. sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(Text).ToArray())];
    }
}
