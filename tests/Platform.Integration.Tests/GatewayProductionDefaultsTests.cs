namespace Platform.Integration.Tests;

/// <summary>The gateway in Production: security headers on its own and on proxied answers, health details for operators only.</summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class GatewayProductionDefaultsTests(DistributedNode node)
{
    [SkippableFact]
    public async Task The_gateway_answers_with_security_headers_and_hides_health_details_from_anonymous_callers()
    {
        node.SkipIfUnavailable();
        using var http = node.CreateGatewayClient();

        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False((await health.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("checks", out _));
        Assert.Equal("nosniff", Assert.Single(health.Headers.GetValues("X-Content-Type-Options")));

        using var operatorHealth = new HttpRequestMessage(HttpMethod.Get, "/health");
        operatorHealth.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue(SliceScenario.UniqueName("op-"), null, "node_operator"));
        using var detailed = await http.SendAsync(operatorHealth);
        Assert.Contains("redis", (await detailed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateObject().Select(c => c.Name));

        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/api/planning/v1/units");
        proxied.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-")));
        using var units = await http.SendAsync(proxied);
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        Assert.Equal("DENY", Assert.Single(units.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(units.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(units.Headers.GetValues("Content-Security-Policy")));
    }
}
