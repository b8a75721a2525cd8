using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Functional.Tests.Planning;

/// <summary>
/// Runs one write of "someone else" just before the next save of planning's database, after the
/// request has read what it changes: the race two people lose against each other, made certain.
/// </summary>
public sealed class RacingWrite : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private Func<Task>? _write;

    public void Before(Func<Task> write) => _write = write;

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunAsync();
        return result;
    }

    // Planning opens its own transaction (for the statistics) before saving; the other write goes first.
    public async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
        System.Data.Common.DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await RunAsync();
        return result;
    }

    private async Task RunAsync()
    {
        if (Interlocked.Exchange(ref _write, null) is { } write)
        {
            await write();
        }
    }
}

/// <summary>A planning node whose next save can be made to lose a race.</summary>
public sealed class RacingPlanningNode : PlanningNode
{
    public RacingWrite Race { get; } = new();

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        base.ConfigureNode(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqlitePlanningDbContext>((_, db) => db.AddInterceptors(Race));
            // The racing write runs while the losing request already holds the file's write gate (taken before
            // BEGIN, just ahead of the race's turn): it waits out the gate's MaxWait and then writes without it.
            // A second instead of 30 keeps the race certain without each test waiting half a minute.
            services.Replace(ServiceDescriptor.Singleton(new SqliteWriteGate { MaxWait = TimeSpan.FromSeconds(1) }));
        });
    }

    /// <summary>Another user's change to the assignment, committed between our read and our save.</summary>
    public Task BumpAssignmentAsync(string assignmentId) => InScopeAsync(db =>
        db.Assignments.Where(a => a.Id == Guid.Parse(assignmentId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, a => a.Version + 1)));

    private async Task InScopeAsync(Func<PlanningDbContext, Task> write)
    {
        await using var scope = Services.CreateAsyncScope();
        await write(scope.ServiceProvider.GetRequiredService<PlanningDbContext>());
    }
}

/// <summary>Saves that lose a race answer Aborted or AlreadyExists with words for the caller, over gRPC and REST; never Internal.</summary>
public sealed class ConflictTests(RacingPlanningNode node) : IClassFixture<RacingPlanningNode>
{
    [Fact]
    public async Task Accepting_an_assignment_someone_changed_meanwhile_is_aborted_over_grpc_and_rest()
    {
        node.SetToday(2026, 9, 1);
        var unit = await node.CreateUnitAsync("南通市司法局");
        var assignment = await AssignAsync(unit);

        node.Race.Before(() => node.BumpAssignmentAsync(assignment.Id));
        var lost = await Assert.ThrowsAsync<RpcException>(() => node.Planning.AcceptAssignmentAsync(
            new AcceptAssignmentRequest { AssignmentId = assignment.Id }, node.LiaisonOf(unit.Id)).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, lost.StatusCode);
        Assert.Equal("The assignment was changed by someone else meanwhile; reload it and try again.", lost.Status.Detail);

        node.Race.Before(() => node.BumpAssignmentAsync(assignment.Id));
        using var response = await PostAsync($"/api/planning/v1/assignments/{assignment.Id}:accept", "{}", node.Tokens.Liaison(Guid.Parse(unit.Id), "liaison-rest"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.Aborted, body.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("reload it and try again", body.RootElement.GetProperty("message").GetString());

        // Reloaded, the same step goes through.
        var accepted = await node.Planning.AcceptAssignmentAsync(new AcceptAssignmentRequest { AssignmentId = assignment.Id }, node.LiaisonOf(unit.Id));
        Assert.Equal("accepted", accepted.Status);
    }

    [Fact]
    public async Task A_unit_created_twice_at_once_answers_already_exists_naming_it_over_grpc_and_rest()
    {
        var name = SliceScenario.UniqueName("南通市财政局");
        node.Race.Before(() => node.Planning.CreateUnitAsync(new CreateUnitRequest { Name = name, Kind = "department", RegionCode = "320600" }, node.Clerk).ResponseAsync);
        var lost = await Assert.ThrowsAsync<RpcException>(() => node.Planning.CreateUnitAsync(
            new CreateUnitRequest { Name = name, Kind = "department", RegionCode = "320600" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, lost.StatusCode);
        Assert.Equal($"A unit named '{name}' already exists on this node.", lost.Status.Detail);

        var groupName = SliceScenario.UniqueName("市政府各部门");
        node.Race.Before(() => node.Planning.CreateUnitGroupAsync(new CreateUnitGroupRequest { Name = groupName }, node.Clerk).ResponseAsync);
        using var response = await PostAsync("/api/planning/v1/unit-groups", JsonSerializer.Serialize(new { name = groupName }), node.Tokens.OfficeStaff());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)StatusCode.AlreadyExists, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal($"A unit group named '{groupName}' already exists on this node.", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_task_assigned_to_a_unit_twice_at_once_answers_already_exists()
    {
        node.SetToday(2026, 9, 1);
        var unit = await node.CreateUnitAsync("南通市教育局");
        var task = await IssuedTaskAsync(unit);
        node.Race.Before(() => node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id, UnitId = unit.Id }, node.Clerk).ResponseAsync);
        var lost = await Assert.ThrowsAsync<RpcException>(() =>
            node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id, UnitId = unit.Id }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, lost.StatusCode);
        Assert.Equal($"The task is already assigned to {unit.Name}.", lost.Status.Detail);
        Assert.Single((await node.Planning.ListAssignmentsAsync(new ListAssignmentsRequest { TaskId = task.Id }, node.Clerk)).Assignments);
    }

    private async Task<PlanTask> IssuedTaskAsync(Unit unit)
    {
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = SliceScenario.UniqueName("2026年法治政府建设工作要点"),
            Year = 2026,
            Tasks = { new NewTask { Title = "健全重大行政决策程序制度", Deadline = "2026-12-31", LeadUnitIds = { unit.Id } } },
        }, node.Clerk);
        await node.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Clerk);
        return plan.Tasks[0];
    }

    private async Task<Assignment> AssignAsync(Unit unit)
    {
        var task = await IssuedTaskAsync(unit);
        return (await node.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id, UnitId = unit.Id }, node.Clerk)).Assignments[0];
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await node.CreateClient().SendAsync(request);
    }
}
