using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Platform.Contracts.Events.Inspection;
using Platform.Testing;
using NotificationApi = Platform.Contracts.Notification.V1;
using Proto = Platform.Contracts.Planning.V1;
using RectificationApi = Platform.Contracts.Rectification.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// The office console hosted by a distributed node's gateway (Production): its accounts on
/// PostgreSQL, its assets served, and its calls reaching the planning service through the
/// gateway's own gRPC route with the signed-in person's token.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed partial class ConsoleAtGatewayTests(DistributedNode node)
{
    [SkippableFact]
    public async Task The_first_run_operator_signs_in_at_the_gateway_and_sees_units_read_through_the_api()
    {
        node.SkipIfUnavailable();
        var unitName = SliceScenario.UniqueName("网关测试局");
        var planning = new Proto.PlanningService.PlanningServiceClient(node.CreateGatewayChannel());
        await planning.CreateUnitAsync(new() { Name = unitName, ShortName = unitName, Kind = "department", RegionCode = "320600" },
            SliceScenario.Bearer(node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-"))));

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{node.GatewayHttpPort}") };

        // An anonymous visit goes through the node's own OpenID Connect issuer to its sign-in page.
        var (signInUrl, signInPage) = await FollowAsync(http, "/");
        Assert.StartsWith("/signin", signInUrl, StringComparison.Ordinal);
        var stylesheet = Stylesheet().Match(signInPage).Groups[1].Value;
        using var css = await http.GetAsync("/" + stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);

        var wrong = await SignInAsync(http, signInUrl, signInPage, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("账号或密码错误。", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        var (retryUrl, retryPage) = await FollowAsync(http, signInUrl);
        var signedIn = await SignInAsync(http, retryUrl, retryPage, DistributedNode.ConsoleOperatorPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // The code flow back to the console: authorize, the console's callback, home.
        var (homeUrl, homePage) = await FollowAsync(http, signedIn.Headers.Location!.ToString());
        Assert.Equal("/", homeUrl);
        var home = WebUtility.HtmlDecode(homePage);
        Assert.Contains("节点管理员", home);
        Assert.Contains(unitName, home);
    }

    [SkippableFact]
    public async Task Docx_and_xlsx_downloads_pass_through_the_gateway_and_a_recipient_unit_downloads_its_bulletin()
    {
        node.SkipIfUnavailable();
        var clerk = node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-"));
        var unit = Guid.CreateVersion7();
        var liaison = node.Tokens.Liaison(unit);
        var notification = new NotificationApi.NotificationService.NotificationServiceClient(node.CreateGatewayChannel());
        var bulletin = new NotificationApi.SendBulletinRequest
        {
            Kind = "situation_bulletin", Title = SliceScenario.UniqueName("关于下载测试的通报"), Body = "请各单位对照问题清单抓好整改。", Audience = "all",
        };
        bulletin.UnitIds.Add(unit.ToString());
        var fanOut = await notification.SendBulletinAsync(bulletin, SliceScenario.Bearer(clerk));
        // The notification service delivers in the background: the unit has received it once its inbox shows it.
        await Eventually.GetAsync(async () =>
            (await notification.ListInboxAsync(new NotificationApi.ListInboxRequest { UnitId = unit.ToString() }, SliceScenario.Bearer(liaison)))
                .Messages.FirstOrDefault(m => m.DocumentId == fanOut.DocumentId),
            TimeSpan.FromSeconds(60), "the bulletin in the unit's inbox");

        using var http = node.CreateGatewayClient();
        var docxPath = $"/api/notification/v1/documents/{fanOut.DocumentId}/docx";
        foreach (var (token, who) in new[] { (clerk, "the office"), (liaison, "the recipient unit") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, docxPath) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            using var docx = await http.SendAsync(request);
            Assert.True(docx.StatusCode == HttpStatusCode.OK, $"{who}: {docx.StatusCode}");
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
            Assert.Equal("PK"u8.ToArray(), (await docx.Content.ReadAsByteArrayAsync())[..2]);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Get, docxPath) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(Guid.CreateVersion7())) } })
        {
            using var stranger = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        }
        // A unit's ledger holds its rectification items (an empty one is NotFound, as for a unit the caller may not see):
        // an inspection's feedback on the node's broker opens one for the unit.
        await node.PublishAsync(new FeedbackGiven(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年行政执法专项督察", "special_topic", unit, SliceScenario.UniqueName("下载测试局"),
            [new FedBackFinding(Guid.CreateVersion7(), "执法案卷归档不及时", "案卷未按期归档。", "崇川区", "行政执法", "general")],
            "inspector-it", DateTimeOffset.UtcNow, DistributedNode.NodeId));
        var rectification = new RectificationApi.RectificationService.RectificationServiceClient(node.CreateGatewayChannel());
        await Eventually.GetAsync(
            async () => (await rectification.ListItemsAsync(new RectificationApi.ListItemsRequest { UnitId = unit.ToString() }, SliceScenario.Bearer(clerk))).Items.SingleOrDefault(),
            TimeSpan.FromSeconds(60), "the rectification item opened for the unit from the feedback");
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/rectification/v1/ledger/workbook?unitId={unit}") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", clerk) } })
        {
            using var xlsx = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
            Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
        }

        // The console's download path at the gateway fetches the same file from the API with the session's token
        // (over the gateway's own gRPC listener): the operator's session reaches the API, which refuses case material.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{node.GatewayHttpPort}") };
        var (signInUrl, signInPage) = await FollowAsync(browser, "/");
        var signedIn = await SignInAsync(browser, signInUrl, signInPage, DistributedNode.ConsoleOperatorPassword);
        await FollowAsync(browser, signedIn.Headers.Location!.ToString());
        using var refused = await browser.GetAsync("/downloads" + docxPath);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("无权下载此文件。", await refused.Content.ReadAsStringAsync());
    }

    private static async Task<(string Url, string Body)> FollowAsync(HttpClient http, string url)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await http.GetAsync(url);
            if ((int)response.StatusCode is < 300 or >= 400)
            {
                response.EnsureSuccessStatusCode();
                return (url, await response.Content.ReadAsStringAsync());
            }

            var location = response.Headers.Location!;
            url = location.IsAbsoluteUri ? location.PathAndQuery : location.ToString();
        }

        throw new InvalidOperationException($"more than 10 redirects from {url}");
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string signInUrl, string signInPage, string password)
    {
        var token = AntiforgeryToken().Match(signInPage).Groups[1].Value;
        return await http.PostAsync(signInUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "admin",
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("href=\"(_content/Platform.Console/[^\"]+\\.css)\"")]
    private static partial Regex Stylesheet();
}
