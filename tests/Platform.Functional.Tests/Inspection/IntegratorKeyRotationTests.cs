using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Inspection.V1;
using Platform.Functional.Tests.Production;

namespace Platform.Functional.Tests.Inspection;

/// <summary>
/// One node for <see cref="IntegratorKeyRotationTests"/>, on a clock the tests move forward only: each test registers its
/// own integrator and reads its keys' ages from its own registration, so a later test is not disturbed by the days an
/// earlier one moved on.
/// </summary>
public sealed class IntegratorKeyNode : IDisposable
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public ConfiguredNodeFactory Node { get; }

    public IntegratorKeyNode() =>
        Node = new ConfiguredNodeFactory(
            "Development",
            new Dictionary<string, string?>
            {
                ["Edge:RateLimit:Enabled"] = "false",
                ["Inspection:Integrators:KeyLifetime"] = "90.00:00:00",
                ["Inspection:Integrators:RotationGracePeriod"] = "2.00:00:00",
            },
            services => services.AddSingleton<TimeProvider>(Clock));

    public void Dispose() => Node.Dispose();
}

/// <summary>Integrator keys expire, and rotate under the same integrator with a grace period for the old key.</summary>
public sealed class IntegratorKeyRotationTests(IntegratorKeyNode fixture) : IClassFixture<IntegratorKeyNode>
{
    private readonly FakeTimeProvider _clock = fixture.Clock;
    private readonly ConfiguredNodeFactory _node = fixture.Node;

    private InspectionService.InspectionServiceClient Inspection => new(_node.CreateGrpcChannel());

    // Token lifetimes are checked on the real clock; the moved clock ages the integrator keys.
    private Metadata Operator => SliceScenario.Bearer(_node.Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

    [Fact]
    public async Task A_key_expires_after_its_lifetime()
    {
        var registered = await RegisterAsync();
        Assert.Equal(_clock.GetUtcNow().AddDays(90), DateTimeOffset.Parse(registered.Integrator.KeyExpiresAt, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCode.OK, await IntakeAsync(registered.Key));

        _clock.Advance(TimeSpan.FromDays(90));
        Assert.Equal(StatusCode.Unauthenticated, await IntakeAsync(registered.Key));
    }

    [Fact]
    public async Task A_grace_period_out_of_range_is_an_invalid_argument_naming_the_range()
    {
        var registered = await RegisterAsync();
        foreach (var hours in new[] { 2_000_000_000, 721, -1 })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Inspection.RotateIntegratorKeyAsync(
                new RotateIntegratorKeyRequest { IntegratorId = registered.Integrator.Id, GraceHours = hours }, Operator).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains("between 0 and 720", error.Status.Detail);
        }
        Assert.Equal(StatusCode.OK, await IntakeAsync(registered.Key));
    }

    [Fact]
    public async Task Rotation_keeps_the_integrator_and_the_old_key_works_for_the_grace_period_only()
    {
        var registered = await RegisterAsync();
        var rotated = await Inspection.RotateIntegratorKeyAsync(new RotateIntegratorKeyRequest { IntegratorId = registered.Integrator.Id }, Operator);
        Assert.Equal(registered.Integrator.Id, rotated.Integrator.Id);
        Assert.Equal(registered.Integrator.Name, rotated.Integrator.Name);
        Assert.NotEqual(registered.Key, rotated.Key);
        Assert.NotEmpty(rotated.Integrator.PreviousKeyExpiresAt);

        Assert.Equal(StatusCode.OK, await IntakeAsync(registered.Key));
        Assert.Equal(StatusCode.OK, await IntakeAsync(rotated.Key));

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(StatusCode.Unauthenticated, await IntakeAsync(registered.Key));
        Assert.Equal(StatusCode.OK, await IntakeAsync(rotated.Key));

        // A second rotation with no grace cuts the replaced key off at once.
        var again = await Inspection.RotateIntegratorKeyAsync(new RotateIntegratorKeyRequest { IntegratorId = registered.Integrator.Id, GraceHours = 0 }, Operator);
        Assert.Equal(StatusCode.Unauthenticated, await IntakeAsync(rotated.Key));
        Assert.Equal(StatusCode.OK, await IntakeAsync(again.Key));
    }

    [Fact]
    public async Task The_old_key_can_be_revoked_before_its_grace_period_ends()
    {
        var registered = await RegisterAsync();
        var rotated = await Inspection.RotateIntegratorKeyAsync(new RotateIntegratorKeyRequest { IntegratorId = registered.Integrator.Id, GraceHours = 48 }, Operator);
        var integrator = await Inspection.RevokeIntegratorAsync(new RevokeIntegratorRequest { IntegratorId = registered.Integrator.Id, PreviousKeyOnly = true }, Operator);
        Assert.False(integrator.Revoked);
        Assert.Equal(StatusCode.Unauthenticated, await IntakeAsync(registered.Key));
        Assert.Equal(StatusCode.OK, await IntakeAsync(rotated.Key));

        var nothingLeft = await Assert.ThrowsAsync<RpcException>(() => Inspection.RevokeIntegratorAsync(
            new RevokeIntegratorRequest { IntegratorId = registered.Integrator.Id, PreviousKeyOnly = true }, Operator).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, nothingLeft.StatusCode);
    }

    [Fact]
    public async Task Rotation_is_for_operators_and_checks_its_fields()
    {
        var registered = await RegisterAsync();
        var clerk = SliceScenario.Bearer(_node.Tokens.OfficeStaff());
        var denied = await Assert.ThrowsAsync<RpcException>(() => Inspection.RotateIntegratorKeyAsync(
            new RotateIntegratorKeyRequest { IntegratorId = registered.Integrator.Id }, clerk).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var bad = await Assert.ThrowsAsync<RpcException>(() => Inspection.RotateIntegratorKeyAsync(
            new RotateIntegratorKeyRequest { IntegratorId = "nope", GraceHours = -1 }, Operator).ResponseAsync);
        SliceScenario.AssertBadRequest(bad, "integrator_id", "grace_hours");

        var missing = await Assert.ThrowsAsync<RpcException>(() => Inspection.RotateIntegratorKeyAsync(
            new RotateIntegratorKeyRequest { IntegratorId = Guid.CreateVersion7().ToString() }, Operator).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        await Inspection.RevokeIntegratorAsync(new RevokeIntegratorRequest { IntegratorId = registered.Integrator.Id }, Operator);
        var revoked = await Assert.ThrowsAsync<RpcException>(() => Inspection.RotateIntegratorKeyAsync(
            new RotateIntegratorKeyRequest { IntegratorId = registered.Integrator.Id }, Operator).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, revoked.StatusCode);
    }

    private Task<RegisteredIntegrator> RegisterAsync() =>
        Inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = SliceScenario.UniqueName("12345热线-"), AllowedSources = { "hotline_12345" } }, Operator).ResponseAsync;

    private async Task<StatusCode> IntakeAsync(string key)
    {
        var intake = new ClueIntakeService.ClueIntakeServiceClient(_node.CreateGrpcChannel());
        try
        {
            await intake.IntakeCluesAsync(
                new IntakeCluesRequest
                {
                    Clues =
                    {
                        new NewClue
                        {
                            SourceSystem = "hotline_12345", SourceId = SliceScenario.UniqueName("r-"), ReceivedAt = "2026-04-20T02:30:00Z",
                            Subject = "轮换后的来件", UnitName = "某局",
                        },
                    },
                },
                InspectionNode.Key(key));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
