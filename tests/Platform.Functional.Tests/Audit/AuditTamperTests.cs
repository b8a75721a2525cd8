using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Platform.Contracts.Audit.V1;
using Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Audit;

/// <summary>
/// Someone with access to the database edits, deletes or inserts audit rows; verification names
/// the first broken entry and the signed checkpoint it fails against. Each test has a node of its own.
/// </summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private const string Store = "rectification";

    private readonly AuditNode _node = new();

    /// <summary>The checkpoints the node signed before the tampering.</summary>
    private List<long> _checkpoints = [];

    private long _head;

    private List<RectificationItem> _items = [];

    public async Task InitializeAsync()
    {
        // Two rounds of work, each sealed, so the chain has more than one signed checkpoint.
        await _node.DeliverFindingsAsync("行政许可超期办理", "执法记录仪未使用");
        await _node.SealAsync();
        var items = await _node.DeliverFindingsAsync("罚没款未及时上缴", "执法人员无证执法");
        _items = items;
        foreach (var item in items)
        {
            await _node.Rectification.AssignResponsibilityAsync(new AssignResponsibilityRequest { ItemId = item.Id, ResponsiblePerson = "陈科长" }, _node.Clerk);
        }
        var clean = await VerifyAsync();
        Assert.True(clean.Intact, clean.FirstBreak?.Description);
        await using var db = _node.Store(Store);
        _checkpoints = await db.Checkpoints.OrderBy(c => c.Sequence).Select(c => c.Sequence).ToListAsync();
        _head = await db.Entries.MaxAsync(e => e.Sequence) ?? 0;
        Assert.True(_checkpoints.Count >= 2, $"expected two checkpoints, got {_checkpoints.Count}");
        Assert.True(_head >= 10, $"expected at least ten entries, got {_head}");
    }

    public Task DisposeAsync()
    {
        _node.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_edited_entry_is_named_with_the_checkpoint_it_fails_against_by_the_rpc_and_the_command()
    {
        await Sql("""UPDATE audit_entries SET "UserId" = 'clerk-innocent' WHERE "Sequence" = 3""");

        var broken = await VerifyAsync();
        Assert.False(broken.Intact);
        Assert.Equal((3L, "edited", FirstCheckpointFrom(3)), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
        Assert.StartsWith(Store + ":", broken.FirstBreak.EntryId, StringComparison.Ordinal);

        var command = AuditCommand.TryParse(["audit", "verify", "--service", Store], out var rest)!;
        Assert.Empty(rest);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(3, await command.RunAsync(_node.Services, output, error));
        Assert.Contains($"{Store}: BROKEN at entry 3 ({broken.FirstBreak.EntryId}): edited:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"fails against checkpoint {FirstCheckpointFrom(3)}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        await Sql("""DELETE FROM audit_entries WHERE "Sequence" = 5""");

        var broken = await VerifyAsync();
        Assert.Equal((5L, "deleted", FirstCheckpointFrom(5)), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
        Assert.Contains("entry 5 is missing", broken.FirstBreak.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_caught_by_the_last_checkpoint()
    {
        var last = _checkpoints[^1];
        await Sql($"""DELETE FROM audit_entries WHERE "Sequence" >= {last - 1}""");

        var broken = await VerifyAsync();
        Assert.Equal((last - 1, "deleted", last), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
    }

    [Fact]
    public async Task An_inserted_entry_is_named()
    {
        await Sql($"""
            INSERT INTO audit_entries ("RecordedAt", "NodeId", "Service", "UserId", "ClientAddress", "Action", "Operation", "EntityType", "EntityId", "Detail", "Sequence", "PreviousHash", "Hash")
            VALUES (0, 'func-test', 'rectification', 'clerk-innocent', '', 'system', 'delete', 'rectification_items', 'x', '', {_head + 1}, '{new string('a', 64)}', '{new string('b', 64)}')
            """);

        var broken = await VerifyAsync();
        Assert.Equal((_head + 1, "inserted", 0L), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
    }

    [Fact]
    public async Task Swapping_two_entries_is_named()
    {
        // Two rows exchange their places (sequence and links): each row still hashes, the order does not.
        await using (var db = _node.Store(Store))
        {
            var rows = await db.Entries.Where(e => e.Sequence == 6 || e.Sequence == 7).OrderBy(e => e.Sequence).ToListAsync();
            await Sql($"""UPDATE audit_entries SET "Sequence" = -1 WHERE "Position" = {rows[0].Position}""");
            await Sql($"""UPDATE audit_entries SET "Sequence" = 6 WHERE "Position" = {rows[1].Position}""");
            await Sql($"""UPDATE audit_entries SET "Sequence" = 7 WHERE "Position" = {rows[0].Position}""");
        }

        var broken = await VerifyAsync();
        Assert.Equal((6L, "reordered", FirstCheckpointFrom(6)), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
        Assert.Contains("was chained as entry 7", broken.FirstBreak.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_recomputed_after_an_edit_fails_against_the_signed_checkpoint()
    {
        // Whoever knows the hash function can rebuild every link after an edit; only the signed checkpoint shows it.
        await RecomputeChainAfterAnEditAsync();

        var broken = await VerifyAsync();
        Assert.Equal((1L, "edited", _checkpoints[0]), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
        Assert.Contains($"between entries 1 and {_checkpoints[0]}", broken.FirstBreak.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_checkpoints_of_a_recomputed_chain_is_refused_by_the_sealer_and_named_by_verify()
    {
        await RecomputeChainAfterAnEditAsync();
        await Sql("""DELETE FROM audit_checkpoints""");
        // A new entry for the sealer: it must not sign the forged chain.
        await _node.Rectification.GetItemAsync(new GetItemRequest { ItemId = _items[0].Id }, _node.Clerk);

        var broken = await VerifyAsync();
        Assert.False(broken.Intact);
        Assert.Equal(("checkpoints removed", 1L), (broken.FirstBreak.Problem, broken.FirstBreak.Sequence));
        Assert.Contains($"checkpoint {_checkpoints.Count} (entry {_head}) was signed", broken.FirstBreak.Description, StringComparison.Ordinal);
        Assert.Contains("checkpoints removed", broken.SealerRefusal, StringComparison.Ordinal);
        Assert.Contains($"store {Store}", broken.SealerRefusal, StringComparison.Ordinal);
        Assert.True(broken.UnsealedEntries > 0);
        await using var db = _node.Store(Store);
        Assert.Equal(0, await db.Checkpoints.CountAsync());
    }

    [Fact]
    public async Task The_node_keeps_its_last_checkpoint_in_a_file_outside_the_database()
    {
        var options = _node.Services.GetRequiredService<IOptions<AuditOptions>>();
        Assert.True(File.Exists(options.Value.AnchorFile), options.Value.AnchorFile);
        // As a restarted node reads it.
        var anchor = new AuditAnchors(options).Get(Store);
        Assert.Equal((_checkpoints.Count, _head), (anchor?.Number ?? 0, anchor?.Sequence ?? 0));
    }

    [Fact]
    public async Task Verify_holds_the_chain_to_a_checkpoint_an_auditor_kept()
    {
        var clean = await VerifyAsync();
        Assert.Equal(_checkpoints.Count, clean.LastCheckpointNumber);
        var kept = new ExpectedCheckpoint { Service = Store, Number = clean.LastCheckpointNumber, CheckpointHash = clean.LastCheckpointHash };
        Assert.True((await VerifyAsync(kept)).Intact);

        var other = await VerifyAsync(new ExpectedCheckpoint { Service = Store, Number = clean.LastCheckpointNumber, CheckpointHash = new string('d', 64) });
        Assert.Equal(("checkpoint", _head), (other.FirstBreak.Problem, other.FirstBreak.Sequence));

        var later = await VerifyAsync(new ExpectedCheckpoint { Service = Store, Number = clean.LastCheckpointNumber + 3, CheckpointHash = new string('d', 64) });
        Assert.Equal("checkpoints removed", later.FirstBreak.Problem);
    }

    [Fact]
    public async Task An_unsealed_row_inserted_in_the_database_is_refused_by_the_sealer()
    {
        // Without the entry key, a row that looks like a service's is not one: its MAC does not fit.
        await Sql("""
            INSERT INTO audit_entries ("RecordedAt", "NodeId", "Service", "UserId", "ClientAddress", "Action", "Operation", "EntityType", "EntityId", "Detail")
            VALUES (0, 'func-test', 'rectification', 'clerk-innocent', '', 'system', 'delete', 'rectification_items', 'x', '')
            """);

        var refused = await VerifyAsync();
        Assert.False(refused.Intact);
        Assert.Contains("was not appended by a service", refused.SealerRefusal, StringComparison.Ordinal);
        Assert.Equal(1, refused.UnsealedEntries);
        await using var db = _node.Store(Store);
        Assert.Equal(_head, await db.Entries.MaxAsync(e => e.Sequence));
    }

    [Fact]
    public async Task Entries_appended_by_the_services_carry_a_mac_the_database_does_not_hold()
    {
        await using var db = _node.Store(Store);
        var entries = await db.Entries.ToListAsync();
        var key = _node.Services.GetRequiredService<AuditEntryKey>().Key!;
        Assert.All(entries, e => Assert.Equal(AuditEntryMac.Compute(key, e), e.Mac));
    }

    private async Task RecomputeChainAfterAnEditAsync()
    {
        await using (var db = _node.Store(Store))
        {
            var rows = await db.Entries.Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ToListAsync();
            rows[1].UserId = "clerk-innocent";
            var previous = AuditChain.Genesis;
            foreach (var row in rows)
            {
                row.PreviousHash = previous;
                row.Hash = AuditChain.HashOf(row, row.Sequence!.Value, previous);
                previous = row.Hash;
            }
            foreach (var row in rows)
            {
                await Sql($"""UPDATE audit_entries SET "UserId" = '{row.UserId}', "PreviousHash" = '{row.PreviousHash}', "Hash" = '{row.Hash}' WHERE "Position" = {row.Position}""");
            }
        }
    }

    [Fact]
    public async Task A_checkpoint_not_signed_by_the_node_is_refused()
    {
        var first = _checkpoints[0];
        await Sql($"""UPDATE audit_checkpoints SET "Hash" = '{new string('c', 64)}' WHERE "Sequence" = {first}""");

        var broken = await VerifyAsync();
        Assert.Equal((first, "checkpoint", first), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
    }

    [Fact]
    public async Task Every_seal_pass_signs_a_checkpoint_so_cutting_the_tail_is_caught()
    {
        // The head is signed: no chained entry lies after the last checkpoint, so none can be cut unseen.
        Assert.Equal(_head, _checkpoints[^1]);
        await Sql($"""DELETE FROM audit_entries WHERE "Sequence" > {_checkpoints[^2]}""");

        var broken = await VerifyAsync();
        Assert.Equal((_checkpoints[^2] + 1, "deleted", _checkpoints[^1]), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
    }

    [Fact]
    public async Task Checkpoints_are_numbered_from_one_and_each_signs_the_one_before()
    {
        await using var db = _node.Store(Store);
        var checkpoints = await db.Checkpoints.OrderBy(c => c.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, checkpoints.Count).Select(n => (long)n), checkpoints.Select(c => c.Number));
        Assert.Equal(AuditChain.Genesis, checkpoints[0].PreviousCheckpointHash);
        Assert.Equal(AuditChain.CheckpointHash(checkpoints[0]), checkpoints[1].PreviousCheckpointHash);
    }

    [Fact]
    public async Task A_removed_checkpoint_is_named()
    {
        await Sql("""DELETE FROM audit_checkpoints WHERE "Number" = 1""");

        var broken = await VerifyAsync();
        Assert.Equal((_checkpoints[1], "checkpoints removed", _checkpoints[1]), (broken.FirstBreak.Sequence, broken.FirstBreak.Problem, broken.FirstBreak.CheckpointSequence));
        Assert.Contains("checkpoint number 1 is missing", broken.FirstBreak.Description, StringComparison.Ordinal);
    }

    private long FirstCheckpointFrom(long sequence) => _checkpoints.First(c => c >= sequence);

    private async Task<Contracts.Audit.V1.StoreVerification> VerifyAsync(ExpectedCheckpoint? expected = null)
    {
        var request = new VerifyChainRequest { Service = Store };
        if (expected is not null)
        {
            request.Expected.Add(expected);
        }
        var result = await _node.Audit.VerifyChainAsync(request, _node.Auditor);
        return Assert.Single(result.Stores);
    }

    private async Task Sql(string sql)
    {
        await using var db = _node.Store(Store);
        Assert.True(await db.Database.ExecuteSqlRawAsync(sql) > 0, "the tampering changed no row: " + sql);
    }
}
