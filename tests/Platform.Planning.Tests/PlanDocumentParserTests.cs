using Platform.BuildingBlocks.Text;
using System.Text;
using System.Text.Json;
using Platform.Planning.Module.Features.ImportPlanDocument;

namespace Platform.Planning.Tests;

public sealed class PlanDocumentParserTests
{
    private static readonly Guid RuleOfLawOffice = Id(1);
    private static readonly Guid Justice = Id(2);
    private static readonly Guid Staffing = Id(3);
    private static readonly Guid GovernmentOffice = Id(4);
    private static readonly Guid Development = Id(5);
    private static readonly Guid Finance = Id(6);
    private static readonly Guid HumanResources = Id(7);
    private static readonly Guid PublicSecurity = Id(8);
    private static readonly Guid MarketRegulation = Id(9);
    private static readonly Guid GovernmentServices = Id(10);
    private static readonly Guid UrbanManagement = Id(11);
    private static readonly Guid TransportEnforcement = Id(12);
    private static readonly Guid Ecology = Id(13);
    private static readonly Guid Publicity = Id(14);
    private static readonly Guid Petitions = Id(15);
    private static readonly Guid Industry = Id(16);
    private static readonly Guid Housing = Id(17);
    private static readonly Guid Cyberspace = Id(18);
    private static readonly Guid PoliticalLegal = Id(19);
    private static readonly Guid Audit = Id(20);
    private static readonly Guid Hotline = Id(21);
    private static readonly Guid RugaoGovernment = Id(22);
    private static readonly Guid ChongchuanGovernment = Id(23);
    private static readonly Guid AllDepartments = Id(101);
    private static readonly Guid AllCounties = Id(102);

    // The units of the Nantong (320600) node: its departments plus two of the governments one level down.
    private static readonly KnownUnit[] Units =
    [
        new(RuleOfLawOffice, "中共南通市委全面依法治市委员会办公室", ["市委依法治市办"]),
        new(Justice, "南通市司法局", ["市司法局"]),
        new(Staffing, "中共南通市委机构编制委员会办公室", ["市委编办"]),
        new(GovernmentOffice, "南通市人民政府办公室", ["市政府办公室", "市政府办"]),
        new(Development, "南通市发展和改革委员会", ["市发展改革委", "市发改委"]),
        new(Finance, "南通市财政局", ["市财政局"]),
        new(HumanResources, "南通市人力资源和社会保障局", ["市人力资源社会保障局", "市人社局"]),
        new(PublicSecurity, "南通市公安局", ["市公安局"]),
        new(MarketRegulation, "南通市市场监督管理局", ["市市场监管局"]),
        new(GovernmentServices, "南通市政务服务管理办公室", ["市政务办"]),
        // Both carry the 综合行政执法 signboard, so clerks gave both the short name 市执法局.
        new(UrbanManagement, "南通市城市管理局", ["市城管局", "市执法局"]),
        new(TransportEnforcement, "南通市交通运输综合行政执法支队", ["市交通执法支队", "市执法局"]),
        new(Ecology, "南通市生态环境局", []),
        new(Publicity, "中共南通市委宣传部", ["市委宣传部"]),
        new(Petitions, "南通市信访局", ["市信访局"]),
        new(Industry, "南通市工业和信息化局", ["市工信局"]),
        new(Housing, "南通市住房和城乡建设局", ["市住建局"]),
        new(Cyberspace, "中共南通市委网络安全和信息化委员会办公室", ["市委网信办"]),
        new(PoliticalLegal, "中共南通市委政法委员会", ["市委政法委"]),
        new(Audit, "南通市审计局", ["市审计局"]),
        new(Hotline, "南通市12345政务服务便民热线管理办公室", ["市12345热线办"]),
        new(RugaoGovernment, "如皋市人民政府", ["如皋市政府"]),
        new(ChongchuanGovernment, "崇川区人民政府", ["崇川区政府"]),
    ];

    private static readonly KnownUnitGroup[] Groups =
    [
        new(AllDepartments, "市政府各部门", ["市各有关部门", "市有关部门", "市各部门", "各部门"]),
        new(AllCounties, "各县（市、区）人民政府", ["各县（市、区）", "各县(市、区)政府"]),
    ];

    [Fact]
    public void A_page_date_banner_and_column_name_do_not_become_the_title_of_a_report()
    {
        var plan = new PlanDocumentParser([], []).Parse(string.Join('\n',
            "今天是：2019年10月31日 星期三 农历十月初七",
            "天津市静海区人民政府 2019年12月3日星期二",
            "无障碍 简体| 繁体",
            "工作报告",
            "2020年静海区法治政府建设情况报告",
            "一、主要举措和成效",
            "1.加强党对法治政府建设的领导。"));

        Assert.Equal("2020年静海区法治政府建设情况报告", plan.Title);
        Assert.Equal("加强党对法治政府建设的领导。", Assert.Single(Assert.Single(plan.Chapters).Tasks).Text);
    }

    [Fact]
    public void A_reposted_issuing_notice_gives_the_plan_it_issues_as_the_title()
    {
        var plan = new PlanDocumentParser([], []).Parse(string.Join('\n',
            "《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》",
            "各区人民政府，市政府各委、办、局，各市属机构：",
            "一、围绕深化改革推进公开",
            "1.公布2016年版市政府部门权力清单。"));

        Assert.Equal("北京市2016年政务公开工作要点", plan.Title);
    }

    [Fact]
    public void A_unit_bracket_broken_across_lines_as_copied_from_a_pdf_stays_one_bracket()
    {
        var plan = new PlanDocumentParser([], []).Parse(string.Join('\n',
            "（二）深化行政体制改革",
            "1.深化部门预算管理改革，年内在市级部门全面实行国库集中支付。（牵头单位：市财政局；",
            "责任单位：市政府各部门）",
            "2.规范政府投资行为。（牵头单位：市计委、市监察局；责任",
            "单位：市政府相关部门）"));

        var tasks = Assert.Single(plan.Chapters).Tasks;
        Assert.Equal(["深化部门预算管理改革，年内在市级部门全面实行国库集中支付。", "规范政府投资行为。"], tasks.Select(t => t.Text));
        Assert.Equal(["市财政局"], tasks[0].LeadUnits.Select(u => u.Text));
        Assert.Equal(["市政府各部门"], tasks[0].CoUnits.Select(u => u.Text));
        Assert.Equal(["市计委", "市监察局"], tasks[1].LeadUnits.Select(u => u.Text));
        Assert.Equal(["市政府相关部门"], tasks[1].CoUnits.Select(u => u.Text));
    }

    [Fact]
    public void Lists_with_no_role_follow_the_node_setting_when_the_notice_states_no_convention()
    {
        const string notice = "2026年工作要点\n一、执法\n1.开展执法案卷评查。（县司法局、县政府办公室，各乡镇人民政府）";

        var byDefault = new PlanDocumentParser([], []).Parse(notice);
        var allLead = new PlanDocumentParser([], [], UnmarkedUnitRule.AllLead).Parse(notice);

        Assert.Equal(new NoticeUnitRule(UnmarkedUnitRule.FirstLeads, false, null), byDefault.UnitRule);
        var first = Assert.Single(Assert.Single(byDefault.Chapters).Tasks);
        Assert.Equal(["县司法局", "县政府办公室"], first.LeadUnits.Select(u => u.Text));
        Assert.Equal(["各乡镇人民政府"], first.CoUnits.Select(u => u.Text));
        Assert.Equal(new NoticeUnitRule(UnmarkedUnitRule.AllLead, false, null), allLead.UnitRule);
        var all = Assert.Single(Assert.Single(allLead.Chapters).Tasks);
        Assert.Equal(["县司法局", "县政府办公室", "各乡镇人民政府"], all.LeadUnits.Select(u => u.Text));
        Assert.Empty(all.CoUnits);
    }

    [Fact]
    public void The_notices_own_convention_wins_over_the_node_setting_and_is_quoted()
    {
        const string notice = "2026年工作要点\n一、执法\n1.开展执法案卷评查。（县司法局、县政府办公室）\n（注：排在第一位的为牵头单位。）";

        var plan = new PlanDocumentParser([], [], UnmarkedUnitRule.AllLead).Parse(notice);

        Assert.Equal(new NoticeUnitRule(UnmarkedUnitRule.FirstLeads, true, "排在第一位的为牵头单位"), plan.UnitRule);
        var task = Assert.Single(Assert.Single(plan.Chapters).Tasks);
        Assert.Equal(["县司法局"], task.LeadUnits.Select(u => u.Text));
        Assert.Equal(["县政府办公室"], task.CoUnits.Select(u => u.Text));
    }

    [Fact]
    public void Catch_all_groups_are_read_whole_and_matched_to_the_nodes_groups()
    {
        var departments = Id(201);
        var counties = Id(202);
        var townships = Id(203);
        var concerned = Id(204);
        var parser = new PlanDocumentParser([], [
            new KnownUnitGroup(departments, "市政府各部门", ["各部门"]),
            new KnownUnitGroup(concerned, "有关部门", ["各有关部门"]),
            new KnownUnitGroup(counties, "各县（市、区）人民政府", []),
            new KnownUnitGroup(townships, "各乡镇人民政府", ["乡镇人民政府"]),
        ]);

        var plan = parser.Parse("2026年工作要点\n一、执法\n1.开展执法案卷评查。（市政府各部门牵头，各县（市、区）人民政府、各乡镇人民政府、各有关部门等按职责分工负责）");

        var task = Assert.Single(Assert.Single(plan.Chapters).Tasks);
        Assert.Equal([("市政府各部门", departments)], task.LeadUnits.Select(u => (u.Text, u.UnitGroupId!.Value)));
        Assert.Equal([("各县（市、区）人民政府", counties), ("各乡镇人民政府", townships), ("各有关部门", concerned)],
            task.CoUnits.Select(u => (u.Text, u.UnitGroupId ?? Guid.Empty)));
    }

    [Theory]
    [InlineData("全文\n一、坚持系统集成\n1.全面实施行政许可事项清单管理。", null)]
    [InlineData("省委、省政府印发\n《四川省法治政府建设实施方案（2021-2025年）》\n一、健全职能体系\n1.推进机构职能优化。", "四川省法治政府建设实施方案（2021-2025年）")]
    public void A_lead_in_word_is_no_title_and_a_plan_name_set_in_book_marks_is_read_without_them(string source, string? title)
    {
        Assert.Equal(title, new PlanDocumentParser([], []).Parse(source).Title);
    }

    [Fact]
    public void Reads_a_plan_whose_tasks_end_with_their_units_in_parentheses()
    {
        var source = Sample("plan-layout-parentheses.txt");

        var plan = Parser().Parse(source);

        Assert.Equal("2026年全市法治政府建设工作要点", plan.Title);
        Assert.Equal(
            [(1, "健全政府机构职能体系"), (2, "健全依法行政制度体系"), (3, "推进严格规范公正文明执法"), (4, "强化行政权力制约和监督")],
            plan.Chapters.Select(c => (c.Number, c.Title)));
        Assert.Equal(["1,2,3,4", "5,6,7,8", "9,10,11,12", "13,14,15"], plan.Chapters.Select(c => string.Join(",", c.Tasks.Select(t => t.Number))));
        Assert.Empty(plan.Issues);

        var tasks = plan.Chapters.SelectMany(c => c.Tasks).ToList();
        AssertTask(source, tasks[0], 1, "深化“放管服”改革，动态调整市级政府部门权责清单，推动权责清单与部门职责、行政许可事项清单有效衔接。",
            [Unit("市委编办", Staffing)], [Group("市政府各部门", AllDepartments)]);
        AssertTask(source, tasks[1], 2, "持续优化法治化营商环境，全面落实公平竞争审查制度，开展妨碍统一市场和公平竞争政策措施清理。",
            [Unit("市市场监管局", MarketRegulation), Unit("市发展改革委", Development)], [Group("市政府各部门", AllDepartments)]);
        AssertTask(source, tasks[2], 3, "推进“一网通办”改革，政务服务事项网上可办率保持在95%以上。",
            [Unit("市政务办", GovernmentServices)], [Group("各县（市、区）人民政府", AllCounties)]);
        AssertTask(source, tasks[3], 4, "健全行政执法与刑事司法衔接机制，完善案件移送标准和程序。",
            [Unit("市司法局", Justice)], [Unit("市公安局", PublicSecurity)]);
        AssertTask(source, tasks[4], 5, "严格落实重大行政决策程序规定，年度重大行政决策事项目录于3月底前向社会公布。",
            [Unit("市政府办公室", GovernmentOffice)], [Unit("市司法局", Justice), Group("各县（市、区）人民政府", AllCounties)]);
        AssertTask(source, tasks[5], 6, "健全行政规范性文件合法性审核机制，推行审核目录清单制度，审核率达到100%。",
            [Unit("市司法局", Justice)], [Group("市政府各部门", AllDepartments)]);
        AssertTask(source, tasks[6], 7, "涉及群众切身利益的规范性文件，公开征求意见时间一般不少于30日。",
            [Unit("市司法局", Justice)], [Group("市各有关部门", AllDepartments)]);
        AssertTask(source, tasks[7], 8, "推进政府法律顾问和公职律师工作，实现市、县两级政府部门全覆盖。",
            [Unit("市司法局", Justice)], [Unit("市 财政局", Finance), Unit("市人力资源和社会保障局", HumanResources)]);
        AssertTask(source, tasks[8], 9, "深化行政执法体制改革，推进综合行政执法向基层延伸。",
            [Unit("市委编办", Staffing), Unit("市司法局", Justice)], [Group("各县（市、区）人民政府", AllCounties)]);
        AssertTask(source, tasks[9], 10, "全面推行行政执法“三项制度”，开展行政执法案卷评查，每年不少于1次。",
            [Unit("市司法局", Justice)], [Group("市政府各部门", AllDepartments)]);
        AssertTask(source, tasks[10], 11, "加强生态环境领域执法，依法查处环境违法行为。",
            [Unit("市生态环境局", Ecology)], [Unit("市公安局", PublicSecurity)]);
        AssertTask(source, tasks[11], 12, "推进城市管理领域柔性执法，推行轻微违法行为依法不予处罚清单。",
            [Unit("市城管局", UrbanManagement)], [Unit("市司法局", Justice)]);
        AssertTask(source, tasks[12], 13, "自觉接受人大监督、民主监督，办理人大代表建议和政协提案按时答复率达到100%。",
            [Unit("市政府办公室", GovernmentOffice)], [Group("市政府各部门", AllDepartments)]);
        AssertTask(source, tasks[13], 14, "加强审计监督，推进审计全覆盖。",
            [Unit("南通市审计局", Audit)], []);
        AssertTask(source, tasks[14], 15, "规范信访工作秩序，推动信访事项依法及时就地解决。",
            [Unit("市信访局", Petitions)], [Unit("市委政法委", PoliticalLegal), Unit("市公安局", PublicSecurity)]);
    }

    [Fact]
    public void Reads_a_plan_whose_units_follow_on_labelled_lines()
    {
        var source = Sample("plan-layout-unit-lines.txt");

        var plan = Parser().Parse(source);

        Assert.Equal("2026年全市法治督察工作要点", plan.Title);
        Assert.Equal([(1, "加强督察工作统筹"), (2, "开展专项督察"), (3, "强化督察结果运用")], plan.Chapters.Select(c => (c.Number, c.Title)));
        // Numbering restarts in each chapter and keeps the printed number.
        Assert.Equal(["1,2,3", "1,2", "1,2,3"], plan.Chapters.Select(c => string.Join(",", c.Tasks.Select(t => t.Number))));
        Assert.Empty(plan.Issues);

        var first = plan.Chapters[0].Tasks;
        AssertTask(source, first[0], "1、", "制定年度法治督察工作计划，明确督察重点、方式和时间安排。",
            [Unit("市委依法治市办", RuleOfLawOffice)], [Unit("市司法局", Justice)]);
        AssertTask(source, first[1], "2、", "建立法治督察专员人才库，从律师、专家学者和执法人员中遴选督察专员不少于30名。",
            [Unit("市委依法治市办", RuleOfLawOffice)], [Unit("市司法局", Justice), Unit("市人力资源社会保障局", HumanResources)]);
        AssertTask(source, first[2], "3、", "完善督察线索移送机制，与行政复议、行政诉讼、信访、12345热线等系统实现数据对接。",
            [Unit("市司法局", Justice)], [Unit("市信访局", Petitions), Unit("市政务办", GovernmentServices)]);

        var second = plan.Chapters[1].Tasks;
        AssertTask(source, second[0], "1．围绕", "围绕营商环境、安全生产、生态环境保护等领域开展专项督察，督察结果纳入年度法治建设考核。",
            [Unit("市委依法治市办", RuleOfLawOffice)], [Unit("市市场监管局", MarketRegulation), Unit("市生态环境局", Ecology)]);
        AssertTask(source, second[1], "2．", "对上年度督察发现问题开展“回头看”，逐项验收销号。",
            [Unit("市委依法治市办", RuleOfLawOffice)], [Group("市政府各部门", AllDepartments), Group("各县（市、区）人民政府", AllCounties)]);

        var third = plan.Chapters[2].Tasks;
        AssertTask(source, third[0], "（1）", "督察发现问题按月汇总、按季通报，问题整改情况报送率达到100%。",
            [Unit("市委依法治市办", RuleOfLawOffice)], []);
        AssertTask(source, third[1], "（2）", "对整改不力的单位，依次采取督办函、约谈、挂牌督办等措施。",
            [Unit("市委依法治市办", RuleOfLawOffice)], [Unit("市委政法委", PoliticalLegal)]);
        AssertTask(source, third[2], "（3）", "通过新闻媒体公开曝光典型问题，发挥警示教育作用。",
            [Unit("市委依法治市办", RuleOfLawOffice)], [Unit("市委宣传部", Publicity), Unit("市委网信办", Cyberspace)]);
    }

    [Theory]
    // Without a role stated, "、" joins a group and "，" separates groups: the first group leads.
    [InlineData("责任单位：市司法局、市财政局，各县（市、区）人民政府按职责分工分别负责。", "市司法局,市财政局", "各县（市、区）人民政府")]
    // Phrases at the end of a list are not part of the last name; 及 joins two units.
    [InlineData("责任单位：市信息办及相关部门各负其责", "市信息办", "相关部门")]
    [InlineData("（市公安局、市司法局等共同负责）", "市公安局", "市司法局")]
    public void Unit_lists_follow_the_notices_conventions_and_phrases(string unitLine, string leads, string coUnits)
    {
        var plan = Parser().Parse($"2026年工作要点\n一、执法\n1.开展执法检查。\n{unitLine}");

        var task = Assert.Single(plan.Chapters.SelectMany(c => c.Tasks));
        Assert.Equal(leads, string.Join(",", task.LeadUnits.Select(u => u.Text)));
        Assert.Equal(coUnits, string.Join(",", task.CoUnits.Select(u => u.Text)));
    }

    [Fact]
    public void Reports_what_it_cannot_place_in_a_mixed_notice()
    {
        var source = Sample("plan-mixed-with-issues.txt");

        var plan = Parser().Parse(source);

        // The notice wraps the plan; the plan's own title line wins over the 关于印发 heading.
        Assert.Equal("2026年全市依法行政工作要点", plan.Title);
        // Part 二 holds its tasks under （一）（二）: those are the chapters, with the part recorded as their section.
        Assert.Equal(
            [(1, "推进政府治理数字化", null), (1, "规范城市管理执法", "规范行政执法"), (2, "加强执法监督", "规范行政执法"), (3, "其他事项", null)],
            plan.Chapters.Select(c => (c.Number, c.Title, c.Section)));
        Assert.Equal(["1,2", "3,4", "5,6", "7,8"], plan.Chapters.Select(c => string.Join(",", c.Tasks.Select(t => t.Number))));

        var tasks = plan.Chapters.SelectMany(c => c.Tasks).ToList();
        AssertTask(source, tasks[0], 1, "加快建设全市统一的行政执法监督平台，实现执法数据归集共享。",
            [Unit("市司法局", Justice)], [Unknown("市数据局")]);
        AssertTask(source, tasks[1], 2, "推进政务数据有序开放共享，依法保护个人信息和商业秘密。",
            [Unit("市政务办", GovernmentServices)], [Unit("市工信局", Industry)]);
        AssertTask(source, tasks[2], 3, "开展城市管理领域执法突出问题专项整治，规范执法人员着装和执法记录仪使用。",
            [Ambiguous("市执法局")], [Group("各县（市、区）", AllCounties)]);
        AssertTask(source, tasks[3], 4, "推行“综合查一次”联合执法机制，减少对市场主体的重复检查。", [], []);
        AssertTask(source, tasks[4], 5, "健全行政执法协调监督工作体系，实现市、县、乡三级全覆盖。",
            [Unit("市司法局", Justice)], []);
        AssertTask(source, tasks[5], 6, "加强行政复议决定书、意见书执行情况的监督，纠错率纳入年度法治建设考核。",
            [Unit("市司法局", Justice)], [Unit("市委依法治市办", RuleOfLawOffice)]);
        AssertTask(source, tasks[6], 7, "各地各部门要于每季度结束后15日内报送工作进展情况。",
            [Group("市政府各部门", AllDepartments)], [Group("各县（市、区）人民政府", AllCounties)]);
        AssertTask(source, tasks[7], 8, "加强法治宣传教育，落实“谁执法谁普法”普法责任制。",
            [Unit("市委宣传部", Publicity)], [Unit("市司法局", Justice)]);

        Assert.Equal(
            [
                Issue(source, "1.加快建设", "未识别的责任单位：市数据局"),
                Issue(source, "3.开展城市管理", "责任单位“市执法局”对应多个单位（南通市城市管理局、南通市交通运输综合行政执法支队），请人工指定"),
                Issue(source, "4.推行", "未找到责任单位"),
                Issue(source, "5.健全", "未导入的完成时限：2026年12月底前完成"),
                Issue(source, "— 2 —", "页码，未导入"),
                Issue(source, "各地各部门要加强组织领导", "部分标题后的说明文字，未导入"),
                Issue(source, "南通市人民政府办公室", "文末落款或日期，未导入"),
                Issue(source, "2026年2月10日", "文末落款或日期，未导入"),
                Issue(source, "（此件公开发布）", "文末落款或日期，未导入"),
            ],
            plan.Issues);
    }

    [Fact]
    public void A_GBK_copy_of_a_notice_parses_exactly_like_the_UTF8_original()
    {
        var source = Sample("plan-mixed-with-issues.txt");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var bytes = gbk.GetBytes(source);
        Assert.NotEqual(Encoding.UTF8.GetBytes(source), bytes);

        var decoded = TextDecoding.Decode(bytes);

        Assert.Equal(source, decoded);
        var parser = Parser();
        Assert.Equal(Snapshot(parser.Parse(source)), Snapshot(parser.Parse(decoded)));
    }

    [Fact]
    public void Decodes_UTF8_with_and_without_BOM()
    {
        var source = Sample("plan-layout-unit-lines.txt");
        var utf8 = Encoding.UTF8.GetBytes(source);

        Assert.Equal(source, TextDecoding.Decode(utf8));
        Assert.Equal(source, TextDecoding.Decode([0xEF, 0xBB, 0xBF, .. utf8]));
        Assert.Equal(source, TextDecoding.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(source)]));
        Assert.Equal(string.Empty, TextDecoding.Decode([]));
    }

    [Fact]
    public void Damaged_UTF8_stays_UTF8_rather_than_turning_into_GBK_mojibake()
    {
        var source = Sample("plan-layout-parentheses.txt");
        var cut = Encoding.UTF8.GetBytes(source)[..^2]; // the closing ） loses its last byte, as in a cut download
        var damaged = Encoding.UTF8.GetBytes(source);
        damaged[damaged.Length / 2] = 0xFF;

        Assert.StartsWith("2026年全市法治政府建设工作要点", TextDecoding.Decode(cut));
        Assert.EndsWith("\uFFFD", TextDecoding.Decode(cut));
        Assert.StartsWith("2026年全市法治政府建设工作要点", TextDecoding.Decode(damaged));
        Assert.Contains('\uFFFD', TextDecoding.Decode(damaged));
    }

    [Fact]
    public void Garbage_bytes_give_text_instead_of_an_exception()
    {
        var random = new Random(20260210);
        for (var round = 0; round < 50; round++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);

            var text = TextDecoding.Decode(bytes);

            Assert.NotNull(text);
            Parser().Parse(text);
        }
        Assert.NotEmpty(TextDecoding.Decode([0x80, 0xFF]));
    }

    [Theory]
    [InlineData("市司法局牵头，市政府各部门配合", "市司法局=南通市司法局", "市政府各部门=市政府各部门")]
    [InlineData("市司法局、市政府各部门", "市司法局=南通市司法局", "市政府各部门=市政府各部门")]
    [InlineData("市司法局，各县（市、区）人民政府按职责分工负责", "市司法局=南通市司法局", "各县（市、区）人民政府=各县（市、区）人民政府")]
    [InlineData("由市司法局牵头负责，市公安局、市市场监管局等部门配合", "市司法局=南通市司法局", "市公安局=南通市公安局|市市场监管局=南通市市场监督管理局")]
    [InlineData("市政府各部门、各县（市、区）配合，市司法局牵头", "市司法局=南通市司法局", "市政府各部门=市政府各部门|各县（市、区）=各县（市、区）人民政府")]
    [InlineData("配合单位：市财政局；牵头单位：市司法局", "市司法局=南通市司法局", "市财政局=南通市财政局")]
    [InlineData("责任单位：市司法局、市财政局", "市司法局=南通市司法局", "市财政局=南通市财政局")]
    [InlineData("市委宣传部和市委网信办", "市委宣传部=中共南通市委宣传部", "市委网信办=中共南通市委网络安全和信息化委员会办公室")]
    [InlineData("市住房和城乡建设局及市工业和信息化局", "市住房和城乡建设局=南通市住房和城乡建设局", "市工业和信息化局=南通市工业和信息化局")]
    [InlineData("南通市委宣传部、生态环境局", "南通市委宣传部=中共南通市委宣传部", "生态环境局=南通市生态环境局")]
    [InlineData("市１２３４５热线办、各县（市、区）政府", "市１２３４５热线办=南通市12345政务服务便民热线管理办公室", "各县（市、区）政府=各县（市、区）人民政府")]
    [InlineData("市 司法局 牵头，市政府各部门 配合", "市 司法局=南通市司法局", "市政府各部门=市政府各部门")]
    [InlineData("市司法局、如皋市政府、崇川区人民政府", "市司法局=南通市司法局", "如皋市政府=如皋市人民政府|崇川区人民政府=崇川区人民政府")]
    public void Reads_the_common_ways_of_writing_units(string units, string leads, string coUnits)
    {
        var plan = Parser().Parse($"2026年工作要点\n一、部分\n1.任务内容。（{units}）");

        var task = Assert.Single(Assert.Single(plan.Chapters).Tasks);
        Assert.Equal("任务内容。", task.Text);
        Assert.Equal(leads, Describe(task.LeadUnits));
        Assert.Equal(coUnits, Describe(task.CoUnits));
        Assert.Empty(plan.Issues);
    }

    [Fact]
    public void An_aside_in_brackets_is_not_taken_for_units()
    {
        var plan = Parser().Parse("一、部分\n1.完成年度立法计划（含市区两级）。\n2.开展专项清理（2026年底前完成）\n责任单位：市司法局");

        var tasks = Assert.Single(plan.Chapters).Tasks;
        Assert.Equal("完成年度立法计划（含市区两级）。", tasks[0].Text);
        Assert.Empty(tasks[0].LeadUnits);
        Assert.Equal("开展专项清理（2026年底前完成）", tasks[1].Text);
        Assert.Equal("市司法局=南通市司法局", Describe(tasks[1].LeadUnits));
        Assert.Equal([new ImportIssue(2, "1.完成年度立法计划（含市区两级）。", "未找到责任单位")], plan.Issues);
    }

    [Fact]
    public void Chinese_numbered_items_are_tasks_in_a_chapter_without_numbered_tasks()
    {
        const string Source = """
            2026年全市普法工作要点
            一、压实普法责任
            （一）完善普法责任清单制度，动态更新部门普法责任清单。（市司法局牵头，市政府各部门配合）
            （二）组织开展宪法宣传周系列活动。
            责任单位：市委宣传部、市司法局
            （三）推进法治文化阵地建设。
            """;

        var plan = Parser().Parse(Source);

        var chapter = Assert.Single(plan.Chapters);
        Assert.Equal("压实普法责任", chapter.Title);
        Assert.Equal([1, 2, 3], chapter.Tasks.Select(t => t.Number));
        Assert.Equal("完善普法责任清单制度，动态更新部门普法责任清单。", chapter.Tasks[0].Text);
        Assert.Equal("市委宣传部=中共南通市委宣传部", Describe(chapter.Tasks[1].LeadUnits));
        Assert.Equal("市司法局=南通市司法局", Describe(chapter.Tasks[1].CoUnits));
        Assert.Equal([new ImportIssue(6, "（三）推进法治文化阵地建设。", "未找到责任单位")], plan.Issues);
    }

    [Fact]
    public void Enumerated_points_of_a_task_stay_in_its_text()
    {
        const string Source = """
            一、加强行政执法监督
            1.重点做好以下工作：
            （1）开展行政执法案卷评查；
            （2）开展行政执法人员培训。
            （市司法局牵头，市政府各部门配合）
            2.2026年6月底前全面推行行政执法责任制。（市司法局）
            3.5万件行政执法案卷全部纳入评查范围。
            """;

        var plan = Parser().Parse(Source);

        var tasks = Assert.Single(plan.Chapters).Tasks;
        Assert.Equal([1, 2], tasks.Select(t => t.Number));
        Assert.Equal("重点做好以下工作：（1）开展行政执法案卷评查；（2）开展行政执法人员培训。", tasks[0].Text);
        Assert.Equal("市司法局=南通市司法局", Describe(tasks[0].LeadUnits));
        Assert.Equal("市政府各部门=市政府各部门", Describe(tasks[0].CoUnits));
        Assert.Equal(2, tasks[0].SourceLine);
        // A task may start with a year; a line that starts with a decimal is not a task.
        Assert.Equal("2026年6月底前全面推行行政执法责任制。", tasks[1].Text);
        Assert.Equal([new ImportIssue(7, "3.5万件行政执法案卷全部纳入评查范围。", "未归入任何任务的文字")], plan.Issues);
    }

    [Fact]
    public void Gaps_in_numbering_are_reported_but_the_printed_numbers_kept()
    {
        const string Source = """
            一、甲
            1.任务一。（市司法局）
            2.任务二。（市司法局）
            二、乙
            3.任务三。（市司法局）
            5.任务五。（市司法局）
            四、丁
            1.任务六。（市司法局）
            """;

        var plan = Parser().Parse(Source);

        Assert.Equal([1, 2, 4], plan.Chapters.Select(c => c.Number));
        Assert.Equal([1, 2, 3, 5, 1], plan.Chapters.SelectMany(c => c.Tasks).Select(t => t.Number));
        Assert.Equal(
            [
                new ImportIssue(6, "5.任务五。（市司法局）", "任务序号不连续：上一项序号为3"),
                new ImportIssue(7, "四、丁", "部分序号不连续：上一部分序号为2"),
            ],
            plan.Issues);
    }

    [Fact]
    public void Tasks_without_chapters_go_to_an_untitled_chapter()
    {
        var plan = Parser().Parse("\uFEFF2026年法治督察工作安排\r\n\r\n1.开展年度督察。（市委依法治市办）\r\n2.开展“回头看”。（市委依法治市办）\r\n");

        Assert.Equal("2026年法治督察工作安排", plan.Title);
        var chapter = Assert.Single(plan.Chapters);
        Assert.Equal((0, string.Empty), (chapter.Number, chapter.Title));
        Assert.Equal([(1, 3), (2, 4)], chapter.Tasks.Select(t => (t.Number, t.SourceLine)));
        Assert.Empty(plan.Issues);
    }

    [Fact]
    public void Stray_lines_are_reported_not_dropped_or_glued_to_a_finished_task()
    {
        const string Source = """
            一、甲
            责任单位：市司法局
            1.任务一。（市司法局）
            以上任务请各单位认真落实。
            2.任务二。
            """;

        var plan = Parser().Parse(Source);

        Assert.Equal(["任务一。", "任务二。"], Assert.Single(plan.Chapters).Tasks.Select(t => t.Text));
        Assert.Equal(
            [
                new ImportIssue(2, "责任单位：市司法局", "责任单位行之前没有对应的任务，未导入"),
                new ImportIssue(4, "以上任务请各单位认真落实。", "未归入任何任务的文字"),
                new ImportIssue(5, "2.任务二。", "未找到责任单位"),
            ],
            plan.Issues);
    }

    [Fact]
    public void Paragraphs_run_together_on_one_line_are_split_at_their_headings_and_task_numbers()
    {
        // As a forum archive reposts a 督查 notice: every paragraph on one line, separated by a space.
        var plan = new PlanDocumentParser([], []).Parse(string.Join('\n',
            "扶余市人民政府督查室关于对全市开展农村人居环境综合整治工作专项督查的通知",
            "市直相关部门、各乡、镇（场）人民政府： 现将有关事宜通知如下： 一、重点督办事项 1.加快推进农村垃圾收储运一体化，年处理3.5万吨。（责任单位；住建局、各乡镇场） "
                + "2.全面开展整治乱搭乱建。（责任单位：国土局） 二、几点要求 1.各乡镇要主动认领，于7月17日前报告。 2.报告要做到内容翔实。"));

        var chapter = Assert.Single(plan.Chapters);
        Assert.Equal("重点督办事项", chapter.Title);
        Assert.Equal(["加快推进农村垃圾收储运一体化，年处理3.5万吨。", "全面开展整治乱搭乱建。"], chapter.Tasks.Select(t => t.Text));
        // 责任单位 with a semicolon typed for the colon is still the label.
        Assert.Equal(["住建局"], chapter.Tasks[0].LeadUnits.Select(u => u.Text));
        Assert.Equal(["各乡镇场"], chapter.Tasks[0].CoUnits.Select(u => u.Text));
        // 几点要求 is the notice's requirements, not tasks.
        Assert.Contains(plan.Issues, i => i.Text == "1.各乡镇要主动认领，于7月17日前报告。" && i.Problem.StartsWith("非任务部分", StringComparison.Ordinal));
    }

    [Fact]
    public void Instructions_numbered_like_sections_with_their_sentence_on_the_line_are_the_tasks()
    {
        var plan = Parser().Parse(string.Join('\n',
            "中山镇关于雨雪天气道路出行的通知",
            "各村党支部、镇属各单位：",
            "一、各村干部要全员上路，巡查辖区主要道路。",
            "二、各村组织群众继续清除出村道路的积雪。（市司法局）",
            "中山镇人民政府"));

        var chapter = Assert.Single(plan.Chapters);
        Assert.Equal((0, string.Empty), (chapter.Number, chapter.Title));
        Assert.Equal([(1, "各村干部要全员上路，巡查辖区主要道路。"), (2, "各村组织群众继续清除出村道路的积雪。")], chapter.Tasks.Select(t => (t.Number, t.Text)));
        Assert.Equal([Justice], chapter.Tasks[1].LeadUnits.Select(u => u.UnitId!.Value));
        // The issuer alone under a finished sentence signs the notice, with no date under it.
        Assert.Contains(new ImportIssue(5, "中山镇人民政府", "文末落款或日期，未导入"), plan.Issues);
    }

    [Theory]
    [InlineData("文件名称 | 2022年第八次县政府常务会议确定事项落实情况的通报 | ||\n索引号 | zyxzf/2022-4992 | 公开目录: | 政务督查 |\n一、总体情况\n确定事项22件。",
        "2022年第八次县政府常务会议确定事项落实情况的通报")]
    [InlineData("简体 繁体 无障碍阅读 长者模式 甘肃政府服务网-秦安\n政府信息公开\n中山镇关于雨雪天气道路出行的通知\n一、各村干部要全员上路，巡查辖区主要道路。",
        "中山镇关于雨雪天气道路出行的通知")]
    [InlineData("关于印发2022年《政府工作报告》主要任务上半年落实情况的通报\n各乡镇人民政府，县政府各部门：\n请各乡镇细化工作措施。\n附件：2022年《政府工作报告》主要任务上半年落实情况",
        "关于印发2022年《政府工作报告》主要任务上半年落实情况的通报")]
    [InlineData("镇辖区综治成员单位：\n请认真选用人员，于10月底前上报镇综治办。\n千岛湖镇综治办\n2009年9月27日", null)]
    [InlineData("盘锦市人民政府办公室关于印发《2021年市〈政府工作报告〉任务分解和责任分工方案》的通知\n各县、区人民政府：\n1.明确任务，压实责任。",
        "2021年市〈政府工作报告〉任务分解和责任分工方案")]
    [InlineData("关怀版 无障碍\n您当前所在位置: 首页 > 执行公开 > 年度重点工作进展和完成情况\n关于2023年10月份民生实事项目进展情况的通报\n访问量:\n一、总体情况",
        "关于2023年10月份民生实事项目进展情况的通报")]
    [InlineData("《中共乌当区委办公室 乌当区人民政府办公室关于征集2023年中共乌当区委 乌当区人民政府为民办“十件实事”拟建项目的公告》\n一、征集时间",
        "中共乌当区委办公室 乌当区人民政府办公室关于征集2023年中共乌当区委 乌当区人民政府为民办“十件实事”拟建项目的公告")]
    public void The_title_is_the_documents_heading_not_page_chrome_an_attachment_or_the_issuer(string source, string? title)
    {
        Assert.Equal(title, new PlanDocumentParser([], []).Parse(source).Title);
    }

    [Fact]
    public void The_numbered_names_of_attachments_are_not_tasks()
    {
        var coverOnly = Parser().Parse(string.Join('\n',
            "各镇人民政府，县政府各有关部门：",
            "现对创卫工作任务再次进行细化分解。",
            "附：1、创建国家卫生城市目标任务分解和分值责任细则.docx",
            "2、县各单位创城主要工作任务.docx",
            "盘山县人民政府办公室",
            "2016年9月8日"));
        var withTasks = Parser().Parse(string.Join('\n',
            "2026年法治督察工作安排",
            "1.开展年度督察。（市司法局）",
            "附件：1.督察计划表",
            "2.联系人名单",
            "南通市司法局",
            "2026年1月5日"));

        Assert.Null(coverOnly.Title);
        Assert.Empty(coverOnly.Chapters);
        Assert.Contains(new ImportIssue(4, "2、县各单位创城主要工作任务.docx", "文末落款或日期，未导入"), coverOnly.Issues);
        Assert.Equal(["开展年度督察。"], Assert.Single(withTasks.Chapters).Tasks.Select(t => t.Text));
        Assert.Contains(new ImportIssue(4, "2.联系人名单", "文末落款或日期，未导入"), withTasks.Issues);
    }

    [Fact]
    public void The_numbered_findings_of_a_report_are_not_tasks_but_its_items_assigning_units_are()
    {
        var plan = Parser().Parse(string.Join('\n',
            "关于第一季度全县城乡环境卫生综合整治情况督查通报",
            "各乡镇人民政府：",
            "现将督查情况通报如下：",
            "1、单位末位排名",
            "教育局 信用联社",
            "2、限期整改卫生死角。（市住建局）",
            "全域无垃圾专项治理领导小组办公室",
            "2020年4月10日"));

        var task = Assert.Single(Assert.Single(plan.Chapters).Tasks);
        Assert.Equal((2, "限期整改卫生死角。", Housing), (task.Number, task.Text, task.LeadUnits.Single().UnitId!.Value));
        Assert.Contains(new ImportIssue(4, "1、单位末位排名", "通报、公示或公告所列事项（未列责任单位），未作为任务导入"), plan.Issues);
        Assert.Contains(new ImportIssue(5, "教育局 信用联社", "通报、公示或公告所列事项（未列责任单位），未作为任务导入"), plan.Issues);

        // A 公告 asks the public: its numbered ways of sending a proposal are no task either.
        var call = Parser().Parse("雷波县人民政府关于征集2026年民生实事项目的公告\n三、项目要求\n（一）项目内容要体现普惠性。建议项目应紧扣民生需求。\n（二）实施条件要确保科学性。");
        Assert.Empty(call.Chapters);
        Assert.Contains(new ImportIssue(3, "（一）项目内容要体现普惠性。建议项目应紧扣民生需求。", "通报、公示或公告所列事项（未列责任单位），未作为任务导入"), call.Issues);
    }

    [Fact]
    public void A_text_without_any_task_says_so()
    {
        var plan = Parser().Parse("关于做好法治政府建设工作的通知\n请各单位认真落实。");

        Assert.Equal("关于做好法治政府建设工作的通知", plan.Title);
        Assert.Empty(plan.Chapters);
        Assert.Equal([new ImportIssue(0, string.Empty, "未找到部分标题或编号任务，未导入任何任务")], plan.Issues);
    }

    [Fact]
    // Its speed is a benchmark's (micro_parsenotice in benchmarks/Platform.MicroBenchmarks), not a timed unit test's.
    public void Two_hundred_tasks_in_ten_parts_parse_whole()
    {
        var builder = new StringBuilder("2026年全市法治政府建设工作要点\n");
        for (var task = 1; task <= 200; task++)
        {
            if (task % 20 == 1)
            {
                builder.Append("一二三四五六七八九十"[(task / 20) % 10]).Append("、第").Append((task / 20) + 1).Append("部分\n");
            }
            builder.Append(task).Append(".健全行政规范性文件合法性审核机制，推行审核目录清单制度，审核率达到100%。");
            builder.Append(task % 2 == 0 ? "（市司法局牵头，市政府各部门、各县（市、区）人民政府配合）\n" : "\n责任单位：市司法局、市财政局、市人力资源和社会保障局\n");
        }
        var plan = Parser().Parse(builder.ToString());

        Assert.Equal(200, plan.Chapters.Sum(c => c.Tasks.Count));
        Assert.Empty(plan.Issues);
    }

    private static PlanDocumentParser Parser() => new(Units, Groups);

    private static Guid Id(int value) => new($"00000000-0000-7000-8000-{value:D12}");

    private static UnitReference Unit(string text, Guid id) => new(text, id, null);

    private static UnitReference Group(string text, Guid id) => new(text, null, id);

    private static UnitReference Unknown(string text) => new(text, null, null);

    /// <summary>Matched more than one unit: a problem for the clerk, not a proposal to create or map.</summary>
    private static UnitReference Ambiguous(string text) => new(text, null, null, Ambiguous: true);

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name)).ReplaceLineEndings("\n");

    private static ImportIssue Issue(string source, string lineStart, string problem)
    {
        var line = LineOf(source, lineStart);
        return new ImportIssue(line, source.Split('\n')[line - 1].Trim(), problem);
    }

    /// <summary>The 1-based line that is, or else starts with, the given text; it must be the only one.</summary>
    private static int LineOf(string source, string lineStart)
    {
        var lines = source.Split('\n').Select(l => l.Trim()).ToArray();
        var exact = Enumerable.Range(0, lines.Length).Where(i => lines[i] == lineStart).ToList();
        var matches = exact.Count > 0 ? exact : Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith(lineStart, StringComparison.Ordinal)).ToList();
        return Assert.Single(matches) + 1;
    }

    private static void AssertTask(string source, ImportedTask task, int number, string text, UnitReference[] leads, UnitReference[] coUnits) =>
        AssertTask(source, task, $"{number}.", text, leads, coUnits, number);

    private static void AssertTask(string source, ImportedTask task, string lineStart, string text, UnitReference[] leads, UnitReference[] coUnits, int? number = null)
    {
        Assert.Equal(text, task.Text);
        if (number is not null)
        {
            Assert.Equal(number, task.Number);
        }
        Assert.Equal(LineOf(source, lineStart + (number is null ? string.Empty : text[..2])), task.SourceLine);
        Assert.Equal(leads, task.LeadUnits);
        Assert.Equal(coUnits, task.CoUnits);
    }

    /// <summary>text=matched name pairs, so a wrong id shows as a wrong name.</summary>
    private static string Describe(IEnumerable<UnitReference> references)
    {
        var names = Units.ToDictionary(u => u.Id, u => u.Name);
        foreach (var group in Groups)
        {
            names[group.Id] = group.Name;
        }
        return string.Join("|", references.Select(r => r.Text + "=" + ((r.UnitId ?? r.UnitGroupId) is { } id ? names[id] : "?")));
    }

    private static string Snapshot(ImportedPlan plan) => JsonSerializer.Serialize(plan);
}
