using System.Diagnostics;
using System.Net;

namespace ChatTriageBot.Benchmarks;

/// <summary>Open-loop (fixed rate, latency from the scheduled send time) and closed-loop (max throughput) load on loopback.</summary>
internal sealed class LoadGenerator(HttpClient client)
{
    /// <summary>
    /// Sends <paramref name="requests"/> at <paramref name="rate"/> per second on schedule, whether or not earlier ones
    /// finished, so queueing shows up in the latency (no coordinated omission).
    /// </summary>
    public async Task<FixedRateResult> RunFixedRateAsync(IReadOnlyList<Func<HttpRequestMessage>> requests, int rate, CancellationToken cancellationToken)
    {
        var latencies = new double[requests.Count];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var scheduled = TimeSpan.FromSeconds((double)i / rate);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                using var request = requests[index]();
                using var response = await client.SendAsync(request, cancellationToken);
                latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new FixedRateResult(requests.Count, failures, requests.Count / elapsed.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies[^1]);
    }

    /// <summary><paramref name="concurrency"/> clients sending back to back for <paramref name="duration"/>.</summary>
    public async Task<ClosedLoopResult> RunClosedLoopAsync(Func<HttpRequestMessage> next, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var completed = 0;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                using var request = next();
                using var response = await client.SendAsync(request, cancellationToken);
                Interlocked.Increment(ref completed);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        return new ClosedLoopResult(completed, failures, completed / clock.Elapsed.TotalSeconds);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record FixedRateResult(int Requests, int NonOk, double AchievedRate, double P50, double P90, double P99, double Max);

internal sealed record ClosedLoopResult(int Requests, int NonOk, double Throughput);
