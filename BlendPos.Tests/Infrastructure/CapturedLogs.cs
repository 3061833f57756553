using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace BlendPos.Tests.Infrastructure;

/// <summary>The app's log events, kept in memory so a test can read what the server logged (and what it did not).</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    /// <summary>Every event rendered as one line (message, properties and exception) for searching.</summary>
    public IEnumerable<string> Lines => _events.Select(e =>
        $"{e.Level} {e.RenderMessage()} {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}");

    /// <summary>Errors and their exceptions, for assertion messages when a request failed.</summary>
    public string Errors => string.Join("\n", _events.Where(e => e.Level >= LogEventLevel.Error)
        .Select(e => $"{e.RenderMessage()} {e.Exception}"));
}
