using System.Text.RegularExpressions;

namespace Platform.WebConsole.Api;

/// <summary>
/// The one place where the API's English words become the console's Chinese: the names of the fields the API
/// names in its errors, and the descriptions its validators write (the rules of RequestValidator and RequestRules
/// in the building blocks, and the date rules of the handlers). A description no rule knows is shown as the API
/// wrote it: a person must see every problem, even in English.
/// </summary>
public static partial class ApiText
{
    /// <summary>Chinese names of the proto fields the API names in its errors.</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["adjustment"] = "调整分值", ["alias"] = "别名", ["all_units"] = "全部单位", ["attachments"] = "附件", ["attendance"] = "出勤",
        ["attendee_ids"] = "参加人员", ["audience"] = "发送范围", ["body"] = "正文", ["category"] = "类别", ["change"] = "变动",
        ["child_node_ids"] = "下级节点", ["child_region_code"] = "下级行政区划代码", ["comment"] = "意见", ["content"] = "内容",
        ["create"] = "新建单位", ["credential_id"] = "执法证件", ["current_password"] = "当前密码", ["date"] = "日期",
        ["deadline"] = "完成期限", ["deadline_from"] = "期限起始日", ["deadline_to"] = "期限截止日", ["decision"] = "决定",
        ["description"] = "描述", ["display_name"] = "姓名", ["duties"] = "述法职务", ["email"] = "电子邮箱", ["ends_on"] = "结束日期",
        ["enrolment_code"] = "登记码", ["evaluation"] = "评议", ["evidence"] = "佐证材料", ["evidence_files"] = "佐证文件",
        ["expertise"] = "专业领域", ["expires_on"] = "有效期至", ["file"] = "文件", ["file_name"] = "文件名", ["findings"] = "问题",
        ["focus_items"] = "重点事项", ["form"] = "报告表", ["forms"] = "报告表", ["from"] = "起始时间", ["granted_deadline"] = "批准的期限",
        ["home_unit_id"] = "所在单位", ["hours"] = "学时", ["indicator_code"] = "指标", ["inspector_ids"] = "督察组成员",
        ["issued_on"] = "发证日期", ["item_id"] = "整改事项", ["kind"] = "类型", ["leader_inspector_id"] = "组长",
        ["level"] = "层级", ["link_id"] = "联通关系", ["location"] = "地点", ["look_back_mission_id"] = "回头看任务",
        ["measures"] = "整改措施", ["methods"] = "方式", ["milestones"] = "阶段目标", ["mission_id"] = "督察任务",
        ["mobile"] = "手机号码", ["name"] = "名称", ["new_deadline"] = "新期限", ["new_password"] = "新密码", ["note"] = "说明",
        ["number"] = "证号", ["page_size"] = "每页条数", ["page_token"] = "页码", ["parent_address"] = "上级节点地址",
        ["parent_certificate_thumbprint"] = "上级证书指纹", ["pass_mark"] = "合格分数", ["password"] = "密码", ["percent"] = "完成进度",
        ["person_id"] = "人员", ["plan_entry"] = "整改方案", ["plan_id"] = "计划", ["position"] = "职务", ["post_kind"] = "岗位类别",
        ["questions"] = "题目", ["rank"] = "职级", ["rating"] = "等次", ["reason"] = "理由", ["received_task_id"] = "接收的任务",
        ["region_code"] = "行政区划代码", ["region_codes"] = "行政区划", ["repeat_password"] = "重复新密码",
        ["reporting_rule"] = "报送规则", ["requested_deadline"] = "申请延至", ["responsible_person"] = "责任人",
        ["responsible_unit_id"] = "责任单位", ["roles"] = "角色", ["score"] = "分数", ["severity"] = "问题等级",
        ["short_name"] = "简称", ["sort"] = "排序", ["starts_on"] = "开始日期", ["status"] = "状态", ["summary"] = "总结",
        ["taken_on"] = "考试日期", ["targets"] = "对象单位", ["task_id"] = "任务", ["task_ids"] = "任务", ["tasks"] = "任务",
        ["term_start"] = "任职起始日", ["text"] = "内容", ["title"] = "标题", ["topic"] = "主题", ["unit_id"] = "单位",
        ["unit_ids"] = "单位", ["until"] = "截止时间", ["user_id"] = "账号", ["user_name"] = "用户名", ["year"] = "年度",
    };

    /// <summary>
    /// A field path as the API writes it (<c>tasks[2].deadline</c>) in Chinese (<c>任务第3项·完成期限</c>);
    /// a name not known is kept.
    /// </summary>
    public static string Field(string path)
    {
        var parts = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return string.Join("·", parts.Select(part =>
        {
            var match = IndexedName().Match(part);
            if (!match.Success)
            {
                return FieldNames.GetValueOrDefault(part, part);
            }
            var name = FieldNames.GetValueOrDefault(match.Groups["name"].Value, match.Groups["name"].Value);
            return $"{name}第{int.Parse(match.Groups["index"].Value) + 1}项";
        }));
    }

    private static readonly (Regex Pattern, Func<Match, string> Chinese)[] Descriptions =
    [
        (Rule("must not be empty; expected a date as YYYY-MM-DD"), _ => "必须填写日期（年-月-日）"),
        (Rule("must not be empty"), _ => "必须填写"),
        (Rule(@"must be at most (\d+) characters, got (\d+)"), m => $"最多 {m.Groups[1]} 个字，现有 {m.Groups[2]} 个字"),
        (Rule(@"must not contain the invisible or control character (U\+[0-9A-F]+)"), m => $"不能含有不可见字符或控制字符（{m.Groups[1]}）"),
        (Rule(@"must not contain the control character (U\+[0-9A-F]+)"), m => $"不能含有控制字符（{m.Groups[1]}）"),
        (Rule("is not valid Unicode text"), _ => "含有无法识别的字符"),
        (Rule(@"must have at most (\d+) items, got (\d+)"), m => $"最多 {m.Groups[1]} 项，现有 {m.Groups[2]} 项"),
        (Rule(@"brings the lists of this request to (\d+) items in all; at most (\d+) are accepted"), m => $"本次提交的各项列表共 {m.Groups[1]} 项，最多 {m.Groups[2]} 项"),
        (Rule(@"'(.*)' is not a valid id"), m => $"“{m.Groups[1]}”不是有效的编号"),
        (Rule("is not a valid id"), _ => "不是有效的编号"),
        (Rule(@"'(.*)' is not a date; expected YYYY-MM-DD"), m => $"“{m.Groups[1]}”不是日期，应为 年-月-日"),
        (Rule(@"must be between (-?\d+) and (-?\d+), got (-?\d+)"), m => $"须在 {m.Groups[1]} 至 {m.Groups[2]} 之间，现为 {m.Groups[3]}"),
        (Rule(@"must be one of:? ([a-z0-9_\-]+(?:, [a-z0-9_\-]+)*)"), m => $"不是可选的值（可选：{m.Groups[1]}）"),
        (Rule(@"must be after today \((\d{4}-\d{2}-\d{2})\), got (\d{4}-\d{2}-\d{2})"), m => $"须晚于今天（{Date(m.Groups[1])}），现为 {Date(m.Groups[2])}"),
        (Rule(@"must not be in the past, got (\d{4}-\d{2}-\d{2})"), m => $"不能早于今天，现为 {Date(m.Groups[1])}"),
        (Rule(@"must be after ([a-z_.]+) \((\d{4}-\d{2}-\d{2})\), got (\d{4}-\d{2}-\d{2})"), m => $"须晚于{Field(m.Groups[1].Value)}（{Date(m.Groups[2])}），现为 {Date(m.Groups[3])}"),
        (Rule(@"must be after ([a-z_.]+)"), m => $"须晚于{Field(m.Groups[1].Value)}"),
        (Rule(@"must not be before ([a-z_.]+) (\d{4}-\d{2}-\d{2})"), m => $"不能早于{Field(m.Groups[1].Value)}（{Date(m.Groups[2])}）"),
        (Rule(@"must not be before ([a-z_.]+)"), m => $"不能早于{Field(m.Groups[1].Value)}"),
        (Rule("is not a token returned by a previous call"), _ => "翻页标记已失效，请重新查询"),
        // The handlers' rules a person meets most in the console: region codes, deadlines, reasons.
        (Rule(@"must be a six-digit GB/T 2260 division code, for example (\d{6})"), m => $"须为 6 位行政区划代码（GB/T 2260），如 {m.Groups[1]}"),
        (Rule(@"'(.*)' is not a six-digit GB/T 2260 code"), m => $"“{m.Groups[1]}”不是 6 位行政区划代码（GB/T 2260）"),
        (Rule(@"must be after the current deadline (\d{4}-\d{2}-\d{2})"), m => $"须晚于现在的期限（{Date(m.Groups[1])}）"),
        (Rule("may be given only when approving the request"), _ => "仅在同意延期时填写"),
        (Rule("must say why the request is refused"), _ => "不同意时须说明理由"),
        (Rule("must say why an issued plan's task changes"), _ => "已下发计划的任务调整须说明理由"),
        (Rule("give a new title or a new deadline"), _ => "请填写新的标题或新的期限"),
        (Rule(@"give a deadline \(YYYY-MM-DD\) or a reporting_rule"), _ => "请填写完成期限，或选择报送规则"),
        (Rule(@"must name one or more of: ([a-z_]+(?:, [a-z_]+)*)"), m => $"须选择以下一项或多项：{Roles(m.Groups[1].Value)}"),
        (Rule(@"conflict of interest: (.+) works for (.+), a target of this mission"), m => $"须回避：{m.Groups[1]}在本次督察的对象单位{m.Groups[2]}工作"),
        // Whole-request refusals (a status's detail, not a field's), which the console shows in its banner.
        (Rule(@"This action needs one of the roles: ([a-z_]+(?:, [a-z_]+)*)\."), m => $"此操作需要以下角色之一：{Roles(m.Groups[1].Value)}"),
        (Rule(@".+ does not exist or is not visible to the caller\."), _ => "该记录不存在，或您无权查看"),
        (Rule(@"Mission is planned without a team; form the team before notifying the targets\."), _ => "督察任务尚未组建督察组：请先组建督察组，再通知被督察单位"),
        (Rule(@"The contact directory has no units yet; add contacts or name the units\."), _ => "通讯录中还没有单位：请先添加联系人，或指明发送的单位"),
    ];

    /// <summary>A validator's description in Chinese; one no rule knows comes back as it is.</summary>
    public static string Description(string description)
    {
        var trimmed = description.Trim();
        foreach (var (pattern, chinese) in Descriptions)
        {
            if (pattern.Match(trimmed) is { Success: true } match)
            {
                return chinese(match);
            }
        }
        return description;
    }

    private static Regex Rule(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static string Date(Group isoDate) => ChinaTime.Date(isoDate.Value);

    private static string Roles(string codes) => Accounts.AccountText.RoleNames(codes.Split(", "));

    [GeneratedRegex(@"^(?<name>[a-z_]+)\[(?<index>\d{1,6})\]$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexedName();
}
