namespace Platform.Assessment.Module.Domain;

/// <summary>The kind of post (岗位类别) that decides who must report on duty and at which level.</summary>
public enum PostKind
{
    /// <summary>党政主要负责人: the Party secretary and head of government of a region.</summary>
    PartyGovernmentHead,

    /// <summary>班子成员: other members of the leading group.</summary>
    TeamMember,

    /// <summary>部门主要负责人: the head of a department.</summary>
    DepartmentHead,

    /// <summary>乡镇(街道)主要负责人: the head of a township or sub-district.</summary>
    TownshipHead,

    /// <summary>执法人员: enforcement staff.</summary>
    EnforcementOfficer,

    /// <summary>其他.</summary>
    Other,
}
