using System.Text;

namespace Platform.Planning.Benchmark;

public sealed record SampleUnit(int Number, string Name, string ShortName, string Kind, string RegionCode);

/// <summary>
/// The generated province: the 13 cities of Jiangsu, each with its government and departments,
/// then numbered bureaus (南通市第0123号局) until the requested count; and a key-points notice
/// whose tasks name those units.
/// </summary>
public static class SampleData
{
    public const string GroupName = "全省各单位";

    private static readonly (string Code, string Name)[] Cities =
    [
        ("320100", "南京市"), ("320200", "无锡市"), ("320300", "徐州市"), ("320400", "常州市"), ("320500", "苏州市"),
        ("320600", "南通市"), ("320700", "连云港市"), ("320800", "淮安市"), ("320900", "盐城市"), ("321000", "扬州市"),
        ("321100", "镇江市"), ("321200", "泰州市"), ("321300", "宿迁市"),
    ];

    private static readonly string[] Departments =
    [
        "司法局", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "财政局",
        "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
        "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
        "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "数据局", "信访局", "行政审批局", "体育局",
        "国有资产监督管理委员会", "机关事务管理局", "民族宗教事务局",
    ];

    private static readonly (string Title, string[] Tasks)[] Chapters =
    [
        ("深入学习贯彻习近平法治思想",
        [
            "将习近平法治思想纳入各级理论学习中心组年度学习计划，全年开展专题学习不少于2次",
            "健全党政主要负责人履行推进法治建设第一责任人职责清单制度，年底前实现年终述法全覆盖",
            "组织开展法治政府建设示范创建活动，培育一批可复制可推广的先进典型",
            "落实国家工作人员学法用法制度，完成年度网上学法考试，参考率达到100%",
            "开展“八五”普法规划终期评估，总结推广普法依法治理经验做法",
            "推进法治文化阵地建设，每个县级行政区至少建成1个法治文化公园",
            "落实“谁执法谁普法”普法责任制，编制并公布年度普法责任清单",
            "开展领导干部应知应会法律法规清单学习，推动领导干部带头尊法学法守法用法",
        ]),
        ("健全依法行政制度体系",
        [
            "严格落实重大行政决策程序规定，编制并向社会公布年度重大行政决策事项目录",
            "加强行政规范性文件合法性审核，审核率达到100%，备案审查及时率达到100%",
            "开展涉及营商环境的地方性法规、政府规章和行政规范性文件专项清理",
            "健全政府立法项目征集论证机制，完善立法后评估制度",
            "推进政府法律顾问和公职律师工作全覆盖，充分发挥其在重大决策中的参谋作用",
            "完善行政规范性文件动态清理机制，及时修改或废止不适应改革要求的文件",
            "建立健全重大行政决策后评估制度，选择不少于2项重大决策开展后评估",
            "全面推行行政许可事项清单管理，清单之外一律不得违法实施行政许可",
        ]),
        ("推进严格规范公正文明执法",
        [
            "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度",
            "开展行政执法质量提升行动，组织行政执法案卷评查，评查覆盖率达到100%",
            "推行包容审慎监管，动态调整不予处罚、从轻处罚和减轻处罚事项清单",
            "规范涉企行政检查，推行“综合查一次”，减少重复检查和多头检查",
            "深化综合行政执法体制改革，推进执法力量向基层下沉",
            "加强行政执法人员资格管理，组织开展全员轮训，年度培训不少于60学时",
            "健全行政执法和刑事司法衔接机制，完善案件移送标准和程序",
            "推进行政执法监督与12345政务服务便民热线协同联动，及时回应群众诉求",
        ]),
        ("强化行政权力制约和监督",
        [
            "健全行政复议案件审理机制，发挥行政复议化解行政争议主渠道作用",
            "落实行政机关负责人出庭应诉制度，出庭应诉率保持100%",
            "支持人民法院依法受理和审理行政案件，认真执行人民法院生效裁判",
            "推进政务公开标准化规范化建设，依法依规做好政府信息依申请公开工作",
            "自觉接受人大监督、民主监督和司法监督，认真办理人大代表建议和政协委员提案",
            "加强审计监督，推动审计发现问题整改到位",
            "完善行政执法协调监督工作体系，开展行政执法突出问题专项监督",
            "健全政务诚信建设长效机制，开展政府机构失信问题专项治理",
        ]),
        ("加强法治政府建设组织保障",
        [
            "按时报送法治政府建设年度报告，并于每年3月底前通过门户网站向社会公开",
            "将法治建设成效纳入政绩考核指标体系，考核权重不低于4%",
            "开展法治政府建设督察，对问题突出的地区和部门进行约谈",
            "加强法治工作队伍建设，推进法治专门队伍正规化专业化职业化",
            "推进数字法治政府建设，加快行政执法监督平台推广应用",
            "健全法治政府建设统计指标体系，定期开展数据分析和研判",
            "加强法治政府建设理论研究，推出一批高质量研究成果",
            "总结推广法治政府建设经验，组织开展法治政府建设典型案例评选",
        ]),
    ];

    public static IReadOnlyList<SampleUnit> Units(int count)
    {
        var units = new List<SampleUnit>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, city) = Cities[i % Cities.Length];
            var slot = i / Cities.Length;
            var number = i + 1;
            units.Add(slot switch
            {
                0 => new SampleUnit(number, $"{city}人民政府", $"{city}政府", "政府", code),
                _ when slot <= Departments.Length => new SampleUnit(number, city + Departments[slot - 1], "市" + Departments[slot - 1], "部门", code),
                _ => new SampleUnit(number, $"{city}第{number:0000}号局", $"市第{number:0000}号局", "部门", code),
            });
        }
        return units;
    }

    public static byte[] UnitsCsv(IReadOnlyList<SampleUnit> units)
    {
        var csv = new StringBuilder("名称,简称,类型,行政区划代码,分组\n");
        foreach (var unit in units)
        {
            csv.Append(unit.Name).Append(',').Append(unit.ShortName).Append(',').Append(unit.Kind).Append(',')
                .Append(unit.RegionCode).Append(',').Append(GroupName).Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static string PlanTitle(int year) => $"{year}年全省法治政府建设工作要点";

    /// <summary>
    /// A notice of <paramref name="taskCount"/> tasks numbered through the whole text, spread over at
    /// most five chapters; each task ends with its lead unit(s) and the province-wide group.
    /// </summary>
    public static string PlanDocument(int year, int taskCount, IReadOnlyList<SampleUnit> units)
    {
        var text = new StringBuilder();
        text.Append(PlanTitle(year)).Append('\n');
        text.Append("为深入贯彻落实习近平法治思想和党中央、国务院关于法治政府建设的决策部署，扎实推进").Append(year)
            .Append("年全省法治政府建设各项工作，现提出如下工作要点。\n");
        var chapterCount = Math.Min(Chapters.Length, taskCount);
        var number = 0;
        for (var c = 0; c < chapterCount; c++)
        {
            text.Append(ChineseDigit(c + 1)).Append('、').Append(Chapters[c].Title).Append('\n');
            var inChapter = (taskCount / chapterCount) + (c < taskCount % chapterCount ? 1 : 0);
            for (var t = 0; t < inChapter; t++)
            {
                number++;
                var lead = units[(number - 1) * 53 % units.Count].Name;
                var leads = number % 4 == 0 && units.Count > 1 ? $"{lead}、{units[((number - 1) * 53 + 1) % units.Count].Name}" : lead;
                text.Append(number).Append(". ").Append(Chapters[c].Tasks[t % Chapters[c].Tasks.Length])
                    .Append("。（").Append(leads).Append("牵头，").Append(GroupName).Append("配合）\n");
            }
        }
        text.Append("江苏省委全面依法治省委员会办公室\n");
        text.Append(year).Append("年2月10日\n");
        return text.ToString();
    }

    /// <summary>About a hundred characters of a unit's progress report.</summary>
    public static string ReportText(Random random, bool final)
    {
        var (meetings, checks, fixes) = (random.Next(2, 9), random.Next(3, 30), random.Next(5, 120));
        return final
            ? $"本单位已全面完成该项任务。全年召开专题会议{meetings}次，开展专项检查{checks}次，发现并整改问题{fixes}个，" +
              "相关制度文件均已印发实施，工作台账和佐证材料已整理归档，现申请办结，请予审核。"
            : $"本单位高度重视该项任务，召开专题会议研究部署，制定落实方案，明确责任分工和完成时限。截至目前，已召开推进会{meetings}次，" +
              $"开展专项检查{checks}次，发现并整改问题{fixes}个，各项工作按计划有序推进。下一步将加强督促指导，确保按期完成。";
    }

    private static string ChineseDigit(int number) => "一二三四五六七八九"[number - 1].ToString();
}
