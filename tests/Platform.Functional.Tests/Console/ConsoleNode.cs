using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.WebConsole.Accounts;
using Platform.Testing;

namespace Platform.Functional.Tests.Console;

/// <summary>An embedded node on real Kestrel ports, so a real browser can use its console.</summary>
public sealed class ConsoleNode : EmbeddedNodeFactory
{
    public const string OperatorPassword = "operator-pass-1";

    private readonly int _httpPort;
    private readonly int _grpcPort = LoopbackPorts.Free();

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _nodeId;

    public ConsoleNode()
        : this(new Dictionary<string, string>())
    {
    }

    // Private: xunit takes a class fixture's single public constructor.
    private ConsoleNode(IReadOnlyDictionary<string, string> settings, int? httpPort = null, string nodeId = NodeId)
    {
        _httpPort = httpPort ?? LoopbackPorts.Free();
        _settings = settings;
        _nodeId = nodeId;
        UseKestrel();
        StartServer();
        WarmUp();
    }

    /// <summary>A node with further settings (for example a short <c>Console:SessionIdleTimeout</c>).</summary>
    public static ConsoleNode With(IReadOnlyDictionary<string, string> settings) => new(settings);

    /// <summary>A node with further settings on a port chosen beforehand (another server must know its address first).</summary>
    public static ConsoleNode With(IReadOnlyDictionary<string, string> settings, int httpPort) => new(settings, httpPort);

    /// <summary>
    /// A node of a federation hierarchy (ADR 0013): its own Node:Id, level and region, and its federation listener
    /// (mutual TLS) on a loopback port, so another node's console can enrol with it or it with another.
    /// </summary>
    public static ConsoleNode Federated(string nodeId, string level, string regionCode)
    {
        var federation = $"https://127.0.0.1:{LoopbackPorts.Free()}";
        return new(new Dictionary<string, string>
        {
            ["Node:Level"] = level,
            ["Node:RegionCode"] = regionCode,
            ["Federation:ListenUrl"] = federation,
            ["Federation:PublicAddress"] = federation,
            // As the federation tests' nodes: a link's rounds come quickly, and a refused delivery waits for the next round.
            ["Federation:PollInterval"] = "00:00:00.200",
            ["Federation:DeliveryRetries"] = "0",
        }, nodeId: nodeId);
    }

    protected override string NodeIdentity => _nodeId;

    /// <summary>The federation listener's address (a node made by <see cref="Federated"/>).</summary>
    public string FederationAddress => _settings["Federation:PublicAddress"];

    public string BaseUrl => $"http://127.0.0.1:{_httpPort}";

    public GrpcChannel KestrelChannel() => KestrelChannelTo(_grpcPort);

    public async Task CreateAccountAsync(string userName, string displayName, Guid? unit, string password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(new NewAccount(userName, displayName, unit?.ToString(), roles, password));
    }

    protected override void ConfigureNode(IWebHostBuilder builder)
    {
        builder.UseSetting("Kestrel:Endpoints:Http:Url", BaseUrl);
        builder.UseSetting("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{_grpcPort}");
        builder.UseSetting("Console:InitialOperatorPassword", OperatorPassword);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Walks an anonymous visit's way to the sign-in page once (the console's challenge, which reads the issuer's
    /// discovery document over the back channel, the authorize endpoint, the sign-in page), so the first browser
    /// sign-in of a test does not also wait for those first requests' start-up work on a loaded machine.
    /// </summary>
    private void WarmUp()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new System.Net.CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(3) };
        using var signIn = http.GetAsync("/signin/start?returnUrl=%2F").GetAwaiter().GetResult();
        if (signIn.StatusCode != System.Net.HttpStatusCode.OK || signIn.RequestMessage?.RequestUri?.AbsolutePath != "/signin")
        {
            throw new InvalidOperationException($"warming up the console: /signin/start ended at {signIn.RequestMessage?.RequestUri} with {signIn.StatusCode}: "
                + signIn.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
    }
}

/// <summary>
/// Debian's chromium (/usr/bin/chromium, apt packages chromium and chromium-driver; test.sh
/// installs them), headless, driven by Playwright: Playwright's own browser download is not used.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install chromium chromium-driver (test.sh does)");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) at an office screen's size, or the size given (a phone: 390×844).</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Chromium.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            IsMobile = width < 640,
            HasTouch = width < 640,
        });
        // Generous: the tests share two cores with builds, and a Blazor circuit answers slowly under load.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

public static class ConsolePages
{
    /// <summary>Signs in on the sign-in page; for a good password, waits for the interactive home page.</summary>
    public static async Task SignInAsync(this IPage page, string baseUrl, string user, string password, bool expectSuccess = true)
    {
        await page.GotoAsync(baseUrl + "/signin");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        if (expectSuccess)
        {
            // The address, not a load state: Playwright's URL wait also waits for a load event, and on a starved machine
            // the CI twice timed out on a page that was already home. The interactive marker below says the page is ready.
            var home = baseUrl + "/";
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (page.Url != home)
            {
                if (DateTime.UtcNow > deadline)
                {
                    // Say where the sign-in stopped (the sign-in page with a message, an issuer step, the callback).
                    var message = await page.Locator(".error, .validation-message, [role=alert]").AllInnerTextsAsync();
                    throw new TimeoutException($"{user} was not back on the home page after signing in; the page is {page.Url}" +
                        (message.Count > 0 ? $" showing “{string.Join(" / ", message)}”" : string.Empty));
                }
                await Task.Delay(200);
            }
            await page.WaitInteractiveAsync();
        }
    }

    /// <summary>
    /// Waits until the page's address is <paramref name="address"/>. Not Playwright's URL wait: it also waits for a load
    /// event, and on a starved machine the CI timed out there on pages that were already at the address.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string address) =>
        page.WaitForAddressAsync(u => u == address, address);

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string)"/>
    public static Task WaitForAddressAsync(this IPage page, System.Text.RegularExpressions.Regex address) =>
        page.WaitForAddressAsync(address.IsMatch, address.ToString());

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string)"/>
    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> address, string? described = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!address(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page stayed at {page.Url}, not {described ?? "the address waited for"}, for 90 s.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Goes to a page and waits until its circuit is connected (clicks before that would be lost).</summary>
    public static async Task GoAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitInteractiveAsync();
    }

    public static Task WaitInteractiveAsync(this IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Picks files on a Blazor file input. Blazor attaches the input's change listener by JS interop after the input is
    /// rendered; files set before that are never seen by the page (official CI lost an import this way on a busy
    /// machine), so this waits for the mark Blazor's init leaves on the element first.
    /// </summary>
    public static async Task PickFilesAsync(this ILocator input, params FilePayload[] files)
    {
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await input.EvaluateAsync<bool>("e => e._blazorInputFileNextFileId !== undefined"))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The file input was not initialised by Blazor within 60 s.");
            }
            await Task.Delay(100);
        }
        await input.SetInputFilesAsync(files);
    }

    /// <summary>Keeps a screenshot of a main page under docs/screenshots/ (shown in the README).</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var directory = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            directory = directory.Parent;
        }
        var target = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "docs", "screenshots");
        Directory.CreateDirectory(target);
        await page.ScreenshotAsync(new() { Path = Path.Combine(target, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Fetches a download link with the page's own session (its cookies): the file's name from the
    /// attachment header and its bytes. Headless chromium's download events are unreliable under load.
    /// </summary>
    public static async Task<(string Name, byte[] Content)> DownloadAsync(this IPage page, ILocator link)
    {
        var href = await link.GetAttributeAsync("href");
        var response = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
        var body = await response.BodyAsync();
        Assert.True(response.Ok, $"{href}: {response.Status} {System.Text.Encoding.UTF8.GetString(body)}");
        var disposition = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(response.Headers["content-disposition"]);
        return (disposition.FileNameStar ?? disposition.FileName?.Trim('"') ?? "", body);
    }
}
