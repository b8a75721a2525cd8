using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Sessions;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// Sessions the node keeps (ADR 0021), in Debian's chromium: a cookie and an API token captured before a sign-out or an
/// operator's change of the account are refused afterwards, and open pages go to the sign-in page saying why. The node
/// mints ten-second API tokens, so a captured one dies within the test.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleSessionTests(ChromiumBrowser browser, ConsoleSessionTests.ShortTokenNode fixture)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleSessionTests.ShortTokenNode>
{
    private const string Password = "correct-horse-9";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(10);

    private readonly ChromiumBrowser _browser = browser;
    private readonly ConsoleNode _node = fixture.Node;

    public sealed class ShortTokenNode : IDisposable
    {
        public ConsoleNode Node { get; } = ConsoleNode.With(new Dictionary<string, string>
        {
            ["Console:ApiTokenLifetime"] = "00:00:10",
        });

        public void Dispose() => Node.Dispose();
    }

    [Fact]
    public async Task Signing_out_refuses_every_copy_of_the_cookie_at_once_and_the_captured_api_token_within_its_short_lifetime()
    {
        await _node.CreateAccountAsync("clerk", "王科员", null, Password, PlatformRoles.OfficeStaff);
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(_node.BaseUrl, "clerk", Password);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "platform.console");
        var token = await TokenOfAsync("clerk", PlatformRoles.OfficeStaff);
        var jwt = new JsonWebToken(token);
        Assert.Equal(TokenLifetime, jwt.ValidTo - jwt.IssuedAt);
        var planning = new Proto.PlanningService.PlanningServiceClient(_node.KestrelChannel());
        await planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(token));

        // A copy of the cookie in another browser is the same session, on an open page.
        var copy = await _browser.NewPageAsync();
        await copy.Context.AddCookiesAsync([Copy(cookie)]);
        await copy.GoAsync(_node.BaseUrl + "/plans/import");
        await Assertions.Expect(copy.Locator("[data-testid=current-user]")).ToHaveTextAsync("王科员");

        // Neither a GET nor a post without the page's antiforgery token (another site's form) signs anyone out.
        using (var http = CookieClient(cookie))
        {
            using var get = await http.GetAsync("/signout");
            Assert.NotEqual(HttpStatusCode.Redirect, get.StatusCode);
            using var crossSite = await http.PostAsync("/signout", new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
            using var stillIn = await http.GetAsync("/plans/import");
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        await page.ClickAsync(".console-signout button");
        await page.WaitForAddressAsync(_node.BaseUrl + ConsoleSession.SignedOutPath);

        // The open page of the copy goes to the sign-in page by itself, saying why.
        await copy.WaitForAddressAsync(u => u.Contains("/signin?reason=ended", StringComparison.Ordinal));
        await Assertions.Expect(copy.Locator("[data-testid=signin-ended]")).ToContainTextAsync("您的登录已结束");
        await copy.ScreenshotAsync("signin-ended");
        // The copied cookie opens no page (within the sessions' few seconds of cache, already over here).
        using (var http = CookieClient(cookie))
        {
            using var refused = await http.GetAsync("/plans/import");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith(ConsoleSession.EndedPath, refused.Headers.Location!.OriginalString);
        }
        // No token is minted for the ended session, and the captured one is refused once its ten seconds
        // (and the API's clock skew) are over.
        Assert.Null(await _node.Services.GetRequiredService<SessionTokens>().ForAsync(Principal("clerk", (await SessionsOfAsync("clerk")).FirstOrDefault(), PlatformRoles.OfficeStaff)));
        var refusedAt = await Eventually.GetAsync<object>(async () =>
        {
            try
            {
                await planning.ListUnitsAsync(new Proto.ListUnitsRequest(), SliceScenario.Bearer(token));
                return null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                return (object)DateTime.UtcNow;
            }
        }, TokenLifetime + TokenPolicy.ClockSkew + TimeSpan.FromSeconds(30), "the captured token to be refused");
        Assert.True((DateTime)refusedAt <= jwt.ValidTo + TokenPolicy.ClockSkew + TimeSpan.FromSeconds(5), $"refused at {refusedAt:O}, the token ran out at {jwt.ValidTo:O}");
    }

    [Fact]
    public async Task Disabling_an_account_or_resetting_its_password_sends_its_open_page_to_the_sign_in_page_and_refuses_its_cookie()
    {
        await _node.CreateAccountAsync("clerk2", "赵科员", null, Password, PlatformRoles.OfficeStaff);
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(_node.BaseUrl, "clerk2", Password);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "platform.console");
        var id = await AccountIdAsync("clerk2");

        // The operator disables the account (as on 账号管理).
        await WithAccountsAsync(a => a.SetDisabledAsync(id, true, "admin"));
        await page.WaitForAddressAsync(u => u.Contains("/signin?reason=ended", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=signin-ended]")).ToContainTextAsync("管理员停用了账号");
        using (var http = CookieClient(cookie))
        {
            using var refused = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }
        Assert.Empty(await SessionsOfAsync("clerk2"));

        // Disabled: a wrong password gets the ordinary answer, the right one learns the account is disabled.
        await page.SignInAsync(_node.BaseUrl, "clerk2", "not-the-password", expectSuccess: false);
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("账号或密码错误。");
        await page.SignInAsync(_node.BaseUrl, "clerk2", Password, expectSuccess: false);
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToContainTextAsync("此账号已被管理员停用");

        // Enabled again, signed in again; a password reset ends that session too.
        await WithAccountsAsync(a => a.SetDisabledAsync(id, false, "admin"));
        await page.SignInAsync(_node.BaseUrl, "clerk2", Password);
        await WithAccountsAsync(a => a.ResetPasswordAsync(id, "another-horse-7", "admin"));
        await page.WaitForAddressAsync(u => u.Contains("/signin?reason=ended", StringComparison.Ordinal));
        await page.SignInAsync(_node.BaseUrl, "clerk2", "another-horse-7");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("赵科员");
    }

    [Fact]
    public async Task A_liaison_is_told_an_office_page_is_not_theirs_and_changes_their_own_password()
    {
        await _node.CreateAccountAsync("liaison", "李联络员", Guid.NewGuid(), Password, PlatformRoles.UnitLiaison);
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(_node.BaseUrl, "liaison", Password);
        // An office page, opened by its address: 无权访问, not an empty office page.
        await page.GotoAsync(_node.BaseUrl + "/received");
        await Assertions.Expect(page.Locator("[data-testid=no-access] h1")).ToHaveTextAsync("无权访问");
        Assert.Equal(0, await page.Locator("[data-testid=received-status]").CountAsync());
        // So are a plan's page (the office assigns there) and the bulletin form.
        await page.GotoAsync(_node.BaseUrl + "/plans/" + Guid.NewGuid());
        await Assertions.Expect(page.Locator("[data-testid=no-access] h1")).ToHaveTextAsync("无权访问");
        await page.GotoAsync(_node.BaseUrl + "/bulletins");
        await Assertions.Expect(page.Locator("[data-testid=no-access] h1")).ToHaveTextAsync("无权访问");
        Assert.Equal(0, await page.Locator("[data-testid=bulletin-send]").CountAsync());
        // An address with no page: 页面不存在 in Chinese, the status 404 kept, and a way home.
        var missing = await page.GotoAsync(_node.BaseUrl + "/no/such/page");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.Locator("[data-testid=not-found] h1")).ToHaveTextAsync("页面不存在");
        Assert.Equal("/", await page.Locator("[data-testid=not-found] a").GetAttributeAsync("href"));

        // Their own password: the current one and the new one twice; each mistake next to its field.
        await page.GoAsync(_node.BaseUrl + "/");
        await page.ClickAsync("[data-testid=current-user]");
        await page.WaitForAddressAsync(_node.BaseUrl + "/account/password");
        await page.WaitInteractiveAsync();
        await page.FillAsync("#current-password", "not-the-password");
        await page.FillAsync("#new-password", "short");
        await page.FillAsync("#repeat-password", "shorter");
        await page.ClickAsync("[data-testid=password-form] button[type=submit]");
        await Assertions.Expect(page.Locator(".field-error[data-field=current_password]")).ToHaveTextAsync("当前密码不正确");
        await Assertions.Expect(page.Locator(".field-error[data-field=new_password]")).ToContainTextAsync("至少 10 个字符");
        await Assertions.Expect(page.Locator(".field-error[data-field=repeat_password]")).ToHaveTextAsync("两次输入的新密码不一致");
        await page.FillAsync("#current-password", Password);
        await page.FillAsync("#new-password", "another-horse-7");
        await page.FillAsync("#repeat-password", "another-horse-7");
        await page.ClickAsync("[data-testid=password-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=password-changed]")).ToBeVisibleAsync();

        // The session in use goes on; the next sign-in takes the new password only.
        await page.GoAsync(_node.BaseUrl + "/tasks");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("李联络员");
        await page.ClickAsync(".console-signout button");
        await page.SignInAsync(_node.BaseUrl, "liaison", Password, expectSuccess: false);
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("账号或密码错误。");
        await page.SignInAsync(_node.BaseUrl, "liaison", "another-horse-7");
    }

    private static Microsoft.Playwright.Cookie Copy(BrowserContextCookiesResult cookie) =>
        new() { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path };

    private HttpClient CookieClient(BrowserContextCookiesResult cookie)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(_node.BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return http;
    }

    /// <summary>The token the console sends for the person's (single) session: what a thief of it would hold.</summary>
    private async Task<string> TokenOfAsync(string subject, string role)
    {
        var session = Assert.Single(await SessionsOfAsync(subject));
        var token = await _node.Services.GetRequiredService<SessionTokens>().ForAsync(Principal(subject, session, role));
        return token ?? throw new InvalidOperationException($"no token for {subject}'s session");
    }

    private static ClaimsPrincipal Principal(string subject, ConsoleSessionRecord? session, string role) =>
        new(new ClaimsIdentity(
        [
            new Claim(PlatformClaims.Subject, subject),
            new Claim(ConsoleSession.SessionIdClaim, (session?.Id ?? Guid.NewGuid()).ToString()),
            new Claim(PlatformClaims.Role, role),
        ], ConsoleSession.Scheme));

    private Task<List<ConsoleSessionRecord>> SessionsOfAsync(string subject) =>
        _node.Services.GetRequiredService<ConsoleSessions>().OfAsync(subject);

    private async Task<Guid> AccountIdAsync(string userName)
    {
        await using var scope = _node.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountService>().FindByNameAsync(userName))!.Id;
    }

    private async Task WithAccountsAsync(Func<AccountService, Task> change)
    {
        await using var scope = _node.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
