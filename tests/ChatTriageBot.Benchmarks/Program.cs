using ChatTriageBot.Benchmarks;
using ChatTriageBot.CodeContext;

try
{
    return args switch
    {
        ["slack-ack", .. var rest] => await SlackAckBenchmark.RunAsync(BenchmarkArguments.Parse(rest, SlackAckBenchmark.Options)),
        ["locate", .. var rest] => await LocateBenchmark.RunAsync(BenchmarkArguments.Parse(rest, LocateBenchmark.Options, LocateBenchmark.Flags)),
        ["index", .. var rest] => await IndexBenchmark.RunAsync(BenchmarkArguments.Parse(rest, IndexBenchmark.Options)),
        ["costs", .. var rest] => await CostsBenchmark.RunAsync(BenchmarkArguments.Parse(rest, CostsBenchmark.Options)),
        ["redact-speed", .. var rest] => await RedactSpeedBenchmark.RunAsync(BenchmarkArguments.Parse(rest, RedactSpeedBenchmark.Options)),
        ["redact-fp", .. var rest] => await RedactFalsePositiveBenchmark.RunAsync(BenchmarkArguments.Parse(rest, RedactFalsePositiveBenchmark.Options)),
        ["fuzz", .. var rest] => await FuzzBenchmark.RunAsync(BenchmarkArguments.Parse(rest, FuzzBenchmark.Options)),
        ["load", .. var rest] => await LoadBenchmark.RunAsync(BenchmarkArguments.Parse(rest, LoadBenchmark.Options)),
        _ => Usage(),
    };
}
catch (BenchmarkUsageException e)
{
    Console.Error.WriteLine($"{args[0]}: {e.Message}");
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine($"""
        Usage: dotnet run -c Release --project tests/ChatTriageBot.Benchmarks -- <benchmark> [options]

          slack-ack [--seconds 20] [--rate 200] [--concurrency 16,64,256] [--rounds 3] [--max-seconds 5] [--workers 1] [--postgres "Host=...;Username=..."]
              Signed app_mention deliveries to the bot's POST /slack/events on loopback, side by side with a bare
              ASP.NET endpoint that only returns 200: p50/p90/p99 acknowledgement latency at a fixed rate, and
              closed-loop throughput. --workers 0 measures an accept-only replica (jobs worked elsewhere).

          locate [--data ../shared/bench/localization-dev.jsonl] [--mirrors /work/.mirror] [--repo owner/name] [--limit N]
                 [--id ID,ID] [--baseline off] [--history off] [--prepare off] [--tree owner/name=GITDIR]
                 [--dump FILE] [--trace on] [--without SIGNAL,SIGNAL] [--ablate]
              File-level localization on real bug reports: our ranker against plain BM25 over the same files.
              --without ranks with those signals off; --ablate also ranks every report with each signal off in
              turn and prints what each contributes. The signals, in the order they run:
              {string.Join(", ", CodeRanker.SignalNames)}

          index [--files 10000] [--large-files 50000] [--repo /path/to/mirror] [--baseline off] [--heap-limit-mb N]
              The code index on generated repositories (and a real one): cold index, re-index after 100 changed files,
              query time and memory, against re-tokenizing the commit for every query. Each repository is indexed in a
              process of its own; --heap-limit-mb caps that process's GC heap, as a container's memory limit does.

          costs [--rows 1000000] [--triages 100000] [--days 365] [--repeat 20] [--keep DIR] [--postgres "Host=...;Username=..."]
              /triage cost and digest --dry-run on a generated ledger (SQLite, or a fresh database on that PostgreSQL
              server, dropped at the end), against the same queries without the report indexes and against loading the
              period's rows; --keep DIR keeps (and reuses) the generated SQLite files.

          redact-speed [--kib 256] [--runs 30] [--file PATH] [--profile on]
              Redacting one attachment (a generated support log and the bot's own source, or --file), against the
              redactor before issue 22. --profile on prints the time of each kind and each format alone.

          redact-fp [--mirrors /work/.mirror] [--review .bench/redact-fp-review.tsv] [--list FILE]
              Lines of real source code (HEAD of the mirrors) that redaction flags, each printed with its format and
              its verdict from the review (kept out of the repository), per 10,000 lines, against the old redactor.

          fuzz [--cases 100000] [--seed 20261207] [--concurrency 8]
              The suite's seeded, validly signed bad input against a real bot process's three Slack endpoints: no 5xx,
              no crash, healthy and ready afterwards, and a real mention still answered once.

          load [--seconds 60] [--rate 200] [--processes 1] [--postgres "Host=...;Username=..."] [--drain-seconds 900] [--workers N]
              Signed mentions at a fixed rate spread over real bot processes on one database: acknowledgement latency,
              lost and duplicated answers, every diagnosis posted, each process's memory over the run.
        """);
    return 2;
}
