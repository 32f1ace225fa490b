using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenFreight.Cli;
using GreenFreight.Cli.Simulation;
using Microsoft.Data.Sqlite;

// End-to-end benchmark of the JT/T 808 gateway: the server runs as its own process (Release build) on a fresh SQLite
// database with N extra fleet vehicles, and this process simulates N terminals connected at once, stepping the total
// position rate up. Per step: positions sent and acknowledged per second, ack latency, server memory and CPU.
//
//   dotnet build -c Release GreenFreight.slnx
//   dotnet bench/GreenFreight.Tracking.Bench/bin/Release/net10.0/GreenFreight.Tracking.Bench.dll \
//       --terminals 10000 --rates 5000,10000,20000,40000,60000 --seconds 20 --warmup 5
// Options: --drain S (wait for outstanding acks after a step), --malformed-percent P, --batch-percent B, --senders K,
//          --server-dll PATH (another build of the server), --server-env NAME=VALUE (repeatable, e.g. DOTNET_gcServer=0), --json FILE (results), --server-log FILE (server output), --keep

if (args.Contains("--store")) return await StoreBench.RunAsync(args);
Simulator.PreferInlineSocketCompletions();   // the simulator's setting, before this process's first socket (not the server's)
var o = Options.Parse(args);
var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"GreenFreight tracking benchmark  {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}  {Environment.ProcessorCount} cores  .NET {Environment.Version}  {RuntimeInformation.OSDescription}");

// 10,000 sockets here and 10,000 in the server: the soft open-file limit must allow it (the child inherits it).
var (soft0, hard) = FileLimit.Get();
if (soft0 < hard) FileLimit.RaiseSoftToHard();
var (soft, _) = FileLimit.Get();
var ports = File.Exists("/proc/sys/net/ipv4/ip_local_port_range") ? File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Trim().Replace('\t', '-') : "?";
Console.WriteLine($"open files: soft {soft0} → {soft} (hard {hard}); ephemeral ports {ports}");
if (soft < o.Terminals + 1000) Console.WriteLine($"warning: the open-file limit {soft} is below {o.Terminals} terminals + 1000; raise it (ulimit -n)");

var dir = Directory.CreateTempSubdirectory("gf-bench-").FullName;
var db = Path.Combine(dir, "gf.db");
const string AdminPassword = "Admin#Bench2026", DemoPassword = "Demo#Bench2026";
try
{
    // 1. The database: migrations, Linzi demo data and N fleet vehicles with terminal phones.
    var seedWatch = Stopwatch.StartNew();
    var code = await CliApp.RunAsync(["seed-fleet", "--vehicles", o.Terminals.ToString(inv), "--seed", "808",
        $"--ConnectionStrings:Main=Data Source={db}", $"--Seed:AdminPassword={AdminPassword}", $"--Seed:DemoPassword={DemoPassword}"], Console.Out, Console.Error);
    if (code != 0) return code;
    SqliteConnection.ClearAllPools();
    Console.WriteLine($"seeded in {seedWatch.Elapsed.TotalSeconds:F1} s");
    var terminals = (await TerminalSource.FromDatabaseAsync(TerminalSource.DatabaseConfiguration(db, []))).TakeLast(o.Terminals).ToList();

    // 2. The server, as its own process.
    var port = FreePort();
    using var server = StartServer(o.ServerDll, db, port, AdminPassword, DemoPassword, o.ServerEnv, out var lines);
    var started = Stopwatch.StartNew();
    while (!lines.Any(l => l.Contains("JT/T 808:", StringComparison.Ordinal)) && !server.HasExited && started.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(100);
    if (server.HasExited || !lines.Any(l => l.Contains("JT/T 808:", StringComparison.Ordinal)))
    {
        Console.Error.WriteLine("server did not start:\n" + string.Join('\n', lines));
        return 2;
    }
    if (o.ServerEnv.Length > 0) Console.WriteLine($"server environment: {string.Join(' ', o.ServerEnv)}");
    Console.WriteLine($"server pid {server.Id} up in {started.Elapsed.TotalSeconds:F1} s, JT/T 808 on port {port}, RSS {ProcStatus.RssMb(server.Id):F0} MB");

    // 3. Connect every terminal (rate 0: heartbeats only).
    var rows = new List<JsonObject>();
    long totalAcked;
    await using (var sim = new Simulator(new SimulatorOptions
                 {
                     Port = port, Rate = 0, MalformedPercent = o.MalformedPercent, BatchPercent = o.BatchPercent, Senders = o.Senders,
                     ConnectConcurrency = 512,
                 }, terminals))
    {
        var connect = Stopwatch.StartNew();
        await sim.StartAsync();
        var c = sim.Sample();
        Console.WriteLine($"connected {c.Connected:N0}/{terminals.Count:N0} terminals in {connect.Elapsed.TotalSeconds:F1} s (refused {c.Refusals}, failures {c.ConnectFailures}); server RSS {ProcStatus.RssMb(server.Id):F0} MB");
        if (c.Connected == 0) return 2;

        // 4. Rate steps: warm up, measure, drain.
        foreach (var rate in o.Rates)
        {
            sim.Rate = rate;
            await Task.Delay(TimeSpan.FromSeconds(o.Warmup));
            var s0 = sim.Sample();
            var serverCpu0 = ProcStatus.CpuSeconds(server.Id);
            var selfCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var machine0 = ProcStatus.MachineBusySeconds();
            var wall = Stopwatch.StartNew();
            var previous = s0;
            var perSecond = new List<double>();
            for (var i = 0; i < o.Seconds; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var now = sim.Sample();
                var d = now - previous;
                perSecond.Add(d.AckedPerSecond);
                Console.WriteLine(string.Create(inv, $"  {rate,6:N0}/s  t={i + 1,2}s  sent {d.SentPerSecond,7:N0}/s  acked {d.AckedPerSecond,7:N0}/s  in flight {now.InFlight,7:N0}  p99 {d.Latency.Percentile(99) / 1000.0,8:F1} ms"));
                previous = now;
            }
            var s1 = sim.Sample();
            var seconds = wall.Elapsed.TotalSeconds;
            var serverCpu = (ProcStatus.CpuSeconds(server.Id) - serverCpu0) / seconds;
            var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfCpu0) / seconds;
            var machineCpu = (ProcStatus.MachineBusySeconds() - machine0) / seconds;
            var step = s1 - s0;
            var ok = step.Latency.Percentile(99) < 100_000 && step.PositionsAcked >= 0.99 * step.PositionsSent && step.SentPerSecond >= 0.97 * rate;
            var row = new JsonObject
            {
                ["rate"] = rate,
                ["seconds"] = Math.Round(step.Seconds, 1),
                ["connected"] = step.Connected,
                ["sentPerSecond"] = Math.Round(step.SentPerSecond),
                ["ackedPerSecond"] = Math.Round(step.AckedPerSecond),
                ["ackedPerSecondMin"] = Math.Round(perSecond.Min()),
                // Position frames (0x0200, or 0x0704 with 2–5 positions): the TCP round trips, which cost more than the positions.
                ["framesPerSecond"] = Math.Round(step.PositionFrames / step.Seconds),
                ["p50Ms"] = Math.Round(step.Latency.Percentile(50) / 1000.0, 2),
                ["p95Ms"] = Math.Round(step.Latency.Percentile(95) / 1000.0, 2),
                ["p99Ms"] = Math.Round(step.Latency.Percentile(99) / 1000.0, 2),
                ["maxMs"] = Math.Round(step.Latency.MaxMicros / 1000.0, 2),
                ["inFlightAtEnd"] = s1.InFlight,
                ["lost"] = step.PositionsLost,
                ["reconnects"] = step.Reconnects,
                ["malformed"] = step.MalformedSent,
                ["serverRssMb"] = Math.Round(ProcStatus.RssMb(server.Id)),
                ["serverPeakRssMb"] = Math.Round(ProcStatus.PeakRssMb(server.Id)),
                ["serverCpuPercent"] = Math.Round(serverCpu * 100),
                ["simulatorCpuPercent"] = Math.Round(selfCpu * 100),
                // Everything else on the (shared) machine: other processes, and kernel time not charged to either.
                ["otherCpuPercent"] = Math.Round(Math.Max(0, machineCpu - serverCpu - selfCpu) * 100),
                ["machineCpuPercent"] = Math.Round(machineCpu * 100),
                ["ok"] = ok,
            };
            rows.Add(row);
            Console.WriteLine($"  → {row.ToJsonString()}");
            sim.Rate = 0;
            var drainWatch = Stopwatch.StartNew();
            var drained = await sim.DrainAsync(TimeSpan.FromSeconds(o.Drain));
            Console.WriteLine($"  drained: {drained} in {drainWatch.Elapsed.TotalSeconds:F1} s (in flight {sim.Sample().InFlight:N0})");
        }
        totalAcked = sim.Sample().PositionsAcked;
    }

    // 5. Every acknowledged position is in the database.
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    if (o.ServerLog is not null) await File.WriteAllLinesAsync(o.ServerLog, lines);
    long stored;
    await using (var conn = new SqliteConnection($"Data Source={db};Pooling=False"))
    {
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM ({GreenFreight.Server.Tracking.SqliteTrackInbox.AllPointsSql})";
        stored = (long)(await cmd.ExecuteScalarAsync())!;
    }
    Console.WriteLine($"acknowledged {totalAcked:N0} positions in all; {stored:N0} positions stored");

    Console.WriteLine();
    Console.WriteLine("| total rate requested (pos/s) | sent (pos/s) | frames (1/s) | acked (pos/s) | ack p50 (ms) | ack p95 (ms) | ack p99 (ms) | ack max (ms) | server RSS (MB) | server CPU | simulator CPU | other CPU | p99 < 100 ms and acked ≈ sent |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
    foreach (var r in rows)
        Console.WriteLine(string.Create(inv,
            $"| {(double)r["rate"]!:N0} | {(double)r["sentPerSecond"]!:N0} | {(double)r["framesPerSecond"]!:N0} | {(double)r["ackedPerSecond"]!:N0} | {(double)r["p50Ms"]!:F1} | {(double)r["p95Ms"]!:F1} | {(double)r["p99Ms"]!:F1} | {(double)r["maxMs"]!:F0} | {(double)r["serverRssMb"]!:F0} | {(double)r["serverCpuPercent"]!:F0} % | {(double)r["simulatorCpuPercent"]!:F0} % | {(double)r["otherCpuPercent"]!:F0} % | {((bool)r["ok"]! ? "yes" : "no")} |"));
    var best = rows.Where(r => (bool)r["ok"]!).Select(r => (double)r["ackedPerSecond"]!).DefaultIfEmpty(0).Max();
    Console.WriteLine();
    Console.WriteLine(string.Create(inv, $"highest step with p99 < 100 ms and acked ≈ sent: {best:N0} positions/s end to end"));
    var result = new JsonObject
    {
        ["date"] = DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", inv),
        ["cores"] = Environment.ProcessorCount,
        ["terminals"] = o.Terminals,
        ["openFiles"] = soft,
        ["steps"] = new JsonArray([.. rows]),
        ["acked"] = totalAcked,
        ["stored"] = stored,
        ["bestOkAckedPerSecond"] = best,
    };
    if (o.JsonOut is not null) await File.WriteAllTextAsync(o.JsonOut, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    return stored >= totalAcked ? 0 : 3;
}
finally
{
    SqliteConnection.ClearAllPools();
    if (!o.Keep) try { Directory.Delete(dir, true); } catch (IOException) { }
    else Console.WriteLine($"kept {dir}");
}

static int FreePort()
{
    var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    var port = ((IPEndPoint)l.LocalEndpoint).Port;
    l.Stop();
    return port;
}

static Process StartServer(string dll, string db, int port, string adminPassword, string demoPassword, IEnumerable<string> env, out ConcurrentQueue<string> lines)
{
    var psi = new ProcessStartInfo("dotnet")
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    // The server is measured with its own settings, not the simulator's.
    psi.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
    foreach (var e in env)
    {
        var eq = e.IndexOf('=', StringComparison.Ordinal);
        psi.Environment[e[..eq]] = e[(eq + 1)..];
    }
    foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{FreePort()}", "--Jt808:Port", port.ToString(CultureInfo.InvariantCulture),
                 "--ConnectionStrings:Main", $"Data Source={db}", "--Seed:AdminPassword", adminPassword, "--Seed:DemoPassword", demoPassword,
                 "--Logging:LogLevel:Default=Warning" })
        psi.ArgumentList.Add(a);
    var p = Process.Start(psi)!;
    var q = new ConcurrentQueue<string>();
    p.OutputDataReceived += (_, e) => { if (e.Data is not null) q.Enqueue(e.Data); };
    p.ErrorDataReceived += (_, e) => { if (e.Data is not null) q.Enqueue(e.Data); };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    lines = q;
    return p;
}

sealed record Options(int Terminals, double[] Rates, int Seconds, int Warmup, int Drain, double MalformedPercent, double BatchPercent, int Senders, string ServerDll, string? JsonOut, string? ServerLog, string[] ServerEnv, bool Keep)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var inv = CultureInfo.InvariantCulture;
        var root = FindRoot();
        return new Options(
            int.Parse(Get("--terminals") ?? "10000", inv),
            (Get("--rates") ?? "5000,10000,20000,40000,60000").Split(',').Select(r => double.Parse(r, inv)).ToArray(),
            int.Parse(Get("--seconds") ?? "20", inv),
            int.Parse(Get("--warmup") ?? "5", inv),
            int.Parse(Get("--drain") ?? "60", inv),
            double.Parse(Get("--malformed-percent") ?? "0", inv),
            double.Parse(Get("--batch-percent") ?? "5", inv),
            int.Parse(Get("--senders") ?? "1", inv),
            Get("--server-dll") ?? Path.Combine(root, "src", "GreenFreight.Server", "bin", "Release", "net10.0", "GreenFreight.Server.dll"),
            Get("--json"),
            Get("--server-log"),
            [.. args.Select((a, i) => (a, i)).Where(x => x.a == "--server-env" && x.i + 1 < args.Length).Select(x => args[x.i + 1])],
            args.Contains("--keep"));
    }

    static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "GreenFreight.slnx"))) d = d.Parent;
        return d?.FullName ?? Directory.GetCurrentDirectory();
    }
}

/// <summary>Memory and CPU time of a process from /proc (Linux).</summary>
static class ProcStatus
{
    static double Field(int pid, string name)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static double RssMb(int pid) => Field(pid, "VmRSS");
    public static double PeakRssMb(int pid) => Field(pid, "VmHWM");

    /// <summary>Busy CPU seconds of the whole machine, all cores (/proc/stat: everything but idle and iowait).</summary>
    public static double MachineBusySeconds()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return (f.Sum() - f[3] - f[4]) / 100.0;
    }

    /// <summary>User + system CPU seconds (fields 14 and 15 of /proc/pid/stat, in clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}

/// <summary>RLIMIT_NOFILE through libc (Linux): the soft limit may be raised up to the hard one without privileges.</summary>
static class FileLimit
{
    [StructLayout(LayoutKind.Sequential)]
    struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    const int RlimitNofile = 7;

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    static extern int SetRLimit(int resource, in RLimit limit);

    public static (long Soft, long Hard) Get()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out var l) != 0) return (-1, -1);
        return ((long)Math.Min(l.Current, long.MaxValue), (long)Math.Min(l.Max, long.MaxValue));
    }

    public static void RaiseSoftToHard()
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out var l) != 0) return;
        l.Current = l.Max;
        if (SetRLimit(RlimitNofile, l) != 0) Console.WriteLine($"setrlimit failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
