using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The walking-skeleton slice as a user performs it: an office clerk creates a unit and a
/// plan with one task and assigns the task; the unit's liaison reads the inbox. The same
/// steps run against the embedded node and against the distributed node's gateway.
/// </summary>
public sealed class SliceScenario(TestTokens tokens)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<(Contracts.Planning.V1.Unit Unit, Assignment Assignment)> AssignThroughGrpcAsync(GrpcChannel channel)
    {
        var planning = new PlanningService.PlanningServiceClient(channel);
        var clerk = Bearer(tokens.OfficeStaff());
        var unit = await planning.CreateUnitAsync(
            new CreateUnitRequest { Name = UniqueName("南通市司法局"), ShortName = "市司法局", Kind = "department", RegionCode = "320600" },
            clerk);
        var plan = await planning.CreatePlanAsync(
            new CreatePlanRequest
            {
                Title = "2026年法治政府建设工作要点",
                Year = 2026,
                Tasks = { new NewTask { Title = "健全重大行政决策程序制度，落实公众参与、专家论证", Deadline = "2026-12-31" } },
            },
            clerk);
        Assert.Equal("draft", plan.Status);
        var task = Assert.Single(plan.Tasks);
        Assert.Equal(1, task.Number);
        Assert.Equal("issued", (await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk)).Status);

        var assignment = Assert.Single((await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id, UnitId = unit.Id }, clerk)).Assignments);
        Assert.Equal(unit.Id, assignment.UnitId);
        Assert.Equal("assigned", assignment.Status);
        Assert.Equal("clerk", assignment.AssignedBy);

        var stored = await planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id, IncludeAssignments = true }, clerk);
        Assert.Equal(unit.Id, Assert.Single(Assert.Single(stored.Tasks).Assignments).UnitId);
        return (unit, assignment);
    }

    /// <summary>The whole slice over gRPC: the assignment reaches the unit's inbox.</summary>
    public async Task RunOverGrpcAsync(GrpcChannel channel)
    {
        var (unit, assignment) = await AssignThroughGrpcAsync(channel);
        var notification = new NotificationService.NotificationServiceClient(channel);
        var liaison = Bearer(tokens.Liaison(Guid.Parse(unit.Id)));
        var message = await Eventually.GetAsync(
            async () => (await notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.Id, Kind = "task_assigned" }, liaison)).Messages.FirstOrDefault(),
            DeliveryTimeout,
            "the TaskAssigned message in the unit's inbox");
        Assert.Equal("task_assigned", message.Kind);
        Assert.Equal(assignment.TaskId, message.SubjectId);
        Assert.Contains("健全重大行政决策程序制度", message.Title);
        Assert.Contains("2026年12月31日", message.Body);
        Assert.Contains(unit.Name, message.Body);
    }

    /// <summary>The whole slice over REST (JSON transcoding).</summary>
    public async Task RunOverRestAsync(HttpClient http)
    {
        var clerk = tokens.OfficeStaff();
        var unit = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/units", clerk,
            new { name = UniqueName("如东县人民政府"), shortName = "如东县", kind = "government", regionCode = "320623" });
        var unitId = unit.GetProperty("id").GetString()!;
        var plan = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/plans", clerk,
            new { title = "2026年依法治县工作要点", year = 2026, tasks = new[] { new { title = "开展行政执法案卷评查", deadline = "2026-10-15" } } });
        var taskId = plan.GetProperty("tasks")[0].GetProperty("id").GetString()!;
        await SendAsync(http, HttpMethod.Post, $"/api/planning/v1/plans/{plan.GetProperty("id").GetString()}:issue", clerk, new { });
        await SendAsync(http, HttpMethod.Post, $"/api/planning/v1/tasks/{taskId}/assignments", clerk, new { unitId });

        var liaison = tokens.Liaison(Guid.Parse(unitId));
        var message = await Eventually.GetAsync(
            async () =>
            {
                var inbox = await SendAsync(http, HttpMethod.Get, $"/api/notification/v1/units/{unitId}/inbox?kind=task_assigned", liaison, null);
                return inbox.GetProperty("messages").EnumerateArray().Select(m => (JsonElement?)m).FirstOrDefault() is { } found
                    ? new Box<JsonElement>(found)
                    : null;
            },
            DeliveryTimeout,
            "the TaskAssigned message in the unit's inbox (REST)");
        Assert.Equal("task_assigned", message.Value.GetProperty("kind").GetString());
        Assert.Equal(taskId, message.Value.GetProperty("subjectId").GetString());
        Assert.Contains("2026年10月15日", message.Value.GetProperty("body").GetString());
    }

    /// <summary>Empty title, a deadline that is not a date, an unknown unit: InvalidArgument naming each field.</summary>
    public async Task RejectsInvalidInputOverGrpcAsync(GrpcChannel channel)
    {
        var planning = new PlanningService.PlanningServiceClient(channel);
        var clerk = Bearer(tokens.OfficeStaff());

        var error = await Assert.ThrowsAsync<RpcException>(() => planning.CreatePlanAsync(
            new CreatePlanRequest { Title = " ", Year = 2026, Tasks = { new NewTask { Title = "任务", Deadline = "2026-02-30" } } },
            clerk).ResponseAsync);
        AssertBadRequest(error, "title", "tasks[0].deadline");

        error = await Assert.ThrowsAsync<RpcException>(() => planning.CreatePlanAsync(
            new CreatePlanRequest { Title = "要点", Year = 2026, Tasks = { new NewTask { Title = "任务", Deadline = "next Friday" } } },
            clerk).ResponseAsync);
        AssertBadRequest(error, "tasks[0].deadline");

        var plan = await planning.CreatePlanAsync(
            new CreatePlanRequest { Title = "要点", Year = 2026, Tasks = { new NewTask { Title = "任务", Deadline = "2026-06-30" } } }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        error = await Assert.ThrowsAsync<RpcException>(() => planning.AssignTaskAsync(
            new AssignTaskRequest { TaskId = plan.Tasks[0].Id, UnitId = Guid.CreateVersion7().ToString() }, clerk).ResponseAsync);
        AssertBadRequest(error, "unit_id");

        error = await Assert.ThrowsAsync<RpcException>(() => planning.AssignTaskAsync(
            new AssignTaskRequest { TaskId = "not-an-id", UnitId = "unit-1", Role = "boss" }, clerk).ResponseAsync);
        AssertBadRequest(error, "task_id", "unit_id", "role");

        // Nothing half-done was stored: the plan still has its one unassigned task.
        var stored = await planning.GetPlanAsync(new GetPlanRequest { PlanId = plan.Id, IncludeAssignments = true }, clerk);
        Assert.Empty(Assert.Single(stored.Tasks).Assignments);
    }

    public async Task RejectsInvalidInputOverRestAsync(HttpClient http)
    {
        var clerk = tokens.OfficeStaff();
        using var response = await SendRawAsync(http, HttpMethod.Post, "/api/planning/v1/plans", clerk,
            new { title = "", year = 2026, tasks = new[] { new { title = "任务", deadline = "31/12/2026" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)StatusCode.InvalidArgument, body.GetProperty("code").GetInt32());
        var fields = body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray()
            .Select(v => v.GetProperty("field").GetString()).ToList();
        Assert.Equal(["title", "tasks[0].deadline"], fields);

        // A body that cannot be read, or names a field the request does not have: 400 naming where, not a dropped field.
        foreach (var (json, field, hint) in new[]
                 {
                     ("{\"title\":\"要点\",\"year\":2026,", "body", "line 1, position 30"),
                     ("{\"title\":\"要点\",\"year\":2026,\"tasks\":[{\"title\":\"任务\",\"deadline\":\"2026-12-31\",\"owner\":\"x\"}]}", "tasks[0].owner", "not a field"),
                 })
        {
            using var raw = new HttpRequestMessage(HttpMethod.Post, "/api/planning/v1/plans")
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            };
            raw.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clerk);
            using var unreadable = await http.SendAsync(raw);
            Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
            var violation = Assert.Single((await unreadable.Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray());
            Assert.Equal(field, violation.GetProperty("field").GetString());
            Assert.Contains(hint, violation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        var plan = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/plans", clerk,
            new { title = "要点", year = 2026, tasks = new[] { new { title = "任务", deadline = "2026-12-31" } } });
        await SendAsync(http, HttpMethod.Post, $"/api/planning/v1/plans/{plan.GetProperty("id").GetString()}:issue", clerk, new { });
        var taskId = plan.GetProperty("tasks")[0].GetProperty("id").GetString();
        using var unknownUnit = await SendRawAsync(http, HttpMethod.Post, $"/api/planning/v1/tasks/{taskId}/assignments", clerk,
            new { unitId = Guid.CreateVersion7().ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, unknownUnit.StatusCode);
        Assert.Contains("unit_id", await unknownUnit.Content.ReadAsStringAsync());
    }

    /// <summary>No token or a bad token: Unauthenticated. A liaison at another unit's inbox, or creating a plan: PermissionDenied.</summary>
    public async Task EnforcesIdentityOverGrpcAsync(GrpcChannel channel)
    {
        var planning = new PlanningService.PlanningServiceClient(channel);
        var notification = new NotificationService.NotificationServiceClient(channel);
        var request = new CreatePlanRequest { Title = "要点", Year = 2026 };

        foreach (var headers in new[] { new Metadata(), Bearer(tokens.Forged()), Bearer(tokens.Expired()), Bearer("not-a-jwt") })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => planning.CreatePlanAsync(request, headers).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }

        var (unit, _) = await AssignThroughGrpcAsync(channel);
        var otherLiaison = Bearer(tokens.Liaison(Guid.CreateVersion7(), "other-liaison"));
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.Id }, otherLiaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        denied = await Assert.ThrowsAsync<RpcException>(() => planning.CreatePlanAsync(request, otherLiaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    public async Task EnforcesIdentityOverRestAsync(HttpClient http)
    {
        using var anonymous = await SendRawAsync(http, HttpMethod.Get, "/api/planning/v1/units", null, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var forged = await SendRawAsync(http, HttpMethod.Get, "/api/planning/v1/units", tokens.Forged(), null);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        using var foreign = await SendRawAsync(http, HttpMethod.Get, $"/api/notification/v1/units/{Guid.CreateVersion7()}/inbox",
            tokens.Liaison(Guid.CreateVersion7()), null);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    public static void AssertBadRequest(RpcException error, params string[] fields)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        var badRequest = status!.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(fields, badRequest!.FieldViolations.Select(v => v.Field).ToArray());
        foreach (var field in fields)
        {
            Assert.Contains(field, error.Status.Detail);
        }
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body)
    {
        using var response = await SendRawAsync(http, method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient http, HttpMethod method, string path, string? token, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return http.SendAsync(request);
    }

    private sealed record Box<T>(T Value);
}
