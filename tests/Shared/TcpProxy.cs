using System.Net;
using System.Net.Sockets;

namespace Actors.Tests.Shared;

/// <summary>
/// Forwards a loopback port to a server, and can cut every connection and refuse new ones (an outage)
/// and then come back on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Listen(0);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; private set; }

    /// <summary>Cuts every open connection and refuses new ones.</summary>
    public void Stop()
    {
        _running?.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Resume() => Listen(Port);

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _running = new CancellationTokenSource();
        _ = AcceptAsync(listener, _running.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PumpAsync(client, cancellationToken);
        }
    }

    private async Task PumpAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var upstream = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, cancellationToken);
            var down = client.GetStream().CopyToAsync(upstream.GetStream(), cancellationToken);
            var up = upstream.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            await Task.WhenAny(down, up);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The outage, or one side hung up: either way this connection is over.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
