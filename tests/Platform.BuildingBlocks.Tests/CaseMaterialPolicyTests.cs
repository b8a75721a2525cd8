using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Xunit;

namespace Platform.BuildingBlocks.Tests;

/// <summary>The one rule for case material, caller by caller.</summary>
public sealed class CaseMaterialPolicyTests
{
    private static readonly Guid UnitA = Guid.CreateVersion7();
    private static readonly Guid UnitB = Guid.CreateVersion7();

    private static PlatformUser User(Guid? unit, params string[] roles) =>
        new("u1", "u1", "node", "320600", unit, roles.ToHashSet(StringComparer.Ordinal));

    [Theory]
    [InlineData(PlatformRoles.OfficeStaff, true, true, true)]
    [InlineData(PlatformRoles.Observer, true, true, true)]
    [InlineData(PlatformRoles.Inspector, false, true, false)]
    [InlineData(PlatformRoles.UnitLiaison, false, false, true)]
    [InlineData(PlatformRoles.Leader, false, false, true)]
    [InlineData(PlatformRoles.NodeOperator, false, false, false)]
    [InlineData(PlatformRoles.Auditor, false, false, false)]
    public void Who_reads_a_fed_back_finding_of_unit_a(string role, bool offTeam, bool onTeam, bool ownUnit)
    {
        var caller = User(UnitA, role);
        Assert.Equal(offTeam, CaseMaterialPolicy.CanRead(caller, new CaseFacts(UnitB, FedBack: true, CallerOnTeam: false)));
        Assert.Equal(onTeam, CaseMaterialPolicy.CanRead(caller, new CaseFacts(UnitB, FedBack: true, CallerOnTeam: true)));
        Assert.Equal(ownUnit, CaseMaterialPolicy.CanRead(caller, new CaseFacts(UnitA, FedBack: true, CallerOnTeam: false)));
    }

    [Fact]
    public void A_unit_reads_its_finding_only_once_fed_back_and_a_unit_role_without_a_unit_reads_nothing()
    {
        Assert.False(CaseMaterialPolicy.CanRead(User(UnitA, PlatformRoles.UnitLiaison), new CaseFacts(UnitA, FedBack: false, CallerOnTeam: false)));
        Assert.Equal(CaseReach.None, CaseMaterialPolicy.ReachOf(User(null, PlatformRoles.UnitLiaison)));
    }

    [Fact]
    public void Several_roles_reach_the_union()
    {
        var both = User(UnitA, PlatformRoles.Inspector, PlatformRoles.Leader);
        Assert.Equal(CaseReach.TeamMissions | CaseReach.OwnUnit, CaseMaterialPolicy.ReachOf(both));
        Assert.True(CaseMaterialPolicy.CanRead(both, new CaseFacts(UnitB, FedBack: true, CallerOnTeam: true)));
        Assert.True(CaseMaterialPolicy.CanRead(both, new CaseFacts(UnitA, FedBack: true, CallerOnTeam: false)));
        Assert.Equal(CaseReach.Everything, CaseMaterialPolicy.ReachOf(User(null, PlatformRoles.NodeOperator, PlatformRoles.OfficeStaff)));
    }

    [Fact]
    public void Unit_filters_keep_a_unit_to_itself_and_refuse_who_reads_no_case()
    {
        Assert.Equal(UnitA, CaseMaterialPolicy.UnitFilter(User(UnitA, PlatformRoles.UnitLiaison), null));
        Assert.Throws<PermissionDeniedException>(() => CaseMaterialPolicy.UnitFilter(User(UnitA, PlatformRoles.UnitLiaison), UnitB));
        Assert.Equal(UnitB, CaseMaterialPolicy.UnitFilter(User(null, PlatformRoles.Observer), UnitB));
        Assert.Null(CaseMaterialPolicy.UnitFilter(User(null, PlatformRoles.Inspector), null));
        Assert.Throws<PermissionDeniedException>(() => CaseMaterialPolicy.UnitFilter(User(null, PlatformRoles.Inspector), null, byTeam: false));
        Assert.Throws<PermissionDeniedException>(() => CaseMaterialPolicy.UnitFilter(User(null, PlatformRoles.NodeOperator), null));
        Assert.Throws<PermissionDeniedException>(() => CaseMaterialPolicy.RequireReader(User(null, PlatformRoles.Auditor)));
    }
}
