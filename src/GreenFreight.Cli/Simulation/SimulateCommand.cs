using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenFreight.Cli.Simulation;

/// <summary>
/// <c>greenfreight simulate --terminals N --rate R --duration S</c>: N simulated terminals against a running gateway,
/// a progress line a second, a summary (or one JSON object with <c>--json</c>; progress then goes to stderr).
/// </summary>
public static class SimulateCommand
{
    public const string Usage = """
        用法 usage: greenfreight simulate --terminals N --rate R --duration S [options]
          --terminals N          terminals to connect (each a registered vehicle's terminal phone)
          --rate R               total positions per second across all terminals, spread evenly
          --duration S           seconds of sending after every terminal is connected
          --host H --port P      gateway (default 127.0.0.1:8808)
          --db D                 database to read the terminal phones from: SQLite path or connection string, or
                                 PostgreSQL connection string (default: the CLI's database options)
          --phones-file F        phones instead, one a line ("phone" or "phone,plate")
          --malformed-percent P  malformed frames (bad check code, garbage) besides P % of the position messages (default 0)
          --batch-percent B      share of position messages sent as 0x0704 batches of 2–5 (default 5)
          --senders K            sender loops (default 1)
          --json                 one JSON object on stdout at the end
        """;

    public sealed record Settings(SimulatorOptions Options, int Terminals, double DurationSeconds, string? Db, string? PhonesFile, bool Json, string[] DbOptions);

    public static bool TryParse(string[] args, TextWriter error, out Settings settings)
    {
        settings = null!;
        int terminals = 0, port = 8808, senders = 1;
        double rate = -1, duration = -1, malformed = 0, batch = 5;
        string host = "127.0.0.1";
        string? db = null, phones = null;
        var json = false;
        var dbOptions = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Value()
            {
                if (i + 1 >= args.Length) throw new FormatException($"{a} needs a value");
                return args[++i];
            }
            try
            {
                switch (a)
                {
                    case "--terminals": terminals = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--rate": rate = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--duration": duration = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--host": host = Value(); break;
                    case "--port": port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--db": db = Value(); break;
                    case "--phones-file": phones = Value(); break;
                    case "--malformed-percent": malformed = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--batch-percent": batch = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--senders": senders = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--json": json = true; break;
                    default:
                        // Database options of the other commands (--ConnectionStrings:Main=…, --Database:Provider …).
                        if (a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':'))
                        {
                            dbOptions.Add(a);
                            if (!a.Contains('=') && i + 1 < args.Length) dbOptions.Add(args[++i]);
                            break;
                        }
                        throw new FormatException($"unknown option {a}");
                }
            }
            catch (FormatException ex)
            {
                error.WriteLine($"错误 error: {ex.Message}\n\n{Usage}");
                return false;
            }
        }
        string? problem = terminals < 1 ? "--terminals must be at least 1"
            : rate < 0 ? "--rate is required (positions per second, all terminals together)"
            : duration <= 0 ? "--duration is required (seconds)"
            : port is < 1 or > 65535 ? "--port must be 1–65535"
            : malformed is < 0 or > 100 || batch is < 0 or > 100 ? "--malformed-percent and --batch-percent are 0–100"
            : db is not null && phones is not null ? "--db and --phones-file exclude each other"
            : null;
        if (problem is not null)
        {
            error.WriteLine($"错误 error: {problem}\n\n{Usage}");
            return false;
        }
        settings = new Settings(
            new SimulatorOptions { Host = host, Port = port, Rate = rate, MalformedPercent = malformed, BatchPercent = batch, Senders = senders },
            terminals, duration, db, phones, json, [.. dbOptions]);
        return true;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (!TryParse(args, error, out var s)) return CliApp.Usage;
        Simulator.PreferInlineSocketCompletions();   // before any socket of this process (a PostgreSQL lookup opens one)
        List<TerminalIdentity> all;
        if (s.PhonesFile is not null)
        {
            if (!File.Exists(s.PhonesFile)) { error.WriteLine($"文件不存在 file not found: {s.PhonesFile}"); return CliApp.Usage; }
            all = TerminalSource.FromFile(s.PhonesFile);
        }
        else
        {
            all = await TerminalSource.FromDatabaseAsync(TerminalSource.DatabaseConfiguration(s.Db, s.DbOptions), ct);
        }
        if (all.Count < s.Terminals)
        {
            error.WriteLine($"错误 error: only {all.Count} registered terminal phones, {s.Terminals} wanted; add vehicles with `greenfreight seed-fleet --vehicles {s.Terminals - all.Count}`");
            return CliApp.Usage;
        }
        var progress = s.Json ? error : output;
        var result = await RunAsync(s, all.Take(s.Terminals).ToList(), progress, ct);
        if (s.Json) output.WriteLine(result.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        else PrintSummary(result, output);
        return result.Connected == 0 ? CliApp.Failed : CliApp.Ok;
    }

    public sealed record RunResult(Settings Settings, double ConnectSeconds, int Connected, SimulatorSample Sending, SimulatorSample Total, bool Drained)
    {
        public JsonObject ToJson() => new()
        {
            ["terminals"] = Settings.Terminals,
            ["connected"] = Connected,
            ["connectSeconds"] = Math.Round(ConnectSeconds, 2),
            ["rateRequested"] = Settings.Options.Rate,
            ["durationSeconds"] = Math.Round(Sending.Seconds, 2),
            ["positionsSent"] = Total.PositionsSent,
            ["positionsAcked"] = Total.PositionsAcked,
            ["positionsNacked"] = Total.PositionsNacked,
            ["positionsLost"] = Total.PositionsLost,
            ["positionsUnacked"] = Total.PositionsSent - Total.PositionsAcked - Total.PositionsNacked - Total.PositionsLost,
            ["positionFrames"] = Total.PositionFrames,
            ["malformedSent"] = Total.MalformedSent,
            ["heartbeatsSent"] = Total.HeartbeatsSent,
            ["heartbeatsAcked"] = Total.HeartbeatsAcked,
            ["refusals"] = Total.Refusals,
            ["reconnects"] = Total.Reconnects,
            ["connectFailures"] = Total.ConnectFailures,
            ["sentPerSecond"] = Math.Round(Sending.SentPerSecond, 1),
            ["ackedPerSecond"] = Math.Round(Sending.AckedPerSecond, 1),
            ["drained"] = Drained,
            ["ackLatencyMs"] = new JsonObject
            {
                ["p50"] = Ms(Total.Latency.Percentile(50)),
                ["p95"] = Ms(Total.Latency.Percentile(95)),
                ["p99"] = Ms(Total.Latency.Percentile(99)),
                ["max"] = Ms(Total.Latency.MaxMicros),
                ["mean"] = Math.Round(Total.Latency.MeanMicros / 1000, 3),
                ["frames"] = Total.Latency.Count,
            },
        };
    }

    static double Ms(long micros) => Math.Round(micros / 1000.0, 3);

    public static async Task<RunResult> RunAsync(Settings s, IReadOnlyList<TerminalIdentity> terminals, TextWriter progress, CancellationToken ct = default)
    {
        // Nothing is sent until the counters' starting point is taken: every position then counts on both sides.
        await using var sim = new Simulator(s.Options, terminals) { Rate = 0 };
        var connectWatch = Stopwatch.StartNew();
        var connecting = sim.StartAsync(ct);
        while (!connecting.IsCompleted)
        {
            await Task.WhenAny(connecting, Task.Delay(1000, ct));
            var c = sim.Sample();
            progress.WriteLine(FormattableString.Invariant($"[connect {connectWatch.Elapsed.TotalSeconds,5:F1}s] connected {c.Connected:N0}/{terminals.Count:N0}  refused {c.Refusals}  failures {c.ConnectFailures}"));
        }
        await connecting;
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        var start = sim.Sample();
        if (start.Connected == 0)
        {
            progress.WriteLine(FormattableString.Invariant($"no terminal connected to {s.Options.Host}:{s.Options.Port} (refused {start.Refusals}, failures {start.ConnectFailures}): is the gateway running, and are the phones registered?"));
            return new RunResult(s, connectSeconds, 0, start - start, start with { Latency = LatencyHistogram.Snapshot.Empty }, true);
        }
        sim.Rate = s.Options.Rate;
        var previous = start;
        var stopAt = start.Elapsed + TimeSpan.FromSeconds(s.DurationSeconds);
        while (true)
        {
            var left = stopAt - sim.Sample().Elapsed;
            if (left <= TimeSpan.Zero) break;
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), ct);
            var now = sim.Sample();
            if ((now - previous).Elapsed < TimeSpan.FromSeconds(0.5)) continue;   // a last sliver of a second is no rate
            progress.WriteLine(Line(now - start, now - previous, now));
            previous = now;
        }
        sim.Rate = 0;
        var sending = sim.Sample() - start;
        var drained = await sim.DrainAsync(TimeSpan.FromSeconds(15), ct);
        var end = sim.Sample();
        // Positions count from the start of sending; refusals, connect failures and reconnects from the first connection.
        var total = (end - start) with
        {
            Connected = sending.Connected,
            Refusals = end.Refusals,
            ConnectFailures = end.ConnectFailures,
            Reconnects = end.Reconnects,
        };
        return new RunResult(s, connectSeconds, sending.Connected, sending, total, drained);
    }

    static string Line(SimulatorSample run, SimulatorSample second, SimulatorSample absolute) => string.Create(CultureInfo.InvariantCulture,
        $"[{run.Elapsed.TotalSeconds,5:F0}s] conn {second.Connected:N0}  sent {second.SentPerSecond,8:N0}/s  acked {second.AckedPerSecond,8:N0}/s  in flight {second.InFlight,6:N0}  " +
        $"p50 {second.Latency.Percentile(50) / 1000.0,6:F1} ms  p99 {second.Latency.Percentile(99) / 1000.0,7:F1} ms  max {second.Latency.MaxMicros / 1000.0,7:F1} ms  " +
        $"malformed {run.MalformedSent:N0}  refused {absolute.Refusals}  reconnects {absolute.Reconnects}");

    static void PrintSummary(RunResult r, TextWriter o)
    {
        var t = r.Total;
        var l = t.Latency;
        o.WriteLine();
        o.WriteLine(FormattableString.Invariant($"terminals        {r.Connected:N0} connected of {r.Settings.Terminals:N0} in {r.ConnectSeconds:F1} s (refused {t.Refusals}, reconnects {t.Reconnects}, connect failures {t.ConnectFailures})"));
        o.WriteLine(FormattableString.Invariant($"sending          {r.Sending.Seconds:F1} s at {r.Settings.Options.Rate:N0} positions/s requested"));
        o.WriteLine(FormattableString.Invariant($"positions sent   {t.PositionsSent:N0} ({r.Sending.SentPerSecond:N0}/s) in {t.PositionFrames:N0} frames; malformed frames {t.MalformedSent:N0}"));
        o.WriteLine(FormattableString.Invariant($"acknowledged     {t.PositionsAcked:N0} ({r.Sending.AckedPerSecond:N0}/s while sending); refused by 0x8001 {t.PositionsNacked:N0}; lost with a connection {t.PositionsLost:N0}; unanswered {t.PositionsSent - t.PositionsAcked - t.PositionsNacked - t.PositionsLost:N0}"));
        o.WriteLine(FormattableString.Invariant($"heartbeats       {t.HeartbeatsSent:N0} sent, {t.HeartbeatsAcked:N0} acknowledged"));
        o.WriteLine(FormattableString.Invariant($"ack latency      p50 {l.Percentile(50) / 1000.0:F2} ms  p95 {l.Percentile(95) / 1000.0:F2} ms  p99 {l.Percentile(99) / 1000.0:F2} ms  max {l.MaxMicros / 1000.0:F2} ms  ({l.Count:N0} frames)"));
        if (!r.Drained) o.WriteLine("warning          positions were still unacknowledged 15 s after sending stopped");
    }
}
