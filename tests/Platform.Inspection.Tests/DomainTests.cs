using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Inspection.Module.Domain;

namespace Platform.Inspection.Tests;

public sealed class MissionStateMachineTests
{
    private static readonly Audit Stamp = new("clerk", DateTimeOffset.UnixEpoch, "test");

    private static Mission NewMission(bool withTeam = true)
    {
        var mission = Mission.Plan("专项督察", MissionKinds.SpecialTopic, 2026, "", [new MissionTarget { UnitId = Guid.NewGuid(), UnitName = "某局" }],
            [], [InspectionMethods.FileChecks], new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), Stamp);
        if (withTeam)
        {
            mission.FormTeam([new TeamMember { InspectorId = Guid.NewGuid(), UserId = "u1", Name = "甲", IsLeader = true }], Stamp);
        }
        return mission;
    }

    [Fact]
    public void Each_state_allows_exactly_the_next_one()
    {
        var mission = NewMission();
        string[] path = [MissionStates.Notified, MissionStates.InProgress, MissionStates.Reporting, MissionStates.FeedbackGiven, MissionStates.Closed];
        foreach (var next in path)
        {
            Assert.Equal([next], mission.AllowedNextStates);
            mission.MoveTo(next, Stamp);
            Assert.Equal(next, mission.State);
        }
        Assert.Empty(mission.AllowedNextStates);
    }

    [Theory]
    [InlineData(MissionStates.InProgress)]
    [InlineData(MissionStates.Closed)]
    [InlineData(MissionStates.Planned)]
    public void A_skipped_or_backward_state_is_refused_with_the_allowed_ones_named(string target)
    {
        var mission = NewMission();
        var error = Assert.Throws<PreconditionFailedException>(() => mission.MoveTo(target, Stamp));
        Assert.Equal($"Mission is planned; it cannot move to {target}. Allowed next states: notified.", error.Message);
        Assert.Equal(MissionStates.Planned, mission.State);
    }

    [Fact]
    public void A_mission_without_a_team_is_not_notified()
    {
        var mission = NewMission(withTeam: false);
        Assert.Throws<PreconditionFailedException>(() => mission.MoveTo(MissionStates.Notified, Stamp));
    }

    [Fact]
    public void Every_change_moves_the_version_and_the_audit()
    {
        var mission = NewMission();
        var before = mission.Version;
        var later = Stamp with { UserId = "other", At = Stamp.At.AddHours(1) };
        mission.MoveTo(MissionStates.Notified, later);
        Assert.Equal(before + 1, mission.Version);
        Assert.Equal(later, mission.Updated);
        Assert.Equal(Stamp, mission.Created);
    }
}

public sealed class ClueTests
{
    [Fact]
    public void The_duplicate_key_ignores_spacing_punctuation_and_width()
    {
        var a = Clue.KeyOf(null, "南通市 市场监管局", "行政许可", "食品经营许可，审批超时！");
        var b = Clue.KeyOf(null, "南通市市场监管局", "行政许可", "食品经营许可审批超时");
        var c = Clue.KeyOf(null, "南通市市场监管局", "行政许可", "ＡＢＣ食品经营许可审批超时");
        Assert.Equal(a, b);
        Assert.Equal(Clue.KeyOf(null, "南通市市场监管局", "行政许可", "abc食品经营许可审批超时"), c);
        Assert.NotEqual(a, Clue.KeyOf(null, "南通市市场监管局", "政务公开", "食品经营许可审批超时"));
    }

    [Fact]
    public void A_unit_id_wins_over_the_unit_name()
    {
        var unit = Guid.NewGuid();
        Assert.Equal(Clue.KeyOf(unit, "甲局", "", "事项"), Clue.KeyOf(unit, "乙局", "", "事项"));
    }

    [Fact]
    public void A_triaged_clue_cannot_be_triaged_again_nor_a_merged_one_split()
    {
        var stamp = new Audit("clerk", DateTimeOffset.UnixEpoch, "test");
        var clue = Clue.Receive(Guid.NewGuid(), "web", "1", DateTimeOffset.UnixEpoch, "事项", "", "", null, "某局", null, stamp);
        clue.Close("不属督察范围", stamp);
        Assert.Throws<PreconditionFailedException>(() => clue.AssignToUnit(Guid.NewGuid(), "某局", stamp));

        var primary = Clue.Receive(Guid.NewGuid(), "web", "2", DateTimeOffset.UnixEpoch, "事项", "", "", null, "某局", null, stamp);
        var copy = Clue.Receive(Guid.NewGuid(), "phone", "3", DateTimeOffset.UnixEpoch, "事项", "", "", null, "某局", null, stamp);
        var group = Guid.NewGuid();
        primary.JoinGroup(group);
        copy.JoinGroup(group);
        copy.MergeInto(primary, stamp);
        Assert.Equal((ClueStatuses.Merged, primary.Id), (copy.Status, copy.MergedIntoClueId));
        Assert.Throws<PreconditionFailedException>(() => copy.Split(stamp));
    }
}

public sealed class IntegratorTests
{
    private static readonly Audit Stamp = new("operator", DateTimeOffset.UnixEpoch, "test");
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private static readonly DateTimeOffset Soon = DateTimeOffset.UnixEpoch.AddDays(1);

    [Fact]
    public void The_key_verifies_and_only_a_hash_is_kept()
    {
        var (integrator, key) = Integrator.Register("12345热线", ["hotline_12345"], Lifetime, Stamp);
        Assert.True(Integrator.TryParseKey(key, out var id, out var secret));
        Assert.Equal(integrator.Id, id);
        Assert.True(integrator.Verifies(secret, Soon));
        Assert.False(integrator.Verifies(secret + "x", Soon));
        Assert.False(integrator.Verifies(secret, DateTimeOffset.UnixEpoch + Lifetime));
        Assert.DoesNotContain(secret, Convert.ToBase64String(integrator.SecretHash));
        Assert.Equal(32, integrator.SecretHash.Length);
    }

    [Fact]
    public void Two_registrations_never_share_a_secret_or_a_salt()
    {
        var (first, firstKey) = Integrator.Register("甲", ["web"], Lifetime, Stamp);
        var (second, secondKey) = Integrator.Register("乙", ["web"], Lifetime, Stamp);
        Assert.NotEqual(firstKey.Split('.')[1], secondKey.Split('.')[1]);
        Assert.NotEqual(first.Salt, second.Salt);
    }

    [Fact]
    public void A_revoked_key_no_longer_verifies()
    {
        var (integrator, key) = Integrator.Register("信访", ["petition"], Lifetime, Stamp);
        integrator.Revoke(Stamp);
        Assert.False(integrator.Verifies(key.Split('.')[1], Soon));
        Assert.Throws<PreconditionFailedException>(() => integrator.Revoke(Stamp));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("not-a-guid.secret")]
    [InlineData("0195f0b2c3d44e5f8a9b0c1d2e3f4a5b.")]
    public void Malformed_keys_are_not_parsed(string? key) =>
        Assert.False(Integrator.TryParseKey(key, out _, out _));
}
