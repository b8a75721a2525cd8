using System.Net;
using System.Net.Sockets;

namespace Platform.WebConsole.Tests;

/// <summary>
/// An HTTP/2 listener that counts the calls it is sent (their HEADERS frames) and answers none of them; hanging up
/// fails the calls under way as a node that went away would.
/// </summary>
internal sealed class SilentNode : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serving;
    private TcpClient? _client;
    private int _calls;

    public SilentNode()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Address => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Task FirstCall => _firstCall.Task;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Goes away as a node does: the connection drops and new ones are refused, so no call waits on a backlog.</summary>
    public void HangUp()
    {
        _listener.Stop();
        _client?.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            _client = await _listener.AcceptTcpClientAsync();
            var stream = _client.GetStream();
            // The server's (empty) SETTINGS frame, then the client's preface and frames are read and never answered.
            await stream.WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0 });
            await stream.ReadExactlyAsync(new byte[24]);
            var header = new byte[9];
            while (true)
            {
                await stream.ReadExactlyAsync(header);
                await stream.ReadExactlyAsync(new byte[(header[0] << 16) | (header[1] << 8) | header[2]]);
                if (header[3] == 1)
                {
                    Interlocked.Increment(ref _calls);
                    _firstCall.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException or SocketException)
        {
            // Hung up.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _listener.Stop();
        await _serving;
    }
}
