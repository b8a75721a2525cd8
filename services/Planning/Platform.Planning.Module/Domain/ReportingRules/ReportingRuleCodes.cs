namespace Platform.Planning.Module.Domain.ReportingRules;

/// <summary>Codes of the rules shipped in reporting-rules.json (苏政办发〔2014〕94号, 三(一) 限期报告制度).</summary>
public static class ReportingRuleCodes
{
    /// <summary>重要会议、重要文件: report on implementation within 30 days.</summary>
    public const string MeetingOrDocument = "meeting_or_document";

    /// <summary>年度重点工作: quarterly progress reports on 15 July, 15 October and 15 January.</summary>
    public const string AnnualKeyWorkQuarterly = "annual_key_work_quarterly";

    /// <summary>领导批示交办: done and reported within 30 days; extension requested before the deadline.</summary>
    public const string LeaderInstruction = "leader_instruction";

    /// <summary>人大代表建议、政协提案: answer within 3 months, report completion within 20 days after.</summary>
    public const string NpcCppccProposal = "npc_cppcc_proposal";
}
