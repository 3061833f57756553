using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace BlendPos.Tests.Infrastructure;

/// <summary>The app's log events, kept in memory so a test can read what the server logged (and what it did not).</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private readonly List<(Func<LogEvent, bool> Match, TaskCompletionSource<LogEvent> Done)> _waiters = [];

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        List<(Func<LogEvent, bool> Match, TaskCompletionSource<LogEvent> Done)> matched;
        lock (_waiters)
        {
            matched = _waiters.Where(w => w.Match(logEvent)).ToList();
            foreach (var w in matched) _waiters.Remove(w);
        }
        foreach (var w in matched) w.Done.TrySetResult(logEvent);
    }

    /// <summary>
    /// The first event (already logged or still to come) that <paramref name="match"/> accepts; woken by the logging
    /// itself, no polling. For work the app does in the background (queued jobs) that a test must wait for.
    /// </summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters) _waiters.Add((match, done));
        if (_events.FirstOrDefault(match) is { } earlier)
        {
            lock (_waiters) _waiters.RemoveAll(w => w.Done == done);
            return earlier;
        }
        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_waiters) _waiters.RemoveAll(w => w.Done == done);
            throw new TimeoutException($"No matching log event within {timeout.TotalSeconds:0.#} s. Errors so far:\n{Errors}");
        }
    }

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    /// <summary>Every event rendered as one line (message, properties and exception) for searching.</summary>
    public IEnumerable<string> Lines => _events.Select(e =>
        $"{e.Level} {e.RenderMessage()} {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}");

    /// <summary>Errors and their exceptions, for assertion messages when a request failed.</summary>
    public string Errors => string.Join("\n", _events.Where(e => e.Level >= LogEventLevel.Error)
        .Select(e => $"{e.RenderMessage()} {e.Exception}"));
}
