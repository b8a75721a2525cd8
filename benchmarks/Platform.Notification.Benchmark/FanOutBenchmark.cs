using System.Diagnostics;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Benchmarks.Kit;
using Platform.Contracts.Notification.V1;
using static System.FormattableString;

namespace Platform.Notification.Benchmark;

/// <summary>
/// One bulletin to N unit inboxes through the node's public gRPC port: how long SendBulletin
/// takes to queue it, and how long until the dispatcher has delivered every inbox copy.
/// </summary>
public sealed class FanOutBenchmark(BenchmarkOptions options, TextWriter output, Figures figures)
{
    public async Task<bool> RunAsync()
    {
        using var http = new HttpClient { BaseAddress = options.Http };
        string token;
        try
        {
            using var response = await http.PostAsJsonAsync("/dev/tokens", new { userId = "bench-clerk", name = "基准测试", roles = new[] { "office_staff" } });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenResponse>())?.Token ?? throw new InvalidOperationException("no token in the answer");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            output.WriteLine($"[fan-out] no token from POST {options.Http}dev/tokens ({ex.Message}); is an embedded node running in Development?");
            return false;
        }
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        using var channel = GrpcChannel.ForAddress(options.Grpc, new GrpcChannelOptions { MaxSendMessageSize = 16 * 1024 * 1024 });
        var client = new NotificationService.NotificationServiceClient(channel);

        var request = new SendBulletinRequest
        {
            Kind = "situation_bulletin",
            Title = "关于全市法治政府建设重点任务推进情况的通报（基准测试）",
            Body = "各地各部门认真落实年度工作要点，重点任务总体进展顺利。\n请各单位对照问题清单，抓好整改落实。",
            Audience = "all",
        };
        request.UnitIds.AddRange(Enumerable.Range(0, options.Recipients).Select(_ => Guid.CreateVersion7().ToString()));

        var watch = Stopwatch.StartNew();
        var fanOut = await client.SendBulletinAsync(request, headers);
        var queued = watch.Elapsed;
        output.WriteLine(Invariant($"[fan-out] SendBulletin queued {fanOut.Total} deliveries in {queued.TotalSeconds:F2} s"));

        var progress = fanOut;
        var lastPrint = TimeSpan.Zero;
        while (progress.Pending > 0 && watch.Elapsed < TimeSpan.FromMinutes(15))
        {
            await Task.Delay(250);
            progress = await client.GetFanOutProgressAsync(new GetFanOutProgressRequest { FanOutId = fanOut.Id }, headers);
            if (watch.Elapsed - lastPrint >= TimeSpan.FromSeconds(2))
            {
                lastPrint = watch.Elapsed;
                output.WriteLine(Invariant($"[fan-out]   {watch.Elapsed.TotalSeconds,6:F1} s: sent {progress.Sent}, pending {progress.Pending}, dead {progress.Dead}"));
            }
        }
        var delivered = watch.Elapsed;
        output.WriteLine(Invariant($"[fan-out] {progress.Sent} inboxes delivered ({progress.Dead} dead, {progress.Pending} pending) {delivered.TotalSeconds:F2} s after the call"));
        output.WriteLine(Invariant($"[fan-out] delivery rate {progress.Sent / (delivered - queued).TotalSeconds:F0} inboxes/s after queuing"));
        var rate = progress.Sent / (delivered - queued).TotalSeconds;
        figures.Row(Invariant($"SendBulletin to {fanOut.Total} inboxes: queued / all delivered"), Invariant($"{queued.TotalSeconds:F2} s / {delivered.TotalSeconds:F2} s ({rate:F0} inboxes/s)"));
        figures.Value("bulletin_queued_seconds", queued.TotalSeconds, "s");
        figures.Value("bulletin_delivered_per_second", rate, "inboxes/s");
        return progress.Pending == 0 && progress.Dead == 0;
    }

    private sealed record TokenResponse(string Token);
}
