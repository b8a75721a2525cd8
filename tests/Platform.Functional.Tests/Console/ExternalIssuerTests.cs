using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Auth;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The node trusting the province's identity platform (ADR 0025): an OpenIddict server on a private port
/// stands in for it, and the node runs with <c>Console:LocalAccounts</c> false, so the platform is the only
/// way in. The console signs in there by the code flow over HTTP (no browser: the flow is redirects and one
/// back-channel exchange), and the API takes the platform's tokens with the node's strictness and its unchanged rules.
/// </summary>
public sealed class ExternalIssuerTests(ExternalIssuerTests.Fixture fixture) : IClassFixture<ExternalIssuerTests.Fixture>
{
    private const string FinanceBureau = "11510100MB0123456X";
    private const string UnknownBureau = "11510100MB9999999X";
    private static readonly Guid FinanceUnit = Guid.Parse("6d3c1f9e-2f1a-4c55-9a51-0c4b2a7e5a11");

    private static readonly PlatformPerson Clerk = new("p-1001", "王科员", "11510100MB0000001X", "督察办科员");
    private static readonly PlatformPerson Liaison = new("p-2002", "李联络员", FinanceBureau, "单位联络员");
    private static readonly PlatformPerson Stranger = new("p-3003", "赵访客", FinanceBureau, "普通用户");
    private static readonly PlatformPerson Homeless = new("p-4004", "钱联络员", UnknownBureau, "单位联络员");

    private readonly Fixture _fixture = fixture;

    [Fact]
    public async Task The_console_signs_in_through_the_platform_and_the_api_takes_its_tokens_with_the_nodes_rules()
    {
        var (clerkPage, clerkToken) = await SignInAsync(Clerk);
        Assert.Equal("/", clerkPage.RequestMessage!.RequestUri!.AbsolutePath);
        // Prerendered HTML writes Chinese as character references.
        var html = WebUtility.HtmlDecode(await clerkPage.Content.ReadAsStringAsync());
        // The session is the platform's clerk as the node maps them (the page's header names them).
        Assert.Contains("王科员", html);

        var planning = new Proto.PlanningService.PlanningServiceClient(_fixture.Node.KestrelChannel());
        // The platform's clerk is the node's office staff: may create a unit.
        await planning.CreateUnitAsync(new() { Name = "成都市审计局", ShortName = "市审计局", Kind = "department", RegionCode = "510100" },
            SliceScenario.Bearer(clerkToken));

        var (_, liaisonToken) = await SignInAsync(Liaison);
        await planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(liaisonToken));
        // The mapped liaison is a liaison to every rule: may read, may not create a unit.
        var refused = await Assert.ThrowsAsync<RpcException>(() => planning.CreateUnitAsync(
            new() { Name = "某局", ShortName = "某局", Kind = "department", RegionCode = "510100" }, SliceScenario.Bearer(liaisonToken)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        // A person whose platform role the table does not name signs in to nothing, and their token opens nothing.
        var (strangerPage, strangerToken) = await SignInAsync(Stranger);
        Assert.Equal("/signin", strangerPage.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("reason=unmapped", strangerPage.RequestMessage.RequestUri.Query);
        Assert.Contains("没有对应到本平台", WebUtility.HtmlDecode(await strangerPage.Content.ReadAsStringAsync()));
        var unmapped = await Assert.ThrowsAsync<RpcException>(() => planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(strangerToken)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, unmapped.StatusCode);
        Assert.Contains("map to no role of this node", unmapped.Status.Detail);

        // A liaison of an organisation the table does not name has no unit here: refused too, naming why.
        var (homelessPage, homelessToken) = await SignInAsync(Homeless);
        Assert.Contains("reason=unmapped", homelessPage.RequestMessage!.RequestUri!.Query);
        var noUnit = await Assert.ThrowsAsync<RpcException>(() => planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(homelessToken)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, noUnit.StatusCode);
        Assert.Contains("maps to no unit of this node", noUnit.Status.Detail);
    }

    [Fact]
    public async Task The_platforms_tokens_are_checked_as_strictly_as_the_nodes_own()
    {
        var platform = _fixture.Platform;
        var planning = new Proto.PlanningService.PlanningServiceClient(_fixture.Node.KestrelChannel());
        Task<StatusCode> Call(string token) => CallAsync(planning, token);

        Assert.Equal(StatusCode.OK, await Call(platform.Sign(Clerk)));
        // Meant for another system.
        Assert.Equal(StatusCode.Unauthenticated, await Call(platform.Sign(Clerk, audience: "another-system")));
        // Longer-lived than Auth:MaxTokenLifetime.
        Assert.Equal(StatusCode.Unauthenticated, await Call(platform.Sign(Clerk, lifetime: TimeSpan.FromDays(30))));
        // A key the platform never published.
        using var forged = RSA.Create(2048);
        Assert.Equal(StatusCode.Unauthenticated, await Call(platform.Sign(Clerk, key: new RsaSecurityKey(forged) { KeyId = "province-2026" })));
        Assert.Equal(StatusCode.Unauthenticated, await Call(platform.Sign(Clerk, key: new RsaSecurityKey(forged) { KeyId = "forged" })));

        // Rotation: the platform publishes a new key; a token naming it makes the node read the JWKS again (at most once per
        // ExternalIssuerTokens.UnknownKeyRefreshInterval, so the first tries may still meet the old keys).
        var rotated = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "province-2027" };
        platform.Publish(rotated);
        var accepted = await Eventually.GetAsync<string>(
            async () => await Call(platform.Sign(Clerk, key: rotated)) == StatusCode.OK ? "accepted" : null,
            ExternalIssuerTokens.UnknownKeyRefreshInterval * 4, "a token signed with the newly published key to be accepted");
        Assert.Equal("accepted", accepted);

        // The node's own tokens work beside the platform's.
        Assert.Equal(StatusCode.OK, await Call(_fixture.Node.Tokens.OfficeStaff()));
    }

    [Fact]
    public async Task A_refusal_at_the_platform_shows_the_consoles_own_page_in_chinese_with_a_way_back_to_sign_in()
    {
        // Nobody signs in at the stand-in: it answers the console's redirection endpoint with error=access_denied.
        _fixture.Platform.NextPerson = null;
        using var handler = new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var page = await http.GetAsync(_fixture.Node.BaseUrl + "/");
        Assert.True(page.IsSuccessStatusCode, $"{page.StatusCode} at {page.RequestMessage?.RequestUri}");
        Assert.Equal("/signin", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("reason=denied", page.RequestMessage.RequestUri.Query);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("统一身份认证平台未同意本次登录", html);
        // The way back: the sign-in button of the platform.
        Assert.Contains($"href=\"{NodeIssuerSetupStart}?via=platform", html);
        Assert.DoesNotContain(handler.CookieContainer.GetCookies(new Uri(_fixture.Node.BaseUrl)), c => c.Name == "platform.console");
    }

    [Fact]
    public async Task Signing_out_ends_the_console_session_and_sends_the_person_to_the_platforms_end_session_endpoint()
    {
        var cookies = new CookieContainer();
        await SignInAsync(Clerk, cookies);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var ended = _fixture.Platform.EndedSessions;

        // Sign-out is the page's form with its antiforgery token: a post without one (another site's form) is refused.
        using var refused = await http.PostAsync(_fixture.Node.BaseUrl + "/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var home = await http.GetAsync(_fixture.Node.BaseUrl + "/");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(await home.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(antiforgery), "the console page carries no sign-out form");
        using var signOut = await http.PostAsync(_fixture.Node.BaseUrl + "/signout",
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", antiforgery)]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var endSession = signOut.Headers.Location!;
        Assert.Equal(new Uri(new Uri(_fixture.Platform.Authority), "connect/endsession").AbsoluteUri, endSession.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(endSession.Query);
        Assert.Equal(ProvincePlatform.ClientId, query["client_id"].ToString());
        Assert.Equal(_fixture.Node.BaseUrl + "/signin?reason=signedout", query["post_logout_redirect_uri"].ToString());
        // The console's session is over before the person even reaches the platform.
        Assert.DoesNotContain(cookies.GetCookies(new Uri(_fixture.Node.BaseUrl)), c => c.Name == "platform.console");

        // The platform ends its session and sends the person back to the console's sign-in page, which says so.
        using var atPlatform = await http.GetAsync(endSession);
        Assert.Equal(HttpStatusCode.Redirect, atPlatform.StatusCode);
        Assert.Equal(ended + 1, _fixture.Platform.EndedSessions);
        using var back = await http.GetAsync(atPlatform.Headers.Location);
        back.EnsureSuccessStatusCode();
        Assert.Contains("您已退出登录。", WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync()));

        // A page now starts a new sign-in.
        using var again = await http.GetAsync(_fixture.Node.BaseUrl + "/");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith(NodeIssuerSetupStart, again.Headers.Location!.IsAbsoluteUri ? again.Headers.Location.AbsolutePath : again.Headers.Location.OriginalString);
    }

    private const string NodeIssuerSetupStart = global::Platform.WebConsole.Issuer.NodeIssuerSetup.StartPath;

    /// <summary>Walks the console's sign-in: the node's start, the platform's authorize, the node's redirection endpoint (which exchanges the code with the client secret), the page.</summary>
    private async Task<(HttpResponseMessage Page, string AccessToken)> SignInAsync(PlatformPerson person, CookieContainer? cookies = null)
    {
        _fixture.Platform.NextPerson = person;
        var issued = _fixture.Platform.IssuedAccessTokens.Count;
        using var handler = new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = cookies ?? new CookieContainer() };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var page = await http.GetAsync(_fixture.Node.BaseUrl + "/");
        await page.Content.LoadIntoBufferAsync();
        Assert.True(page.IsSuccessStatusCode, $"{page.StatusCode} at {page.RequestMessage?.RequestUri}");
        Assert.Equal(issued + 1, _fixture.Platform.IssuedAccessTokens.Count);
        return (page, _fixture.Platform.IssuedAccessTokens.Last());
    }

    private static async Task<StatusCode> CallAsync(Proto.PlanningService.PlanningServiceClient planning, string token)
    {
        try
        {
            await planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(token));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    /// <summary>The stand-in platform, then a node that trusts it as its only issuer.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ProvincePlatform Platform { get; private set; } = default!;

        public ConsoleNode Node { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            var port = LoopbackPorts.Free();
            Platform = await ProvincePlatform.StartAsync($"http://127.0.0.1:{port}/signin-oidc");
            // The node's warm-up walks one sign-in to the sign-in page: a person the tables leave out ends there (reason=unmapped).
            Platform.NextPerson = Stranger;
            Node = ConsoleNode.With(new Dictionary<string, string>
            {
                ["Console:LocalAccounts"] = "false",
                ["Auth:ExternalIssuer:Authority"] = Platform.Authority,
                ["Auth:ExternalIssuer:RequireHttpsMetadata"] = "false",
                ["Auth:ExternalIssuer:Audience"] = ProvincePlatform.Audience,
                ["Auth:ExternalIssuer:ClientId"] = ProvincePlatform.ClientId,
                ["Auth:ExternalIssuer:ClientSecret"] = ProvincePlatform.ClientSecret,
                ["Auth:ExternalIssuer:UnitClaim"] = ProvincePlatform.OrganisationClaim,
                ["Auth:ExternalIssuer:RoleClaim"] = ProvincePlatform.RolesClaim,
                ["Auth:ExternalIssuer:Roles:0:Name"] = "督察办科员",
                ["Auth:ExternalIssuer:Roles:0:Role"] = PlatformRoles.OfficeStaff,
                ["Auth:ExternalIssuer:Roles:1:Name"] = "单位联络员",
                ["Auth:ExternalIssuer:Roles:1:Role"] = PlatformRoles.UnitLiaison,
                ["Auth:ExternalIssuer:Units:0:Code"] = FinanceBureau,
                ["Auth:ExternalIssuer:Units:0:Unit"] = FinanceUnit.ToString(),
            }, port);
        }

        public async Task DisposeAsync()
        {
            // Either may be missing when the start failed.
            Node?.Dispose();
            if (Platform is not null)
            {
                await Platform.DisposeAsync();
            }
        }
    }
}
