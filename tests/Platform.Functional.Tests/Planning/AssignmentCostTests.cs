using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Planning;

/// <summary>
/// What one AssignTask costs the database (issue 18): a group of 2,000 units took up to 10.6 s,
/// most of it two statistics statements per unit inside the write transaction.
/// </summary>
[Collection(PlanningNodeCollection.Name)]
public sealed class AssignmentCostTests(PlanningNode node)
{
    [Fact]
    public async Task Assigning_a_task_to_a_group_updates_its_statistics_in_one_statement_and_counts_every_unit()
    {
        node.SetToday(2026, 9, 1);
        var units = new List<Unit>();
        for (var i = 0; i < 30; i++)
        {
            units.Add(await node.CreateUnitAsync($"海门区第{i}局"));
        }
        var group = await node.Planning.CreateUnitGroupAsync(
            new CreateUnitGroupRequest { Name = SliceScenario.UniqueName("海门区各部门"), UnitIds = { units.Select(u => u.Id) } }, node.Clerk);
        var request = new CreatePlanRequest { Title = SliceScenario.UniqueName("海门区要点"), Year = 2026 };
        request.Tasks.Add(new NewTask { Title = "推进严格规范公正文明执法", Deadline = "2026-12-31", UnitGroupIds = { group.Id } });
        var plan = await node.Planning.CreatePlanAsync(request, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);

        using var statements = new StatementsAbout("plan_statistics", plan.Id);
        var assigned = await node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id, UnitGroupId = group.Id }, node.Clerk);

        Assert.Equal(30, assigned.Assignments.Count);
        // 30 unit rows and the chapter's stripes: one upsert, where there were two statements per row (62).
        Assert.Equal(1, statements.Count);
        var statistics = await node.Planning.GetPlanStatisticsAsync(new GetPlanStatisticsRequest { PlanId = plan.Id }, node.Clerk);
        Assert.Equal(30, statistics.Totals.Assigned);
        Assert.Equal(30, statistics.ByUnit.Count);
        Assert.All(statistics.ByUnit, row => Assert.Equal(1, row.Assigned));
        // The chapter's count is spread over stripes by unit and read back as one row.
        Assert.Equal(30, Assert.Single(statistics.ByChapter).Assigned);
    }

    /// <summary>Counts the SQL statements the node runs on a table with a parameter equal to one id (other tests' statements name other ids).</summary>
    private sealed class StatementsAbout : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _table;
        private readonly string _id;
        private readonly IDisposable _all;
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];
        private int _count;

        public StatementsAbout(string table, string id)
        {
            _table = table;
            _id = id;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Names(data.Command))
            {
                Interlocked.Increment(ref _count);
            }
        }

        private bool Names(DbCommand command) =>
            command.CommandText.Contains(_table, StringComparison.Ordinal)
            && command.Parameters.Cast<DbParameter>().Any(p => string.Equals(p.Value?.ToString(), _id, StringComparison.OrdinalIgnoreCase));

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
