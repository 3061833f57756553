using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse; // MailKit has one too

namespace BlendPos.Tests.Fakes.Smtp;

/// <summary>
/// An SMTP server inside the test process on 127.0.0.1 (SmtpServer), keeping every message it accepts as a MimeKit
/// <see cref="MimeMessage"/>. Point the app's <c>SMTP_HOST</c>/<c>SMTP_PORT</c> at it (<see cref="Settings"/>).
/// <code>
/// await using var smtp = await FakeSmtp.StartAsync();
/// ... app sends ...
/// var mensajes = await smtp.EsperarAsync(1, TimeSpan.FromSeconds(10));
/// </code>
/// Switches: <see cref="CaidoAsync"/> closes the port (connection refused) and reopens it on the same number;
/// <see cref="RechazarMensajes"/> answers the DATA of every message with a transient 451.
/// </summary>
public sealed class FakeSmtp : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly List<MimeMessage> _mensajes = [];
    private readonly List<(int Cantidad, TaskCompletionSource Listo)> _esperas = [];
    private readonly string? _usuario;
    private readonly string? _clave;
    private CancellationTokenSource? _parar;
    private Task? _corriendo;
    private volatile bool _rechazar;
    private int _rechazados;

    private FakeSmtp(string? usuario, string? clave)
    {
        _usuario = usuario;
        _clave = clave;
    }

    /// <summary>The port it listens on (chosen by the OS at start, kept across <see cref="CaidoAsync"/>).</summary>
    public int Port { get; private set; }

    public string Host => "127.0.0.1";

    /// <summary>Every accepted message, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Mensajes
    {
        get { lock (_lock) return _mensajes.ToList(); }
    }

    /// <summary>Messages refused while <see cref="RechazarMensajes"/> was on.</summary>
    public int Rechazados => Volatile.Read(ref _rechazados);

    /// <summary>The app settings that send to this server (plain SMTP, and the credentials when it requires them).</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SMTP_HOST"] = Host,
        ["SMTP_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SMTP_TLS"] = "none",
        ["SMTP_FROM"] = "Kiosco de Prueba <facturas@kiosco.test>",
        ["SMTP_USER"] = _usuario,
        ["SMTP_PASSWORD"] = _clave,
    };

    /// <param name="usuario">With a user and password, the server requires AUTH (plain text allowed: no TLS here).</param>
    public static async Task<FakeSmtp> StartAsync(string? usuario = null, string? clave = null)
    {
        var smtp = new FakeSmtp(usuario, clave);
        await smtp.EscucharAsync(new IPEndPoint(IPAddress.Loopback, 0));
        return smtp;
    }

    /// <summary>
    /// Completes when at least <paramref name="cantidad"/> messages have arrived (returning all of them), or throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>. Woken by each arrival: no polling.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> EsperarAsync(int cantidad, TimeSpan timeout)
    {
        TaskCompletionSource listo;
        lock (_lock)
        {
            if (_mensajes.Count >= cantidad) return _mensajes.ToList();
            listo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _esperas.Add((cantidad, listo));
        }
        try
        {
            await listo.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {cantidad} e-mail(s); {Mensajes.Count} arrived.");
        }
        return Mensajes;
    }

    /// <summary>Down: the port is closed and a client gets «connection refused». Up again: the same port reopens.</summary>
    public async Task CaidoAsync(bool caido)
    {
        if (caido) await DetenerAsync();
        else if (_corriendo is null) await EscucharAsync(new IPEndPoint(IPAddress.Loopback, Port));
    }

    /// <summary>On: every message is refused at DATA with 451 (a transient failure a client should retry).</summary>
    public void RechazarMensajes(bool rechazar) => _rechazar = rechazar;

    public async ValueTask DisposeAsync() => await DetenerAsync();

    private async Task EscucharAsync(IPEndPoint endpoint)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("fake-smtp.test")
            .Endpoint(b =>
            {
                b.Endpoint(endpoint);
                if (_usuario is not null) b.AuthenticationRequired().AllowUnsecureAuthentication();
            })
            .Build();
        var listeners = new EndpointListenerFactory();
        var escuchando = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => escuchando.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Buzon(this));
        if (_usuario is not null) services.Add(new Credenciales(_usuario, _clave ?? ""));

        _parar = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        _corriendo = server.StartAsync(_parar.Token);
        // StartAsync binds before its first await; a bind failure faults the task instead of starting.
        if (await Task.WhenAny(escuchando.Task, _corriendo).WaitAsync(TimeSpan.FromSeconds(10)) == _corriendo)
            await _corriendo;
        Port = await escuchando.Task;
    }

    private async Task DetenerAsync()
    {
        if (_corriendo is null) return;
        await _parar!.CancelAsync();
        try
        {
            await _corriendo;
        }
        catch (OperationCanceledException)
        {
        }
        _parar.Dispose();
        _corriendo = null;
    }

    private void Recibido(MimeMessage mensaje)
    {
        List<TaskCompletionSource> listos;
        lock (_lock)
        {
            _mensajes.Add(mensaje);
            var cumplidas = _esperas.Where(e => _mensajes.Count >= e.Cantidad).ToList();
            foreach (var e in cumplidas) _esperas.Remove(e);
            listos = cumplidas.Select(e => e.Listo).ToList();
        }
        foreach (var listo in listos) listo.TrySetResult();
    }

    private sealed class Buzon(FakeSmtp smtp) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (smtp._rechazar)
            {
                Interlocked.Increment(ref smtp._rechazados);
                return new SmtpResponse(SmtpServer.Protocol.SmtpReplyCode.Aborted, "Fake SMTP: rechazado a pedido del test");
            }
            using var stream = new MemoryStream(buffer.ToArray());
            smtp.Recibido(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Credenciales(string usuario, string clave) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == usuario && password == clave);
    }
}
