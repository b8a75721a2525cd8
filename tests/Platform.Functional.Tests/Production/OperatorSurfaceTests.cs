using Grpc.Reflection.V1Alpha;
using Platform.BuildingBlocks.Auth;

namespace Platform.Functional.Tests.Production;

/// <summary>Outside Development: reflection and health details for operators only, security headers on every answer.</summary>
[Collection(ProductionNodeCollection.Name)]
public sealed class OperatorSurfaceTests(ProductionNodeFactory node)
{
    [Fact]
    public async Task Reflection_needs_a_node_operator()
    {
        Assert.Equal(StatusCode.Unauthenticated, await ListServicesAsync(null));
        Assert.Equal(StatusCode.PermissionDenied, await ListServicesAsync(node.Tokens.OfficeStaff()));
        Assert.Equal(StatusCode.OK, await ListServicesAsync(node.Tokens.Issue("op", null, PlatformRoles.NodeOperator)));
    }

    [Fact]
    public async Task Health_tells_anonymous_probes_the_status_only_and_operators_every_check()
    {
        var http = node.CreateClient();
        using var anonymous = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var status = await anonymous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", status.GetProperty("status").GetString());
        Assert.False(status.TryGetProperty("checks", out _));

        using var alive = await http.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var clerkRequest = new HttpRequestMessage(HttpMethod.Get, "/health");
        clerkRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var clerk = await http.SendAsync(clerkRequest);
        Assert.False((await clerk.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("checks", out _));

        using var operatorRequest = new HttpRequestMessage(HttpMethod.Get, "/health");
        operatorRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue("op", null, PlatformRoles.NodeOperator));
        using var detailed = await http.SendAsync(operatorRequest);
        var report = await detailed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("planningdb", report.GetProperty("checks").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_https_answers_hsts()
    {
        var http = node.CreateClient();
        using var plain = await http.GetAsync("/alive");
        Assert.Equal("nosniff", Single(plain, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(plain, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(plain, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Single(plain, "Content-Security-Policy"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        var https = node.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var secure = await https.GetAsync("/alive");
        Assert.StartsWith("max-age=31536000", Single(secure, "Strict-Transport-Security"));

        // An unauthenticated API call is refused, and still with the headers.
        using var refused = await http.GetAsync("/api/planning/v1/units");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("nosniff", Single(refused, "X-Content-Type-Options"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));

    private async Task<StatusCode> ListServicesAsync(string? token)
    {
        var reflection = new ServerReflection.ServerReflectionClient(node.CreateGrpcChannel());
        using var call = reflection.ServerReflectionInfo(token is null ? new Metadata() : SliceScenario.Bearer(token));
        try
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Contains("platform.planning.v1.PlanningService", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
