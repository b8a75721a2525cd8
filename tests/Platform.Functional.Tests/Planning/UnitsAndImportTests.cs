using System.Text;
using Google.Protobuf;
using Platform.BuildingBlocks.Documents.Spreadsheets;
using Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Planning;

/// <summary>Units, groups and the two imports (units from CSV, a plan from a notice's text), on a node of their own.</summary>
[Collection(PlanningNodeCollection.Name)]
public sealed class UnitsAndImportTests(PlanningNode node)
{
    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

    [Fact]
    public async Task Units_are_validated_field_by_field_and_never_duplicated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Planning.CreateUnitAsync(new CreateUnitRequest
        {
            Name = " ",
            Kind = "ministry",
            RegionCode = "32060",
            Liaison = new Liaison { Name = "张三", Phone = "call me", Email = "zhangsan" },
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "name", "kind", "region_code", "liaison.email", "liaison.phone");

        var unit = await node.Planning.CreateUnitAsync(new CreateUnitRequest
        {
            Name = "海门区人民政府",
            ShortName = "海门区",
            Kind = "government",
            RegionCode = "320614",
            Aliases = { "海门区政府" },
            Liaison = new Liaison { Name = "李四", Phone = "0513-82211234", Email = "lisi@haimen.gov.cn" },
        }, node.Clerk);
        Assert.Equal(("government", "320614", "李四"), (unit.Kind, unit.RegionCode, unit.Liaison.Name));
        var twice = await Assert.ThrowsAsync<RpcException>(() => node.Planning.CreateUnitAsync(
            new CreateUnitRequest { Name = "海门区人民政府", Kind = "government", RegionCode = "320614" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        var liaison = await Assert.ThrowsAsync<RpcException>(() => node.Planning.CreateUnitAsync(
            new CreateUnitRequest { Name = "x", Kind = "government", RegionCode = "320614" }, node.LiaisonOf(unit.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, liaison.StatusCode);
    }

    [Fact]
    public async Task Import_problems_name_the_file_line_after_a_quoted_line_break_and_a_stray_quote()
    {
        // A UTF-8 file with BOM, as Excel saves "CSV UTF-8"; the liaison field spans two lines.
        const string csv = "\uFEFF名称,类型,行政区划代码,联络员\r\n" +
                           "海安市人民政府,政府,320685,\"张三\r\n（兼）\"\r\n" +
                           "海安市审计局,部门,3206,\r\n" +
                           "海安市\"教育局,部门,320685,\r\n" +
                           "海安市财政局,部门,320685,\r\n";

        var result = await node.Planning.ImportUnitsAsync(
            new ImportUnitsRequest { Content = ByteString.CopyFrom(System.Text.Encoding.UTF8.GetBytes(csv)) }, node.Clerk);

        Assert.Equal(2, result.Created);
        Assert.Equal([4, 5], result.Problems.Select(p => p.Line));
        Assert.Contains("region_code", result.Problems[0].Problem);
        Assert.Contains("引号", result.Problems[1].Problem);
    }

    [Fact]
    public async Task Units_import_from_a_gbk_csv_with_groups_and_a_bad_row_reported()
    {
        const string csv = "名称,简称,类型,行政区划代码,别名,联络员,联系电话,电子邮箱,分组\r\n" +
                           "崇川区人民政府,崇川区,政府,320602,崇川区政府,王五,0513-85051234,ww@cc.gov.cn,各县（市、区）人民政府\r\n" +
                           "如皋市人民政府,如皋市,政府,320682,,赵六,,,各县（市、区）人民政府\r\n" +
                           "南通市审计局,市审计局,部门,3206,,,,,市政府各部门\r\n" +
                           "\"南通市发展和改革委员会\",市发改委,部门,320600,\"市发展改革委；市发改委\",,,,市政府各部门\r\n";
        var gbk = Gbk.GetBytes(csv);

        var result = await node.Planning.ImportUnitsAsync(new ImportUnitsRequest { Content = ByteString.CopyFrom(gbk) }, node.Clerk);
        Assert.Equal((3, 0), (result.Created, result.Updated));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("region_code", problem.Problem);

        // The same file again updates instead of duplicating.
        var again = await node.Planning.ImportUnitsAsync(new ImportUnitsRequest { Content = ByteString.CopyFrom(gbk) }, node.Clerk);
        Assert.Equal((0, 3), (again.Created, again.Updated));

        var groups = (await node.Planning.ListUnitGroupsAsync(new ListUnitGroupsRequest(), node.Clerk)).Groups;
        var counties = groups.Single(g => g.Name == "各县（市、区）人民政府");
        Assert.Equal(2, counties.UnitIds.Count);
        var members = await node.Planning.ListUnitsAsync(new ListUnitsRequest { GroupId = counties.Id }, node.Clerk);
        Assert.Equal(["如皋市人民政府", "崇川区人民政府"], members.Units.Select(u => u.Name).Order(StringComparer.Ordinal).ToArray());
        var found = Assert.Single((await node.Planning.ListUnitsAsync(new ListUnitsRequest { Query = "发改" }, node.Clerk)).Units);
        Assert.Equal(["市发展改革委", "市发改委"], found.Aliases.ToArray());

        var empty = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportUnitsAsync(new ImportUnitsRequest(), node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(empty, "content");
        var noHeader = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportUnitsAsync(
            new ImportUnitsRequest { Content = ByteString.CopyFromUtf8("a,b,c\n1,2,3\n") }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(noHeader, "content");
    }

    [Fact]
    public async Task Units_import_from_the_excel_workbook_itself_with_bad_rows_reported_by_their_row()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        WorkbookColumn[] columns = [new("名称", 30), new("简称", 10), new("类型", 8), new("行政区划代码", 12), new("分组", 20)];
        var sheet = new WorkbookSheet("单位", columns,
        [
            [WorkbookCell.Plain("通州区人民政府" + suffix), WorkbookCell.Plain("通州区"), WorkbookCell.Plain("政府"), WorkbookCell.Plain("320612"), WorkbookCell.Plain("各县（市、区）人民政府" + suffix)],
            [WorkbookCell.Plain("南通市统计局" + suffix), WorkbookCell.Plain("市统计局"), WorkbookCell.Plain("部门"), WorkbookCell.Plain(""), WorkbookCell.Plain("")],
            // A code typed as a number in Excel is still the code.
            [WorkbookCell.Plain("南通市医保局" + suffix), WorkbookCell.Plain("市医保局"), WorkbookCell.Plain("部门"), WorkbookCell.Number(320600), WorkbookCell.Plain("")],
        ]);

        var result = await node.Planning.ImportUnitsAsync(
            new ImportUnitsRequest { Content = ByteString.CopyFrom(WorkbookWriter.ToBytes([sheet])), FileName = "单位名单.xlsx" }, node.Clerk);

        Assert.Equal((2, 0), (result.Created, result.Updated));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("region_code", problem.Problem);
        var found = (await node.Planning.ListUnitsAsync(new ListUnitsRequest { Query = suffix }, node.Clerk)).Units;
        Assert.Equal([("南通市医保局" + suffix, "320600"), ("通州区人民政府" + suffix, "320612")],
            found.Select(u => (u.Name, u.RegionCode)).Order().ToArray());

        var notWorkbook = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportUnitsAsync(
            new ImportUnitsRequest { Content = ByteString.CopyFromUtf8("名称,类型,行政区划代码\n"), FileName = "单位.xlsx" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, notWorkbook.StatusCode);
        var oldExcel = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportUnitsAsync(
            new ImportUnitsRequest { Content = ByteString.CopyFromUtf8("名称"), FileName = "单位.xls" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(oldExcel, "file_name");
    }

    [Fact]
    public async Task Units_are_listed_by_region_a_citys_code_taking_in_its_districts()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "如皋市司法局" + suffix, Kind = "department", RegionCode = "320682" }, node.Clerk);
        await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "徐州市司法局" + suffix, Kind = "department", RegionCode = "320300" }, node.Clerk);

        var city = await node.Planning.ListUnitsAsync(new ListUnitsRequest { Query = suffix, RegionCode = "320600" }, node.Clerk);
        Assert.Equal(["如皋市司法局" + suffix], city.Units.Select(u => u.Name).ToArray());
        var province = await node.Planning.ListUnitsAsync(new ListUnitsRequest { Query = suffix, RegionCode = "320000" }, node.Clerk);
        Assert.Equal(2, province.Units.Count);
        var county = await node.Planning.ListUnitsAsync(new ListUnitsRequest { Query = suffix, RegionCode = "320682" }, node.Clerk);
        Assert.Single(county.Units);

        var bad = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ListUnitsAsync(new ListUnitsRequest { RegionCode = "3206" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(bad, "region_code");
    }

    [Fact]
    public async Task A_limit_written_in_a_tasks_text_is_its_deadline_and_pinyin_readings_are_left_out()
    {
        const string notice = """
            2026年海安市依法行政工作要点

            一、完善制度
            1.修订行政执法（zhí fǎ）公示办法，2026年6月底前印发。
            2.开展行政规范性文件清理，于9月30日前完成。
            3.加强行政执法监督。
            """;

        var imported = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest { Year = 2026, Text = notice }, node.Clerk);

        Assert.Equal(["2026-06-30", "2026-09-30", "2026-12-31"], imported.Plan.Tasks.OrderBy(t => t.Number).Select(t => t.Deadline).ToArray());
        var first = imported.Plan.Tasks.Single(t => t.Number == 1).Title;
        Assert.Contains("修订行政执法公示办法", first, StringComparison.Ordinal);
        Assert.DoesNotContain("zhí", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_is_imported_as_a_draft_plan_with_its_units_and_what_could_not_be_placed()
    {
        var justice = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "通州区司法局", ShortName = "区司法局", Kind = "department", RegionCode = "320612" }, node.Clerk);
        var office = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "通州区人民政府办公室", ShortName = "区政府办", Kind = "department", RegionCode = "320612" }, node.Clerk);
        var departments = await node.Planning.CreateUnitGroupAsync(new CreateUnitGroupRequest { Name = "区政府各部门", Aliases = { "各部门" }, UnitIds = { justice.Id, office.Id } }, node.Clerk);
        const string notice = """
            2026年通州区法治政府建设工作要点

            一、推进政府职能优化
            1.深化“放管服”改革，全面推行证明事项告知承诺制。（区司法局牵头，区政府各部门配合）
            2.规范行政执法行为，开展执法案卷评查。
            责任单位：区司法局、区数据局
            二、加强制度建设
            3.开展行政规范性文件清理。（区政府办、区司法局）
            """;

        var imported = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest { Year = 2026, Text = notice }, node.Clerk);
        var plan = imported.Plan;
        Assert.Equal(("2026年通州区法治政府建设工作要点", "draft"), (plan.Title, plan.Status));
        Assert.Equal(["推进政府职能优化", "加强制度建设"], plan.Chapters.Select(c => c.Title).ToArray());
        Assert.Equal([1, 2, 3], plan.Tasks.Select(t => t.Number).ToArray());
        Assert.Equal([justice.Id], plan.Tasks[0].LeadUnitIds.ToArray());
        Assert.Equal([departments.Id], plan.Tasks[0].UnitGroupIds.ToArray());
        Assert.Equal([justice.Id], plan.Tasks[1].LeadUnitIds.ToArray());
        Assert.Equal([office.Id], plan.Tasks[2].LeadUnitIds.ToArray());
        Assert.Equal([justice.Id], plan.Tasks[2].CoUnitIds.ToArray());
        Assert.All(plan.Tasks, t => Assert.Equal(("annual_key_work_quarterly", "2026-12-31"), (t.ReportingRule, t.Deadline)));
        Assert.Contains(imported.Problems, p => p.Problem.Contains("区数据局", StringComparison.Ordinal));
        // The notice states no convention: the node's setting (Planning:Import:UnmarkedUnits, first unit leads) is shown.
        Assert.Equal(("first_leads", "node", ""), (imported.UnitRule, imported.UnitRuleSource, imported.UnitRuleQuote));

        // The same notice as a GBK file, as many government sites still serve it.
        var gbk = Gbk.GetBytes(notice.Replace("2026年通州区", "2027年通州区", StringComparison.Ordinal));
        var fromFile = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest { Year = 2027, Content = ByteString.CopyFrom(gbk) }, node.Clerk);
        Assert.Equal("2027年通州区法治政府建设工作要点", fromFile.Plan.Title);
        Assert.Equal(3, fromFile.Plan.Tasks.Count);

        // A notice that states its convention is read by it, and the draft quotes it.
        var stated = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest
        {
            Year = 2028,
            Text = notice.Replace("2026年通州区", "2028年通州区", StringComparison.Ordinal) + "\n（注：排在第一位的为牵头单位。）",
        }, node.Clerk);
        Assert.Equal(("first_leads", "notice", "排在第一位的为牵头单位"), (stated.UnitRule, stated.UnitRuleSource, stated.UnitRuleQuote));
        Assert.Equal([office.Id], stated.Plan.Tasks[2].LeadUnitIds.ToArray());
        Assert.Equal([justice.Id], stated.Plan.Tasks[2].CoUnitIds.ToArray());

        var nothing = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportPlanDocumentAsync(
            new ImportPlanDocumentRequest { Year = 2026, Text = "关于做好节日值班的通知\n请各单位做好值班安排。" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(nothing, "text");
        var neither = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportPlanDocumentAsync(
            new ImportPlanDocumentRequest { Year = 1999 }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(neither, "year", "text");
    }

    [Fact]
    public async Task A_scraped_traditional_notice_with_pinyin_is_read_as_simplified_and_matched_to_units()
    {
        var justice = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "海门区司法局", ShortName = "海门司法局", Kind = "department", RegionCode = "320614" }, node.Clerk);
        var office = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "海门区人民政府办公室", ShortName = "海门政府办", Kind = "department", RegionCode = "320614" }, node.Clerk);
        // As reposting sites print it: Traditional characters, readings in brackets, half-width punctuation.
        const string notice = """
            2026年海門區法治政府建設工作要點
            一、推進(jìn)政府職能優(yōu)化
            1.規範行政執法行為,開展執法案卷評查。(海門區司法局牽頭,海門區人民政府辦公室配合)
            2.健全政務(wù)公開制度。(海門區人民政府辦公室)
            """;

        var imported = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest { Year = 2026, Text = notice }, node.Clerk);

        Assert.Equal("2026年海门区法治政府建设工作要点", imported.Plan.Title);
        Assert.Equal(["推进政府职能优化"], imported.Plan.Chapters.Select(c => c.Title).ToArray());
        Assert.Equal(["规范行政执法行为，开展执法案卷评查。", "健全政务公开制度。"], imported.Plan.Tasks.Select(t => t.Title).ToArray());
        Assert.Equal([justice.Id], imported.Plan.Tasks[0].LeadUnitIds.ToArray());
        Assert.Equal([office.Id], imported.Plan.Tasks[0].CoUnitIds.ToArray());
        Assert.Equal([office.Id], imported.Plan.Tasks[1].LeadUnitIds.ToArray());
        Assert.Empty(imported.Problems);
    }

    [Fact]
    public async Task A_text_pdf_notice_imports_over_rest_and_a_scanned_one_is_refused_naming_content()
    {
        var finance = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "成都市财政局", ShortName = "市财政局", Kind = "department", RegionCode = "510100" }, node.Clerk);
        var supervision = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "成都市监察局", ShortName = "市监察局", Kind = "department", RegionCode = "510100" }, node.Clerk);
        // The corpus notice saved as PDF by LibreOffice Writer; sent as the README shows, base64 in JSON.
        var pdf = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "pdf", "sichuan-chengdu-2004.pdf"));
        var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/v1/plans:import")
        {
            Content = new StringContent($"{{\"year\":2026,\"title\":\"成都市依法行政工作要点\",\"content\":\"{Convert.ToBase64String(pdf)}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());

        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var imported = ImportPlanDocumentResponse.Parser.WithDiscardUnknownFields(true).ParseJson(body);
        Assert.Equal(["以推进财政体制改革和行政审批制度改革为重点，深化行政体制改革"], imported.Plan.Chapters.Select(c => c.Title).ToArray());
        Assert.Equal([1, 2, 3, 4], imported.Plan.Tasks.Select(t => t.Number).ToArray());
        Assert.Equal([finance.Id], imported.Plan.Tasks[0].LeadUnitIds.ToArray());
        Assert.Equal([supervision.Id], imported.Plan.Tasks[1].LeadUnitIds.ToArray());
        Assert.Equal([finance.Id, supervision.Id], imported.Plan.Tasks[2].LeadUnitIds.ToArray());
        Assert.Contains(imported.Problems, p => p.Problem.Contains("市计委", StringComparison.Ordinal));

        var scanned = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        scanned.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var refused = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportPlanDocumentAsync(
            new ImportPlanDocumentRequest { Year = 2026, Content = ByteString.CopyFrom(scanned.Build()) }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(refused, "content");
    }

    [Fact]
    public async Task A_whole_notice_file_imports_over_rest_as_the_docs_show_and_its_unknown_unit_is_settled()
    {
        var transport = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "扶余市交通运输局", ShortName = "交通局", Kind = "department", RegionCode = "220781" }, node.Clerk);
        var housing = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "扶余市住房和城乡建设局", Kind = "department", RegionCode = "220781" }, node.Clerk);
        // The corpus notice as docs/planning.md sends it: the page's text without the file's '#' header, base64 in JSON.
        var notice = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Samples", "notices", "jilin-fuyu-inspection.txt")).Where(l => !l.StartsWith('#'));
        var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/v1/plans:import")
        {
            Content = new StringContent($"{{\"year\":2026,\"content\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', notice) + "\n"))}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());

        using var response = await http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var imported = ImportPlanDocumentResponse.Parser.WithDiscardUnknownFields(true).ParseJson(body);
        Assert.Equal("扶余市人民政府督查室关于对全市开展农村人居环境综合整治工作专项督查的通知", imported.Plan.Title);
        Assert.Equal(["重点督办事项"], imported.Plan.Chapters.Select(c => c.Title).ToArray());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], imported.Plan.Tasks.Select(t => t.Number).ToArray());
        Assert.Equal([transport.Id], imported.Plan.Tasks[5].LeadUnitIds.ToArray());
        Assert.Equal([transport.Id], imported.Plan.Tasks[3].CoUnitIds.ToArray());
        Assert.Equal(("first_leads", "node"), (imported.UnitRule, imported.UnitRuleSource));
        Assert.Contains(imported.Proposals, p => p.Text == "住建局" && string.Join(",", p.TaskNumbers) == "2,5,7");
        Assert.Equal(
            ["住建局", "农业局", "农机服务中心", "各乡镇场", "国土局", "城市管理执法大队", "林业局", "畜牧局"],
            imported.Proposals.Select(p => p.Text).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(imported.Problems, p => p.Problem == "未识别的责任单位：住建局");
        // The notice's 几点要求 are its requirements, not tasks.
        Assert.Contains(imported.Problems, p => p.Problem.StartsWith("非任务部分", StringComparison.Ordinal));

        var mapped = await node.Planning.ResolveUnitProposalAsync(new ResolveUnitProposalRequest
        {
            PlanId = imported.Plan.Id, Alias = "住建局", UnitId = housing.Id,
        }, node.Clerk);
        Assert.Equal([housing.Id], mapped.Plan.Tasks[4].LeadUnitIds.ToArray());
        Assert.Equal([housing.Id], mapped.Plan.Tasks[6].LeadUnitIds.ToArray());
        Assert.Contains(housing.Id, mapped.Plan.Tasks[1].CoUnitIds);
        Assert.DoesNotContain(mapped.Proposals, p => p.Text == "住建局");
    }

    [Fact]
    public async Task The_section_above_each_chapter_of_a_three_level_notice_is_stored_and_returned_by_get_plan()
    {
        const string notice = """
            2026年崇川区法治政府建设工作要点
            一、总体要求
            坚持以习近平法治思想为指导。
            二、主要任务
            （一）依法全面履行政府职能
            1.深化“放管服”改革。
            （二）完善依法行政制度体系
            2.开展行政规范性文件清理。
            三、严格规范公正文明执法
            （一）深化行政执法体制改革
            1.推进综合行政执法。
            """;

        var imported = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest { Year = 2026, Text = notice }, node.Clerk);
        var plan = await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = imported.Plan.Id }, node.Clerk);

        Assert.Equal(
            [("依法全面履行政府职能", "主要任务"), ("完善依法行政制度体系", "主要任务"), ("深化行政执法体制改革", "严格规范公正文明执法")],
            plan.Chapters.Select(c => (c.Title, c.Section)).ToArray());
        Assert.Equal(imported.Plan.Chapters.Select(c => c.Section), plan.Chapters.Select(c => c.Section));
        Assert.Equal(3, plan.Tasks.Count);
    }

    [Fact]
    public async Task An_unknown_unit_is_a_proposal_that_mapping_or_creating_settles_and_the_draft_is_matched_again()
    {
        var justice = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "如东县司法局", Kind = "department", RegionCode = "320623" }, node.Clerk);
        var data = await node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = "如东县数据局", Kind = "department", RegionCode = "320623" }, node.Clerk);
        const string notice = """
            2026年如东县法治政府建设工作要点
            一、推进数字法治政府建设
            1.推进政务数据共享。（如东县大数据管理局牵头，如东县司法局配合）
            2.建设行政执法监督平台。（如东县司法局牵头，如东县大数据管理局、如东县融媒体中心配合）
            """;

        var imported = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest { Year = 2026, Text = notice }, node.Clerk);
        Assert.Equal(
            [("如东县大数据管理局", "1,2"), ("如东县融媒体中心", "2")],
            imported.Proposals.Select(p => (p.Text, string.Join(",", p.TaskNumbers))).ToArray());
        Assert.Empty(imported.Plan.Tasks[0].LeadUnitIds);
        Assert.Empty(imported.Plan.Tasks[1].CoUnitIds);

        // Map: the notice's name for the data bureau becomes its alias, and the draft is matched again.
        var mapped = await node.Planning.ResolveUnitProposalAsync(new ResolveUnitProposalRequest
        {
            PlanId = imported.Plan.Id, Alias = "如东县大数据管理局", UnitId = data.Id,
        }, node.Clerk);
        Assert.Equal(data.Id, mapped.Unit.Id);
        Assert.Equal([data.Id], mapped.Plan.Tasks[0].LeadUnitIds.ToArray());
        Assert.Equal([justice.Id], mapped.Plan.Tasks[0].CoUnitIds.ToArray());
        Assert.Equal([data.Id], mapped.Plan.Tasks[1].CoUnitIds.ToArray());
        Assert.Equal(["如东县融媒体中心"], mapped.Proposals.Select(p => p.Text).ToArray());
        var stored = await node.Planning.GetPlanAsync(new GetPlanRequest { PlanId = imported.Plan.Id }, node.Clerk);
        Assert.Equal([data.Id], stored.Tasks[0].LeadUnitIds.ToArray());

        // Create, over REST as the gateway serves it: the unit takes the proposal's name, and the draft has no proposals left.
        var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/planning/v1/plans/{imported.Plan.Id}:resolveUnitProposal")
        {
            Content = new StringContent("""{"alias":"如东县融媒体中心","create":{"kind":"department","regionCode":"320623"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var created = ResolveUnitProposalResponse.Parser.WithDiscardUnknownFields(true).ParseJson(body);
        Assert.Equal(("如东县融媒体中心", "department"), (created.Unit.Name, created.Unit.Kind));
        Assert.Equal([data.Id, created.Unit.Id], created.Plan.Tasks[1].CoUnitIds.ToArray());
        Assert.Empty(created.Proposals);

        // The alias holds for every later import.
        var later = await node.Planning.ImportPlanDocumentAsync(new ImportPlanDocumentRequest
        {
            Year = 2027, Text = notice.Replace("2026年如东县", "2027年如东县", StringComparison.Ordinal),
        }, node.Clerk);
        Assert.Empty(later.Proposals);
        Assert.Equal([data.Id], later.Plan.Tasks[0].LeadUnitIds.ToArray());
        Assert.Equal([data.Id, created.Unit.Id], later.Plan.Tasks[1].CoUnitIds.ToArray());

        // One name, one unit: the alias cannot be mapped to another unit as well.
        var taken = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ResolveUnitProposalAsync(new ResolveUnitProposalRequest
        {
            PlanId = imported.Plan.Id, Alias = "如东县大数据管理局", UnitId = justice.Id,
        }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        var unknownUnit = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ResolveUnitProposalAsync(new ResolveUnitProposalRequest
        {
            PlanId = imported.Plan.Id, Alias = "如东县融媒体中心", UnitId = Guid.CreateVersion7().ToString(),
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(unknownUnit, "unit_id");
        var badCreate = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ResolveUnitProposalAsync(new ResolveUnitProposalRequest
        {
            PlanId = imported.Plan.Id, Alias = "如东县应急管理局", Create = new CreateUnitRequest { Kind = "ministry", RegionCode = "1" },
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(badCreate, "create.kind", "create.region_code");

        // Only the office settles proposals, as only the office imports.
        var liaison = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ResolveUnitProposalAsync(new ResolveUnitProposalRequest
        {
            PlanId = imported.Plan.Id, Alias = "如东县大数据管理局", UnitId = data.Id,
        }, node.LiaisonOf(data.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, liaison.StatusCode);
    }

    [Fact]
    public async Task Pasted_text_is_limited_in_bytes_not_characters()
    {
        // 800,000 characters are well under the limit's number, but 2.4 MB as sent.
        var text = "2026年工作要点\n一、总体安排\n1." + new string('法', 800_000) + "（区司法局）";
        Assert.True(text.Length < 2 * 1024 * 1024);

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => node.Planning.ImportPlanDocumentAsync(
            new ImportPlanDocumentRequest { Year = 2026, Text = text }, node.Clerk).ResponseAsync);

        SliceScenario.AssertBadRequest(tooLarge, "text");
        Assert.Contains("2097152 bytes", tooLarge.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workbook_and_attachments_download_as_files_over_rest()
    {
        var unit = await node.CreateUnitAsync("南通市应急管理局");
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = SliceScenario.UniqueName("安全生产执法要点"),
            Year = 2026,
            Tasks = { new NewTask { Title = "开展安全生产执法检查", Deadline = "2026-12-31", LeadUnitIds = { unit.Id } } },
        }, node.Clerk);
        var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/planning/v1/plans/{plan.Id}/workbook");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.NotNull(workbook.WorkbookPart);

        using var missing = new HttpRequestMessage(HttpMethod.Get, $"/api/planning/v1/plans/{Guid.CreateVersion7()}/workbook");
        missing.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(missing)).StatusCode);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/planning/v1/attachments/not-an-id/content");
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var badResponse = await http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Contains("attachment_id", await badResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/planning/v1/plans/{plan.Id}/workbook")).StatusCode);
    }

    [Fact]
    public async Task Lists_page_and_filter()
    {
        for (var i = 0; i < 3; i++)
        {
            await node.Planning.CreatePlanAsync(new CreatePlanRequest
            {
                Title = $"2031年第{i}号要点",
                Year = 2031,
                Tasks = { new NewTask { Title = "任务", Deadline = "2031-06-30" } },
            }, node.Clerk);
        }
        var first = await node.Planning.ListPlansAsync(new ListPlansRequest { Year = 2031, PageSize = 2 }, node.Clerk);
        Assert.Equal(2, first.Plans.Count);
        Assert.NotEmpty(first.NextPageToken);
        var second = await node.Planning.ListPlansAsync(new ListPlansRequest { Year = 2031, PageSize = 2, PageToken = first.NextPageToken }, node.Clerk);
        Assert.Single(second.Plans);
        Assert.Empty(second.NextPageToken);
        Assert.Empty(first.Plans.Select(p => p.Id).Intersect(second.Plans.Select(p => p.Id)));
        Assert.Empty((await node.Planning.ListPlansAsync(new ListPlansRequest { Year = 2031, Status = "issued" }, node.Clerk)).Plans);
    }

    public static TheoryData<string> InvalidCalls() => new(BadCalls.Keys);

    /// <summary>Bad input on every RPC that takes any: InvalidArgument naming the field.</summary>
    [Theory]
    [MemberData(nameof(InvalidCalls))]
    public async Task Every_rpc_rejects_bad_input_naming_the_field(string call)
    {
        var (invoke, fields) = BadCalls[call];
        var error = await Assert.ThrowsAsync<RpcException>(() => invoke(node.Planning, node.Clerk));
        SliceScenario.AssertBadRequest(error, fields);
    }

    private static readonly Dictionary<string, (Func<PlanningService.PlanningServiceClient, Metadata, Task> Invoke, string[] Fields)> BadCalls = new()
    {
        ["ListUnits"] = ((c, h) => c.ListUnitsAsync(new ListUnitsRequest { PageSize = 9999, Kind = "x" }, h).ResponseAsync, ["page_size", "kind"]),
        ["CreateUnitGroup"] = ((c, h) => c.CreateUnitGroupAsync(new CreateUnitGroupRequest { Name = "", UnitIds = { "x" } }, h).ResponseAsync, ["name", "unit_ids[0]"]),
        ["ListUnitGroups"] = ((c, h) => c.ListUnitGroupsAsync(new ListUnitGroupsRequest { PageToken = "abc" }, h).ResponseAsync, ["page_token"]),
        ["CreatePlan"] = ((c, h) => c.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "要点",
            Year = 2026,
            Chapters = { new NewChapter { Title = "", Tasks = { new NewTask { Title = "t", ReportingRule = "weekly_tea", Targets = { new NewTarget { Description = "d", Comparison = "about" } } } } } },
        }, h).ResponseAsync, ["chapters[0].title", "chapters[0].tasks[0].reporting_rule", "chapters[0].tasks[0].targets[0].comparison"]),
        ["CreatePlanUnknownUnit"] = ((c, h) => c.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "要点", Year = 2026, Tasks = { new NewTask { Title = "t", Deadline = "2026-12-31", LeadUnitIds = { Guid.CreateVersion7().ToString() } } },
        }, h).ResponseAsync, ["tasks[0].lead_unit_ids[0]"]),
        ["GetPlan"] = ((c, h) => c.GetPlanAsync(new GetPlanRequest { PlanId = "plan-1" }, h).ResponseAsync, ["plan_id"]),
        ["ListPlans"] = ((c, h) => c.ListPlansAsync(new ListPlansRequest { Year = 1800, Status = "lost" }, h).ResponseAsync, ["status", "year"]),
        ["IssuePlan"] = ((c, h) => c.IssuePlanAsync(new IssuePlanRequest(), h).ResponseAsync, ["plan_id"]),
        ["ClosePlan"] = ((c, h) => c.ClosePlanAsync(new ClosePlanRequest { PlanId = "x" }, h).ResponseAsync, ["plan_id"]),
        ["ReviseTask"] = ((c, h) => c.ReviseTaskAsync(new ReviseTaskRequest { TaskId = "x", Deadline = "tomorrow" }, h).ResponseAsync, ["task_id", "deadline"]),
        ["ListTaskRevisions"] = ((c, h) => c.ListTaskRevisionsAsync(new ListTaskRevisionsRequest(), h).ResponseAsync, ["task_id"]),
        ["ResolveUnitProposal"] = ((c, h) => c.ResolveUnitProposalAsync(new ResolveUnitProposalRequest { PlanId = "x", Alias = " " }, h).ResponseAsync, ["plan_id", "alias", "unit_id"]),
        ["ExportPlan"] = ((c, h) => c.ExportPlanAsync(new ExportPlanRequest { PlanId = "x" }, h).ResponseAsync, ["plan_id"]),
        ["AssignTask"] = ((c, h) => c.AssignTaskAsync(new AssignTaskRequest { TaskId = "", UnitId = Guid.CreateVersion7().ToString(), UnitGroupId = Guid.CreateVersion7().ToString() }, h).ResponseAsync, ["task_id", "unit_group_id"]),
        ["AcceptAssignment"] = ((c, h) => c.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = "x" }, h).ResponseAsync, ["assignment_id"]),
        ["ReturnAssignment"] = ((c, h) => c.ReturnAssignmentAsync(new ReturnAssignmentRequest { AssignmentId = "x" }, h).ResponseAsync, ["reason", "assignment_id"]),
        ["ListAssignments"] = ((c, h) => c.ListAssignmentsAsync(new ListAssignmentsRequest { PlanId = "x", Status = "lost", DueBefore = "2026-13-01" }, h).ResponseAsync, ["plan_id", "status", "due_before"]),
        ["ReportProgress"] = ((c, h) => c.ReportProgressAsync(new ReportProgressRequest { AssignmentId = "x", Percent = 120, Figures = { new TargetFigure { TargetId = "t" } } }, h).ResponseAsync, ["assignment_id", "text", "percent", "figures[0].target_id"]),
        ["ListProgressReports"] = ((c, h) => c.ListProgressReportsAsync(new ListProgressReportsRequest { TaskId = "x", ReportedAfter = "yesterday" }, h).ResponseAsync, ["task_id", "reported_after"]),
        ["GetAttachment"] = ((c, h) => c.GetAttachmentAsync(new GetAttachmentRequest { AttachmentId = "x" }, h).ResponseAsync, ["attachment_id"]),
        ["RequestExtension"] = ((c, h) => c.RequestExtensionAsync(new RequestExtensionRequest { AssignmentId = "x", RequestedDeadline = "soon" }, h).ResponseAsync, ["assignment_id", "requested_deadline", "reason"]),
        ["DecideExtension"] = ((c, h) => c.DecideExtensionAsync(new DecideExtensionRequest { ExtensionId = "x" }, h).ResponseAsync, ["extension_id", "note"]),
        ["ListExtensions"] = ((c, h) => c.ListExtensionsAsync(new ListExtensionsRequest { Status = "maybe" }, h).ResponseAsync, ["status"]),
        ["GetPlanStatistics"] = ((c, h) => c.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = "x" }, h).ResponseAsync, ["plan_id"]),
    };
}
