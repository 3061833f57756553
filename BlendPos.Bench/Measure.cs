using System.Diagnostics;

namespace BlendPos.Bench;

/// <summary>Latency percentiles of one measurement, in milliseconds.</summary>
public sealed record Stats(int Count, double P50, double P95, double P99, double Max, double PerSecond)
{
    public static Stats From(long[] ticks, TimeSpan wall)
    {
        if (ticks.Length == 0) return new Stats(0, 0, 0, 0, 0, 0);
        var ms = ticks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new Stats(ms.Length, Rank(ms, 0.50), Rank(ms, 0.95), Rank(ms, 0.99), ms[^1],
            wall > TimeSpan.Zero ? ms.Length / wall.TotalSeconds : 0);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Rank(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>A client-side measurement, plus the app's own time for the same requests when it was an HTTP one.</summary>
/// <remarks><see cref="Ticks"/>: each item's client-side time, in the order of the items.</remarks>
public sealed record Result(Stats Client, Stats? Server, long[] Ticks)
{
    /// <summary>What the runtime did while the app side ran (GC, lock contention, allocations): the profile of a row.</summary>
    public RuntimeCounters? Runtime { get; init; }

    /// <summary>The items with the highest median time over their repetitions.</summary>
    public List<(T Item, double MedianMs)> Slowest<T>(IReadOnlyList<T> items, int count) where T : notnull =>
        items.Select((item, i) => (item, ms: Ticks[i] * 1000.0 / Stopwatch.Frequency))
            .GroupBy(x => x.item)
            .Select(g =>
            {
                var ms = g.Select(x => x.ms).Order().ToArray();
                return (g.Key, ms[ms.Length / 2]);
            })
            .OrderByDescending(x => x.Item2).Take(count).ToList();
}

public static class Measure
{
    /// <summary>
    /// The same items through the app and as raw SQL, interleaved: the work is cut into <paramref name="rounds"/>
    /// slices and each slice runs through one side and then the other (alternating which goes first), so both sides
    /// see the same machine: a burst of load from elsewhere lands on both instead of on whichever ran at that moment.
    /// </summary>
    public static async Task<(Result App, Result Raw)> PairAsync<T>(int clients, IReadOnlyList<T> items,
        Func<int, T, Task> app, Func<int, T, Task> raw, ServerTimings server, int rounds = 10)
    {
        var appTicks = new long[items.Count];
        var rawTicks = new long[items.Count];
        TimeSpan appWall = default, rawWall = default;
        var runtime = RuntimeCounters.Zero;
        var slice = (items.Count + rounds - 1) / rounds;
        server.Arm(items.Count + 64);
        for (var r = 0; r * slice < items.Count; r++)
        {
            var from = r * slice;
            var to = Math.Min(items.Count, from + slice);
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == (r % 2 == 0))
                {
                    server.Resume();
                    var before = RuntimeCounters.Now();
                    appWall += await LoopAsync(clients, items, from, to, app, appTicks);
                    runtime += RuntimeCounters.Now() - before;
                    server.Pause();
                }
                else rawWall += await LoopAsync(clients, items, from, to, raw, rawTicks);
            }
        }
        var serverTicks = server.Disarm();
        return (new Result(Stats.From(appTicks, appWall), Stats.From(serverTicks, appWall), appTicks) { Runtime = runtime },
            new Result(Stats.From(rawTicks, rawWall), null, rawTicks));
    }

    /// <summary>
    /// Untimed runs first: JIT tiers, connection pools, plan caches and the CPU caches settle. The items are run again
    /// until a pass JITs almost nothing (at most 12 passes or 20 s): a shop's server has been up for hours when it is
    /// measured by its cashiers, and a fresh process tiering its code up (Tier0 → instrumented → Tier1, on a background
    /// thread that competes for the 2 cores) measured 13,000 methods and 8 s of JIT inside a 20,000-scan measurement.
    /// </summary>
    public static async Task WarmUpAsync<T>(int clients, IReadOnlyList<T> items, Func<int, T, Task> call)
    {
        var reloj = Stopwatch.StartNew();
        for (var pass = 0; pass < 60 && reloj.Elapsed < TimeSpan.FromSeconds(60); pass++)
        {
            var antes = System.Runtime.JitInfo.GetCompiledMethodCount();
            await LoopAsync(clients, items, 0, items.Count, call, new long[items.Count]);
            var jit = System.Runtime.JitInfo.GetCompiledMethodCount() - antes;
            if (pass > 0 && jit < 10) break;
        }
    }

    /// <summary>
    /// <paramref name="clients"/> loops share items [from, to) (each takes the next one) and time every call with
    /// Stopwatch timestamps; returns the wall time (requests per second = items / wall). No sleeps, no think time.
    /// </summary>
    private static async Task<TimeSpan> LoopAsync<T>(int clients, IReadOnlyList<T> items, int from, int to,
        Func<int, T, Task> call, long[] ticks)
    {
        var next = from - 1;
        var start = Stopwatch.GetTimestamp();
        var loops = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            var client = c;
            loops[c] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < to)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await call(client, items[i]);
                    ticks[i] = Stopwatch.GetTimestamp() - t0;
                }
            });
        }
        await Task.WhenAll(loops);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>One side alone, closed loop (the raw floor of the shift scenario): client-side figures.</summary>
    public static async Task<Stats> ClosedLoopAsync<T>(int clients, IReadOnlyList<T> items, Func<int, T, Task> call)
    {
        var ticks = new long[items.Count];
        var wall = await LoopAsync(clients, items, 0, items.Count, call, ticks);
        return Stats.From(ticks, wall);
    }

    /// <summary><paramref name="count"/> items drawn at random (with repetition) from <paramref name="pool"/>.</summary>
    public static T[] Draw<T>(Random rnd, IReadOnlyList<T> pool, int count)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++) result[i] = pool[rnd.Next(pool.Count)];
        return result;
    }

    /// <summary>The list repeated <paramref name="passes"/> times, each pass shuffled.</summary>
    public static List<T> Passes<T>(Random rnd, IReadOnlyList<T> items, int passes)
    {
        var result = new List<T>(items.Count * passes);
        for (var p = 0; p < passes; p++)
        {
            var pass = items.ToArray();
            rnd.Shuffle(pass);
            result.AddRange(pass);
        }
        return result;
    }
}

/// <summary>
/// The process's runtime counters (the same numbers <c>dotnet-counters</c> shows under System.Runtime), as a difference
/// over a measurement: the app and the load run in this process, so a pause here is a pause of every request in flight.
/// </summary>
public sealed record RuntimeCounters(int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated, long LockContentions,
    long ThreadPoolItems, TimeSpan Cpu, long Jitted = 0, TimeSpan JitTime = default)
{
    public static RuntimeCounters Zero { get; } = new(0, 0, 0, TimeSpan.Zero, 0, 0, 0, TimeSpan.Zero);

    public static RuntimeCounters Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), Monitor.LockContentionCount, ThreadPool.CompletedWorkItemCount,
        Process.GetCurrentProcess().TotalProcessorTime,
        System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    public static RuntimeCounters operator -(RuntimeCounters a, RuntimeCounters b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1,
        a.Gen2 - b.Gen2, a.GcPause - b.GcPause, a.Allocated - b.Allocated, a.LockContentions - b.LockContentions,
        a.ThreadPoolItems - b.ThreadPoolItems, a.Cpu - b.Cpu, a.Jitted - b.Jitted, a.JitTime - b.JitTime);

    public static RuntimeCounters operator +(RuntimeCounters a, RuntimeCounters b) => new(a.Gen0 + b.Gen0, a.Gen1 + b.Gen1,
        a.Gen2 + b.Gen2, a.GcPause + b.GcPause, a.Allocated + b.Allocated, a.LockContentions + b.LockContentions,
        a.ThreadPoolItems + b.ThreadPoolItems, a.Cpu + b.Cpu, a.Jitted + b.Jitted, a.JitTime + b.JitTime);

    /// <summary>Per request: what one operation costs in CPU and allocation, and how often the GC stopped everything.</summary>
    public string Describe(int requests, TimeSpan wall)
    {
        var n = Math.Max(1, requests);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return string.Create(inv, $"CPU {Cpu.TotalMilliseconds / n:0.00} ms/req (process, load included), " +
            $"{Allocated / n / 1024.0:0} KB allocated/req, GC {Gen0}/{Gen1}/{Gen2} (gen0/1/2), pause {GcPause.TotalMilliseconds:0} ms " +
            $"= {100 * GcPause.TotalMilliseconds / Math.Max(1, wall.TotalMilliseconds):0.0} % of the time, " +
            $"{LockContentions / (double)n:0.00} lock contentions/req, {ThreadPoolItems / (double)n:0.0} thread-pool items/req, " +
            $"JIT {Jitted:N0} methods in {JitTime.TotalMilliseconds:0} ms");
    }
}
