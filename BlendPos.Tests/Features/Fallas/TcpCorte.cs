using System.Net;
using System.Net.Sockets;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// A TCP forwarder between the app and PostgreSQL that the test can cut: <see cref="Cortar"/> resets every open
/// connection and refuses new ones (to the app, the database is down), <see cref="Abrir"/> lets them through again.
/// It makes one test's database unreachable without stopping the shared test cluster.
/// </summary>
public sealed class TcpCorte : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _destino;
    private readonly List<TcpClient> _abiertas = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _cts;

    public int Port { get; } = Infrastructure.RestartableAppServer.FreePort();

    public TcpCorte(string host, int destino)
    {
        _host = host;
        _destino = destino;
        Abrir();
    }

    public void Abrir()
    {
        if (_listener is not null) return;
        _cts = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AceptarAsync(listener, _cts.Token);
    }

    public void Cortar()
    {
        if (_listener is null) return;
        _cts!.Cancel();
        _listener.Stop();
        _listener = null;
        lock (_abiertas)
        {
            foreach (var c in _abiertas)
            {
                try
                {
                    // RST, like a dropped server (Client is null once disposed, or before the outgoing side connected).
                    if (c.Client is { Connected: true } socket) socket.LingerState = new LingerOption(true, 0);
                    c.Dispose();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException) { }
            }
            _abiertas.Clear();
        }
    }

    private async Task AceptarAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient entrante;
            try { entrante = await listener.AcceptTcpClientAsync(ct); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = ReenviarAsync(entrante, ct);
        }
    }

    private async Task ReenviarAsync(TcpClient entrante, CancellationToken ct)
    {
        var saliente = new TcpClient();
        lock (_abiertas) _abiertas.AddRange([entrante, saliente]);
        try
        {
            await saliente.ConnectAsync(_host, _destino, ct);
            var a = entrante.GetStream();
            var b = saliente.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException) { }
        finally
        {
            entrante.Dispose();
            saliente.Dispose();
            lock (_abiertas)
            {
                _abiertas.Remove(entrante);
                _abiertas.Remove(saliente);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cortar();
        return ValueTask.CompletedTask;
    }
}
