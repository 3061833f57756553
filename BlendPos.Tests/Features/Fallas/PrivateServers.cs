using System.Diagnostics;
using Npgsql;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// A throw-away PostgreSQL cluster of this test alone (initdb into a temp folder), which the test may stop and start:
/// the shared test cluster serves every other test and must never go down. As root, initdb and pg_ctl run as the
/// postgres user (they refuse root), like `./blendpos` does.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _bin;
    public int Port { get; }

    private PrivatePostgres(string dir, string bin, int port)
    {
        _dir = dir;
        _bin = bin;
        Port = port;
    }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Pooling=false";

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public static async Task<PrivatePostgres> StartAsync()
    {
        // The newest /usr/lib/postgresql/<version>/bin, as `./blendpos` picks it.
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : new Version(0, 0))
            .FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql");
        var dir = Path.Combine("/tmp", "blendpos-fallas-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        if (IsRoot) await RunAsync("chown", "postgres:postgres", dir);
        var pg = new PrivatePostgres(dir, bin, Infrastructure.RestartableAppServer.FreePort());
        await pg.AsPgAsync("initdb", "-D", Path.Combine(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await pg.StartServerAsync();
        return pg;
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var c = new NpgsqlConnection(ServerConnectionString + ";Database=postgres");
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
        await cmd.ExecuteNonQueryAsync();
    }

    public Task StartServerAsync() => AsPgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-l", Path.Combine(_dir, "log"), "-w", "-t", "60",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=off -c synchronous_commit=off -c max_connections=100", "start");

    /// <summary>Fast shutdown: open transactions are rolled back and every connection is closed at once.</summary>
    public Task StopServerAsync() => AsPgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try { await AsPgAsync("pg_ctl", "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPgAsync(string tool, params string[] args)
    {
        var exe = Path.Combine(_bin, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args]) : RunAsync(exe, args);
    }

    internal static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/",
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {p.ExitCode}: {await stdout} {await stderr}");
    }
}

/// <summary>A redis-server of this test alone, a child process on a free port: stopping it touches no other test.</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "blendpos-fallas-redis-" + Guid.NewGuid().ToString("N")[..10]);
    private Process? _process;
    public int Port { get; } = Infrastructure.RestartableAppServer.FreePort();
    public string Url => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_dir);
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir,
        };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--dir", _dir })
            info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        await Eventually.WaitAsync(async () =>
        {
            if (p.HasExited) throw new InvalidOperationException($"redis-server exited with {p.ExitCode}");
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (System.Net.Sockets.SocketException) { return false; }
        }, TimeSpan.FromSeconds(20), () => $"redis-server on port {Port}");
    }

    /// <summary>kill -9: Redis vanishes with its data (it keeps none on disk here).</summary>
    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
