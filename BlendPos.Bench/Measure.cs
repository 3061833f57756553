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
                    appWall += await LoopAsync(clients, items, from, to, app, appTicks);
                    server.Pause();
                }
                else rawWall += await LoopAsync(clients, items, from, to, raw, rawTicks);
            }
        }
        var serverTicks = server.Disarm();
        return (new Result(Stats.From(appTicks, appWall), Stats.From(serverTicks, appWall), appTicks),
            new Result(Stats.From(rawTicks, rawWall), null, rawTicks));
    }

    /// <summary>Untimed runs first: JIT tiers, connection pools, plan caches and the CPU caches settle.</summary>
    public static Task WarmUpAsync<T>(int clients, IReadOnlyList<T> items, Func<int, T, Task> call) =>
        LoopAsync(clients, items, 0, items.Count, call, new long[items.Count]);

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
