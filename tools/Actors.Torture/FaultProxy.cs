using System.Net;
using System.Net.Sockets;

namespace Actors.Torture;

/// <summary>
/// A TCP proxy in front of PostgreSQL that can fail in two ways: <see cref="Refuse"/> (the server is down: every connection
/// is cut and new ones are refused) and <see cref="Blackhole"/> (the network drops packets: open connections freeze and new
/// ones are accepted but never answered). The shared test server itself is never touched.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<Socket> _open = [];
    private TcpListener? _listener;
    private volatile bool _blackhole;

    public FaultProxy(string host, int port)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        Listen(0);
    }

    public int Port { get; private set; }

    /// <summary>Cuts every connection and refuses new ones, as a stopped server does.</summary>
    public void Refuse()
    {
        _listener?.Stop();
        _listener = null;
        CutAll();
    }

    /// <summary>Freezes open connections and accepts new ones without ever forwarding a byte.</summary>
    public void Blackhole()
    {
        _blackhole = true;
        _listener ??= Listen(Port);
    }

    /// <summary>Back to normal: forwards again (connections frozen by a black hole are cut, as a TCP timeout would).</summary>
    public void Resume()
    {
        if (_blackhole)
        {
            _blackhole = false;
            CutAll();
        }

        _listener ??= Listen(Port);
    }

    public ValueTask DisposeAsync()
    {
        Refuse();
        return ValueTask.CompletedTask;
    }

    private TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _ = AcceptAsync(listener);
        return listener;
    }

    private void CutAll()
    {
        lock (_open)
        {
            foreach (var socket in _open)
            {
                socket.Dispose();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        if (_blackhole)
        {
            // Accepted, never answered: the caller's connect timeout is all that ends it (or Resume cutting it).
            lock (_open)
            {
                _open.Add(client);
            }

            return;
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_open)
        {
            _open.Add(client);
            _open.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(_target);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The outage, or one side hung up.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                // In a black hole bytes go nowhere: hold them until the connection is cut.
                while (_blackhole)
                {
                    await Task.Delay(50);
                    if (!from.Connected)
                    {
                        return;
                    }
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
