namespace Platform.Notification.Module.Features.Documents;

/// <summary>A kind of official document: its name, its 文号 prefix and its default template.</summary>
public sealed record DocumentKind(string Kind, string Name, string NumberPrefix, string DefaultTitle, string DefaultBody, IReadOnlyList<string> Placeholders);

/// <summary>The documents the node issues, with the seeded default templates (operators edit them).</summary>
public static class DocumentKinds
{
    private static readonly string[] Common = ["unit_name", "issuer", "date", "document_number"];
    private static readonly string[] ItemFields = [.. Common, "title", "deadline", "reason", "severity"];
    private static readonly string[] BulletinFields = [.. Common, "title", "body"];
    private static readonly string[] MissionFields = [.. Common, "mission_title", "mission_kind", "focus_items", "starts_on", "ends_on"];

    public const string UrgeNotice = "urge_notice";
    public const string SupervisionLetter = "supervision_letter";
    public const string InterviewNotice = "interview_notice";
    public const string ListedSupervisionNotice = "listed_supervision_notice";
    public const string CriticismBulletin = "criticism_bulletin";
    public const string ReferralLetter = "referral_letter";
    public const string MissionNotice = "mission_notice";
    public const string CommendationBulletin = "commendation_bulletin";
    public const string SituationBulletin = "situation_bulletin";
    public const string Briefing = "briefing";
    public const string SpecialReport = "special_report";

    public static readonly IReadOnlyList<DocumentKind> All =
    [
        new(UrgeNotice, "催办通知", "催", "关于督促加快{{title}}整改进度的催办通知",
            "你单位整改事项“{{title}}”（问题等级：{{severity}}）整改期限为{{deadline}}，目前整改进度滞后。{{reason}}\n请你单位高度重视，切实履行整改主体责任，加快推进整改，并于收到本通知后5个工作日内书面报送整改进展情况。",
            [.. ItemFields]),
        new(SupervisionLetter, "督办函", "函", "关于{{title}}整改工作的督办函",
            "经催办，你单位整改事项“{{title}}”仍未按期完成整改（整改期限：{{deadline}}）。{{reason}}\n根据法治督察工作有关规定，现予督办。请你单位主要负责人亲自研究部署，逐项落实整改措施，于收到本函后10个工作日内将整改落实情况书面报送我办。",
            [.. ItemFields]),
        new(InterviewNotice, "约谈通知", "谈", "关于约谈{{unit_name}}主要负责人的通知",
            "你单位整改事项“{{title}}”经催办、督办仍未整改到位。{{reason}}\n经研究，决定约谈你单位主要负责人。请你单位主要负责人按通知要求准时参加约谈，并就整改不力的原因和下一步整改措施作出说明。",
            [.. ItemFields]),
        new(ListedSupervisionNotice, "挂牌督办通知", "挂", "关于对{{title}}实行挂牌督办的通知",
            "你单位整改事项“{{title}}”整改不力。{{reason}}\n经研究，决定对该事项实行挂牌督办，限你单位于{{deadline}}前整改到位，整改期间每周报送一次进展情况，整改完成后报请验收销号。",
            [.. ItemFields]),
        new(CriticismBulletin, "通报批评", "通", "关于对{{unit_name}}整改工作不力的通报",
            "{{unit_name}}对法治督察反馈问题“{{title}}”整改不力，经催办、督办、约谈后仍未整改到位。{{reason}}\n为严肃督察纪律，经研究，决定对{{unit_name}}予以通报批评。各单位要引以为戒，举一反三，切实抓好督察问题整改。",
            [.. ItemFields]),
        new(ReferralLetter, "移送函", "移", "关于移送{{unit_name}}整改不力问题线索的函",
            "{{unit_name}}整改事项“{{title}}”经多次督办仍未整改到位。{{reason}}\n根据有关规定，现将该问题线索及相关材料移送你委，请依规依纪依法处理。\n附：整改事项办理记录\n{{file}}",
            [.. ItemFields, "file"]),
        new(MissionNotice, "督察通知", "察", "关于开展{{mission_title}}的通知",
            "根据年度法治督察工作计划，我办定于{{starts_on}}至{{ends_on}}对你单位开展{{mission_kind}}（{{mission_title}}）。督察重点：\n{{focus_items}}\n请你单位做好自查和配合工作，如实提供有关情况和材料。",
            [.. MissionFields]),
        new(CommendationBulletin, "表扬通报", "通", "{{title}}", "{{body}}", [.. BulletinFields]),
        new(SituationBulletin, "情况通报", "通", "{{title}}", "{{body}}", [.. BulletinFields]),
        new(Briefing, "简报", "简", "{{title}}", "{{body}}", [.. BulletinFields]),
        new(SpecialReport, "专报", "专", "{{title}}", "{{body}}", [.. BulletinFields]),
    ];

    public static readonly IReadOnlyDictionary<string, DocumentKind> ByKind = All.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>The escalation step of a rectification item and the document it issues; the reminder step issues none.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByEscalationStep = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["urge"] = UrgeNotice,
        ["supervision_letter"] = SupervisionLetter,
        ["interview"] = InterviewNotice,
        ["listed_supervision"] = ListedSupervisionNotice,
        ["public_criticism"] = CriticismBulletin,
        ["referral"] = ReferralLetter,
    };

    /// <summary>Kinds an office sends as a bulletin (SendBulletin).</summary>
    public static readonly IReadOnlyDictionary<string, string> Bulletins = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CommendationBulletin] = CommendationBulletin,
        [SituationBulletin] = SituationBulletin,
        [Briefing] = Briefing,
        [SpecialReport] = SpecialReport,
    };
}
