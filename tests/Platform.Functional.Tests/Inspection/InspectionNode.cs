using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Events;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Functional.Tests.Inspection;

/// <summary>An embedded node for inspection tests, with helpers that build missions the way an office does.</summary>
public sealed class InspectionNode : EmbeddedNodeFactory
{
    protected override void ConfigureNode(IWebHostBuilder builder) =>
        builder.UseSetting("Edge:RateLimit:Enabled", "false");

    public InspectionService.InspectionServiceClient Inspection => new(CreateGrpcChannel());

    public ClueIntakeService.ClueIntakeServiceClient Intake => new(CreateGrpcChannel());

    public Metadata Clerk => SliceScenario.Bearer(Tokens.OfficeStaff());

    public Metadata Operator => SliceScenario.Bearer(Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    public Metadata Observer => SliceScenario.Bearer(Tokens.Observer());

    public Metadata LiaisonOf(Guid unitId) => SliceScenario.Bearer(LiaisonToken(unitId));

    public string LiaisonToken(Guid unitId) => Tokens.Liaison(unitId, "liaison-" + unitId.ToString("N")[..8]);

    public Metadata InspectorToken(string userId) => SliceScenario.Bearer(Tokens.Issue(userId, null, PlatformRoles.Inspector));

    public static Metadata Key(string key) => new() { { "x-integrator-key", key } };

    public HttpClient Rest(string? bearer = null)
    {
        var http = CreateClient();
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return http;
    }

    public async Task<Inspector> RegisterInspectorAsync(string name, Guid? homeUnit = null, string homeUnitName = "")
    {
        var request = new RegisterInspectorRequest
        {
            Name = name,
            UserId = SliceScenario.UniqueName("insp-"),
            Expertise = { "enforcement", "legal_services" },
            HomeUnitId = homeUnit?.ToString() ?? string.Empty,
            HomeUnitName = homeUnitName,
        };
        return await Inspection.RegisterInspectorAsync(request, Clerk);
    }

    /// <summary>A planned mission on the given targets (unit id, name, region).</summary>
    public async Task<Mission> CreateMissionAsync(params (Guid Id, string Name, string Region)[] targets)
    {
        var request = new CreateMissionRequest
        {
            Title = SliceScenario.UniqueName("2026年法治政府建设专项督察"),
            Kind = "special_topic",
            Year = 2026,
            PlanEntry = "2026年度督察计划第3项",
            FocusItems = { "重大行政决策程序落实情况", "行政执法三项制度落实情况" },
            Methods = { "reports_heard", "file_checks", "interviews" },
            StartsOn = "2026-05-11",
            EndsOn = "2026-05-29",
        };
        request.Targets.AddRange(targets.Select(t => new MissionTarget { UnitId = t.Id.ToString(), UnitName = t.Name, RegionCode = t.Region }));
        return await Inspection.CreateMissionAsync(request, Clerk);
    }

    /// <summary>A mission with a team of one, moved to in_progress; returns the mission and the inspector's credentials.</summary>
    public async Task<(Mission Mission, Metadata Inspector)> MissionInProgressAsync(params (Guid Id, string Name, string Region)[] targets)
    {
        var mission = await CreateMissionAsync(targets);
        var inspector = await RegisterInspectorAsync("张督察");
        await Inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, Clerk);
        await MoveAsync(mission.Id, "notified", "in_progress");
        return (await Inspection.GetMissionAsync(new GetMissionRequest { MissionId = mission.Id }, Clerk), InspectorToken(inspector.UserId));
    }

    public async Task MoveAsync(string missionId, params string[] states)
    {
        foreach (var state in states)
        {
            await Inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = missionId, ToState = state }, Clerk);
        }
    }

    public Task<Finding> RecordAsync(string missionId, Guid unit, string title, Metadata by, string severity = "serious", string category = "行政执法") =>
        Inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = missionId,
            ResponsibleUnitId = unit.ToString(),
            Title = title,
            Description = title + "：具体情况见检查记录。",
            Location = "执法案卷室",
            Category = category,
            Severity = severity,
        }, by).ResponseAsync;

    /// <summary>A registered integrator's key.</summary>
    public async Task<string> RegisterIntegratorAsync(params string[] sources)
    {
        var registered = await Inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = SliceScenario.UniqueName("12345热线平台-"), AllowedSources = { sources } }, Operator);
        return registered.Key;
    }

    /// <summary>The events of the given type in inspection's outbox, oldest first.</summary>
    public async Task<List<T>> OutboxEventsAsync<T>()
        where T : IIntegrationEvent
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionDbContext>();
        var typeName = Platform.BuildingBlocks.Outbox.EventTypeRegistry.WireNameOf(typeof(T));
        var payloads = await db.OutboxMessages.Where(m => m.MessageType == typeName)
            .OrderBy(m => m.OccurredAt).Select(m => m.Payload).ToListAsync();
        return payloads.Select(p => JsonSerializer.Deserialize<T>(p, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
    }

    public static (Guid Id, string Name, string Region) NewUnit(string name, string region = "320602") =>
        (Guid.CreateVersion7(), SliceScenario.UniqueName(name), region);
}
