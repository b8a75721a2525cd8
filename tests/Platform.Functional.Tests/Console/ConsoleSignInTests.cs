using System.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;
using Platform.Testing;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The node as its own OpenID Connect issuer (ADR 0021), in Debian's chromium: the console signs
/// in by the authorization-code flow with PKCE, and the access token the issuer hands out is the
/// node's ordinary token, which the API takes as it takes any other.
/// The tests on the default settings share one node (each signs in with an account of its own and
/// creates no plan); the idle-timeout and second-factor tests start a node with their settings.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleSignInTests(ChromiumBrowser browser, ConsoleNode sharedNode) : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private readonly ChromiumBrowser _browser = browser;
    private readonly ConsoleNode _node = sharedNode;

    [Fact]
    public async Task The_discovery_document_offers_the_code_flow_with_pkce_only_and_publishes_its_signing_key()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(_node.BaseUrl + "/", discovery.GetProperty("issuer").GetString());
        Assert.Equal(_node.BaseUrl + "/connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(_node.BaseUrl + "/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(["authorization_code"], discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["code"], discovery.GetProperty("response_types_supported").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(g => g.GetString()));

        var jwks = await http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString()!);
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        // Only the public half is published; the node's HMAC key never is.
        Assert.False(key.TryGetProperty("d", out _));

        // No password grant: a client cannot send a person's password to the token endpoint.
        using var password = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "platform-console", ["username"] = "admin", ["password"] = ConsoleNode.OperatorPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await password.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_address_starts_the_sign_in_for_a_browser_and_stays_a_bare_404_for_the_api()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_node.BaseUrl) };
        using var api = await http.GetAsync("/api/planning/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("", await api.Content.ReadAsStringAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin/start", page.Headers.Location!.OriginalString.Replace(_node.BaseUrl, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_from_the_sign_in_page_buys_the_nodes_own_token_which_the_api_accepts()
    {
        var planning = new Proto.PlanningService.PlanningServiceClient(_node.KestrelChannel());
        var unit = await planning.CreateUnitAsync(new() { Name = "成都市财政局", ShortName = "市财政局", Kind = "department", RegionCode = "510100" },
            SliceScenario.Bearer(_node.Tokens.OfficeStaff()));
        await _node.CreateAccountAsync("finance", "李联络员", Guid.Parse(unit.Id), Password, PlatformRoles.UnitLiaison);

        // The request the console makes, by hand: a PKCE challenge, then the browser through the sign-in page.
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirect = _node.BaseUrl + "/signin-oidc";
        var authorize = _node.BaseUrl + "/connect/authorize?client_id=platform-console&response_type=code&scope=openid%20profile%20roles"
            + "&redirect_uri=" + Uri.EscapeDataString(redirect) + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=test-state";
        var page = await _browser.NewPageAsync();
        var codeUrl = new TaskCompletionSource<string>();
        // The redirect with the code, seen on its way to the console's own client (which refuses it: the state is not one it made).
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(redirect, StringComparison.Ordinal))
            {
                codeUrl.TrySetResult(request.Url);
            }
        };
        await page.GotoAsync(authorize);
        await page.WaitForAddressAsync(u => u.Contains("/signin?", StringComparison.Ordinal));
        await page.FillAsync("#username", "finance");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        var reached = await Task.WhenAny(codeUrl.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(reached == codeUrl.Task, "no code came back; the page is at " + page.Url);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(await codeUrl.Task).Query);
        Assert.Equal("test-state", query["state"]);
        var code = query["code"];
        Assert.False(string.IsNullOrEmpty(code));

        using var http = new HttpClient { BaseAddress = new Uri(_node.BaseUrl) };
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "platform-console", ["code"] = code!, ["redirect_uri"] = redirect,
        };
        // Without the verifier the code is refused (PKCE), and a code is good for one exchange only.
        using var noVerifier = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, noVerifier.StatusCode);
        form["code_verifier"] = verifier;
        using var exchanged = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await exchanged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(exchanged.IsSuccessStatusCode, body.ToString());
        var accessToken = body.GetProperty("access_token").GetString()!;
        Assert.True(body.TryGetProperty("id_token", out _));

        // The node's token: its issuer, audience, HMAC key id, and the account's unit and role.
        var jwt = new JsonWebToken(accessToken);
        Assert.Equal(_node.Auth.Issuer, jwt.Issuer);
        Assert.Equal([_node.Auth.Audience], jwt.Audiences);
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(SigningKeyRing.DeriveKeyId(_node.Auth.SigningKey!), jwt.Kid);
        Assert.Equal("finance", jwt.Subject);
        Assert.Equal(unit.Id, jwt.GetClaim(PlatformClaims.Unit).Value);
        Assert.Equal(PlatformRoles.UnitLiaison, jwt.GetClaim(PlatformClaims.Role).Value);
        Assert.Equal(EmbeddedNodeFactory.NodeId, jwt.GetClaim(PlatformClaims.Node).Value);

        // The API takes it with its unchanged rules: the liaison may read, and may not create a unit.
        await planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(accessToken));
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => planning.CreateUnitAsync(
            new() { Name = "某局", ShortName = "某局", Kind = "department", RegionCode = "510100" }, SliceScenario.Bearer(accessToken)).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);

        using var replay = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task The_console_signs_in_through_the_issuer_and_every_new_session_asks_for_the_password()
    {
        await _node.CreateAccountAsync("clerk", "王科员", null, Password, PlatformRoles.OfficeStaff);
        var page = await _browser.NewPageAsync();
        var visited = new List<string>();
        page.Request += (_, request) => visited.Add(new Uri(request.Url).AbsolutePath);

        await page.GotoAsync(_node.BaseUrl + "/");
        await page.WaitForAddressAsync(u => u.Contains("/signin?", StringComparison.Ordinal));
        await page.FillAsync("#username", "clerk");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForAddressAsync(_node.BaseUrl + "/");
        await page.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("王科员");
        // The way there: the client's start, the issuer's authorization endpoint, the console's redirection endpoint.
        Assert.Contains("/signin/start", visited);
        Assert.Contains("/connect/authorize", visited);
        Assert.Contains("/signin-oidc", visited);
        // The office home reads the API with the session's token, which the API accepts.
        await Assertions.Expect(page.Locator("[data-testid=office-home]")).ToContainTextAsync("尚无计划");
        Assert.Equal(0, await page.Locator(".problem-banner").CountAsync());

        // Signed out, the issuer does not hand out a new code by itself: the password is asked again.
        await page.ClickAsync(".console-signout button");
        await page.WaitForAddressAsync(_node.BaseUrl + ConsoleSession.SignedOutPath);
        await Assertions.Expect(page.Locator("[data-testid=signed-out]")).ToHaveTextAsync("您已退出登录。");
        // Neither the console's session nor the node issuer's own sign-in session is left.
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "platform.console" or "platform.signin");
        await page.GotoAsync(_node.BaseUrl + "/");
        await page.WaitForAddressAsync(u => u.Contains("/signin?", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_idle_open_page_goes_to_the_sign_in_page_by_itself_and_signing_in_again_returns_to_it()
    {
        using var node = ConsoleNode.With(new Dictionary<string, string> { ["Console:SessionIdleTimeout"] = "00:00:10" });
        await node.CreateAccountAsync("clerk", "王科员", null, Password, PlatformRoles.OfficeStaff);
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(node.BaseUrl, "clerk", Password);
        await page.GoAsync(node.BaseUrl + "/plans/import");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("王科员");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "platform.console");

        // Nobody touches the open page for longer than the idle timeout: it leaves for the sign-in page on its own.
        var idleFrom = DateTime.UtcNow;
        await page.WaitForAddressAsync(u => u.Contains("/signin?reason=expired", StringComparison.Ordinal));
        var after = DateTime.UtcNow - idleFrom;
        Assert.True(after >= TimeSpan.FromSeconds(9), $"the page left after {after.TotalSeconds:0.0} s, before the idle timeout");
        await Assertions.Expect(page.Locator("[data-testid=signin-expired]")).ToHaveTextAsync("登录已过期，请重新登录。");
        await page.ScreenshotAsync("signin-expired");
        // The session is over on the server too: its cookie opens no page.
        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(node.BaseUrl) })
        {
            http.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            using var refused = await http.GetAsync("/plans/import");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/signin?reason=", refused.Headers.Location!.OriginalString);
        }

        // Signing in again leads back to the page the person was on.
        await page.FillAsync("#username", "clerk");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForAddressAsync(node.BaseUrl + "/plans/import");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("王科员");
    }

    [Fact]
    public async Task An_operator_enrols_a_second_factor_and_then_signs_in_with_a_code()
    {
        using var node = ConsoleNode.With(new Dictionary<string, string> { ["Console:RequireTotpForOperators"] = "true" });
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(node.BaseUrl, "admin", ConsoleNode.OperatorPassword, expectSuccess: false);

        // The password was right; the page shows the new secret and its otpauth URI, and asks for a code.
        var secret = await page.Locator("[data-testid=totp-secret]").InnerTextAsync();
        Assert.StartsWith("otpauth://totp/", await page.Locator("[data-testid=totp-uri]").InnerTextAsync());
        Assert.Contains("secret=" + secret, await page.Locator("[data-testid=totp-uri]").InnerTextAsync());
        await page.ScreenshotAsync("signin-totp-enrol");
        // Not signed in before the code: the console is still closed.
        Assert.Equal(0, (await page.Context.CookiesAsync()).Count(c => c.Name == "platform.console"));
        await page.FillAsync("#totp", "000000");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("动态验证码错误，请重新输入。");
        await page.FillAsync("#totp", Totp.Code(secret, DateTimeOffset.UtcNow));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForAddressAsync(node.BaseUrl + "/");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("节点管理员");

        // The next sign-in asks for a code of the enrolled secret (the next step's: each code is good once).
        await page.ClickAsync(".console-signout button");
        await page.SignInAsync(node.BaseUrl, "admin", ConsoleNode.OperatorPassword, expectSuccess: false);
        await Assertions.Expect(page.Locator("#totp")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=totp-enrol]").CountAsync());
        await page.FillAsync("#totp", Totp.Code(secret, DateTimeOffset.UtcNow + Totp.Step));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForAddressAsync(node.BaseUrl + "/");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("节点管理员");
    }
}
