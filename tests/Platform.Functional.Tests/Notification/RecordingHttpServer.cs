using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Platform.Testing;

namespace Platform.Functional.Tests.Notification;

/// <summary>One HTTP request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);

/// <summary>
/// A local HTTP server (HttpListener) that records every request and answers with the status
/// the test chooses: a webhook receiver.
/// </summary>
public sealed class RecordingHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public RecordingHttpServer()
    {
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Decides the status of each request; 200 unless the test says otherwise.</summary>
    public Func<RecordedRequest, HttpStatusCode> Respond { get; set; } = _ => HttpStatusCode.OK;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body, DateTimeOffset.UtcNow);
            Requests.Enqueue(request);
            HttpStatusCode status;
            try
            {
                status = Respond(request);
            }
            catch (Exception)
            {
                status = HttpStatusCode.InternalServerError;
            }
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }
}
