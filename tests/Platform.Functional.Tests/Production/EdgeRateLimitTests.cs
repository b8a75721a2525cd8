using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Inspection.V1;

namespace Platform.Functional.Tests.Production;

/// <summary>The edge's limit slides instead of resetting, and integrators spend their key's budget, not their address's.</summary>
public sealed class EdgeRateLimitTests
{
    // Near the real time, so the tests' tokens are valid on the moved clock.
    private static readonly DateTimeOffset MinuteStart = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static ConfiguredNodeFactory LimitedNode(FakeTimeProvider clock) => new(
        "Production",
        new Dictionary<string, string?> { ["Edge:RateLimit:PermitLimit"] = "3", ["Edge:RateLimit:Window"] = "00:01:00" },
        services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task The_limit_is_not_spent_twice_across_a_window_boundary()
    {
        var clock = new FakeTimeProvider(MinuteStart.AddSeconds(50));
        using var node = LimitedNode(clock);
        var http = node.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/planning/v1/units")).StatusCode);
        }
        using var fourth = await http.GetAsync("/api/planning/v1/units");
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);

        // Five seconds into the next fixed window: a fixed window would start afresh, the sliding one still counts ~2.75.
        clock.Advance(TimeSpan.FromSeconds(15));
        using var early = await http.GetAsync("/api/planning/v1/units");
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        var retryAfter = int.Parse(Assert.Single(early.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        // Once enough of the earlier calls slid out, one more fits.
        clock.Advance(TimeSpan.FromSeconds(retryAfter));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/planning/v1/units")).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_flood_from_the_integrators_address_does_not_lock_the_integrator_out()
    {
        var clock = new FakeTimeProvider(MinuteStart.AddSeconds(5));
        using var node = LimitedNode(clock);
        var inspection = new InspectionService.InspectionServiceClient(node.CreateGrpcChannel());
        var registered = await inspection.RegisterIntegratorAsync(
            new RegisterIntegratorRequest { Name = SliceScenario.UniqueName("网站-"), AllowedSources = { "web" } },
            SliceScenario.Bearer(node.Tokens.Issue("operator", null, PlatformRoles.NodeOperator)));

        var http = node.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await http.GetAsync("/api/planning/v1/units");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync("/api/planning/v1/units")).StatusCode);

        using var intake = new HttpRequestMessage(HttpMethod.Post, "/api/inspection/intake/clues")
        {
            Content = JsonContent.Create(new { clues = new[] { new { sourceSystem = "web", sourceId = SliceScenario.UniqueName("flood-"), receivedAt = "2026-04-21T08:00:00Z", subject = "网上投诉", unitName = "某局" } } }),
        };
        intake.Headers.Add("x-integrator-key", registered.Key);
        using var accepted = await http.SendAsync(intake);
        var text = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.IsSuccessStatusCode, text);
        Assert.Equal("accepted", JsonDocument.Parse(text).RootElement.GetProperty("results")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Made_up_integrator_keys_do_not_escape_the_address_limit_off_the_intake()
    {
        var clock = new FakeTimeProvider(MinuteStart.AddSeconds(5));
        using var node = LimitedNode(clock);
        var http = node.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await http.GetAsync("/api/planning/v1/units");
        }
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/planning/v1/units");
            request.Headers.Add("x-integrator-key", "made-up." + Guid.NewGuid().ToString("N"));
            using var answer = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        }
    }

    [Fact]
    public async Task Made_up_integrator_keys_on_the_intake_share_the_addresss_keyed_budget()
    {
        var clock = new FakeTimeProvider(MinuteStart.AddSeconds(5));
        using var node = LimitedNode(clock);
        var http = node.CreateClient();
        var statuses = new List<HttpStatusCode>();
        // The keyed budget of an address is 10 x 3 by default; every made-up key is refused by the intake, then by the edge.
        for (var i = 0; i < 35; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inspection/intake/clues") { Content = JsonContent.Create(new { clues = Array.Empty<object>() }) };
            request.Headers.Add("x-integrator-key", "made-up." + Guid.NewGuid().ToString("N"));
            using var answer = await http.SendAsync(request);
            statuses.Add(answer.StatusCode);
        }
        Assert.Equal(30, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(30), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
