using System.Diagnostics;
using System.Text;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Fallas;

/// <summary>
/// The built app (BlendPos.Web.dll of the same configuration as the tests) as a child process on a 127.0.0.1 port, set
/// up with environment variables like `./blendpos run` does. Unlike the in-process app, <see cref="Kill"/> is a real
/// kill -9: no shutdown hook, no flushing, whatever was in flight is cut.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _env;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; }
    public Uri BaseAddress { get; }

    public AppProcess(string databaseUrl, string? redisUrl, string cachePrefix, int? port = null)
    {
        Port = port ?? RestartableAppServer.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        _env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DATABASE_URL"] = databaseUrl,
            ["REDIS_URL"] = redisUrl ?? "",
            ["JWT_SECRET"] = BlendPosApp.JwtSecret,
            ["BLENDPOS_ADMIN_PASSWORD"] = BlendPosApp.AdminPassword,
            ["BLENDPOS_CACHE_PREFIX"] = cachePrefix,
            ["BLENDPOS_DEMO_DATA"] = "false",
        };
    }

    /// <summary>bin/&lt;Configuration&gt;/net10.0/BlendPos.Web.dll beside the tests' own configuration.</summary>
    public static string WebDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;                 // net10.0
            var configuration = testBin.Parent!.Name;     // Release or Debug
            var dll = Path.Combine(TestServers.RepoRoot, "BlendPos.Web", "bin", configuration, framework, "BlendPos.Web.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"The built app is not at {dll}: build the solution first.");
            return dll;
        }
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts the app and waits until /health answers (200, or 503 when <paramref name="databaseUp"/> is false).</summary>
    public async Task StartAsync(bool databaseUp = true)
    {
        if (Running) throw new InvalidOperationException("The app already runs.");
        var info = new ProcessStartInfo("dotnet")
        {
            // The project folder, like `./blendpos run`: the content root finds wwwroot and appsettings.json there.
            WorkingDirectory = Path.Combine(TestServers.RepoRoot, "BlendPos.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var (k, v) in _env) info.Environment[k] = v;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            try
            {
                var status = (int)(await http.GetAsync("/health")).StatusCode;
                return status == 200 || (!databaseUp && status == 503);
            }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(90), () => "the app to answer /health:\n" + Output);
    }

    /// <summary>kill -9: the process dies at once, mid-request.</summary>
    public void Kill()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Waiting on a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what()}");
            await Task.Delay(50);
        }
    }
}
