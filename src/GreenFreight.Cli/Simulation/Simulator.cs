using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GreenFreight.Cli.Simulation;

/// <summary>A terminal to simulate: its SIM number (as registered on a vehicle) and the vehicle's plate.</summary>
public sealed record TerminalIdentity(string Phone, string Plate);

public sealed class SimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8808;

    /// <summary>Total positions per second across all terminals, spread evenly over them (changeable while running).</summary>
    public double Rate { get; init; } = 1_000;

    /// <summary>A malformed frame (half bad check code, half garbage) goes before this share of position messages, in %.</summary>
    public double MalformedPercent { get; init; }

    /// <summary>Share of position messages sent as a 0x0704 batch of 2–5 positions, in %.</summary>
    public double BatchPercent { get; init; } = 5;

    /// <summary>Share of terminals using 2019 headers (the rest 2013), in %.</summary>
    public double Version2019Percent { get; init; } = 5;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections being set up (connect, 0x0100, 0x0102) at once.</summary>
    public int ConnectConcurrency { get; init; } = 256;

    /// <summary>Sender loops; each drives its share of the terminals (1 or 2 on a small machine).</summary>
    public int Senders { get; init; } = 1;

    /// <summary>Pacing period: every tick, the positions due since the last one are sent.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(5);

    public int Seed { get; init; } = 808;
}

/// <summary>Counters of a run at one moment; differences of two samples give an interval.</summary>
public sealed record SimulatorSample
{
    public required TimeSpan Elapsed { get; init; }
    public int Terminals { get; init; }
    public int Connected { get; init; }
    public long InFlight { get; init; }
    public long PositionsSent { get; init; }
    public long PositionsAcked { get; init; }
    /// <summary>Positions answered with a 0x8001 other than success.</summary>
    public long PositionsNacked { get; init; }
    /// <summary>Positions sent on a connection that closed before their acknowledgement.</summary>
    public long PositionsLost { get; init; }
    public long PositionFrames { get; init; }
    public long AckedFrames { get; init; }
    public long MalformedSent { get; init; }
    public long HeartbeatsSent { get; init; }
    public long HeartbeatsAcked { get; init; }
    public long Refusals { get; init; }
    public long Reconnects { get; init; }
    public long ConnectFailures { get; init; }
    public required LatencyHistogram.Snapshot Latency { get; init; }

    /// <summary>The interval from <paramref name="earlier"/> to <paramref name="later"/> (gauges are the later ones).</summary>
    public static SimulatorSample operator -(SimulatorSample later, SimulatorSample earlier) => later with
    {
        Elapsed = later.Elapsed - earlier.Elapsed,
        PositionsSent = later.PositionsSent - earlier.PositionsSent,
        PositionsAcked = later.PositionsAcked - earlier.PositionsAcked,
        PositionsNacked = later.PositionsNacked - earlier.PositionsNacked,
        PositionsLost = later.PositionsLost - earlier.PositionsLost,
        PositionFrames = later.PositionFrames - earlier.PositionFrames,
        AckedFrames = later.AckedFrames - earlier.AckedFrames,
        MalformedSent = later.MalformedSent - earlier.MalformedSent,
        HeartbeatsSent = later.HeartbeatsSent - earlier.HeartbeatsSent,
        HeartbeatsAcked = later.HeartbeatsAcked - earlier.HeartbeatsAcked,
        Refusals = later.Refusals - earlier.Refusals,
        Reconnects = later.Reconnects - earlier.Reconnects,
        ConnectFailures = later.ConnectFailures - earlier.ConnectFailures,
        Latency = later.Latency - earlier.Latency,
    };

    public double Seconds => Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double SentPerSecond => PositionsSent / Seconds;
    public double AckedPerSecond => PositionsAcked / Seconds;
}

/// <summary>
/// Drives many JT/T 808 terminals over TCP against the gateway: each registers (0x0100), authenticates with the code
/// of the 0x8100 reply (0x0102), sends heartbeats (0x0002) and positions (0x0200, some 0x0704 batches, some
/// malformed frames) while driving along Linzi's roads, and reads the 0x8001 acknowledgements. All sockets are
/// asynchronous: one receive loop per connection awaits data without a thread; a few sender loops pace the total rate.
/// The ack latency is measured per frame from the moment it is handed to the socket to the 0x8001 with its serial.
/// </summary>
public sealed class Simulator : IAsyncDisposable
{
    readonly SimulatorOptions _options;
    readonly SimTerminal[] _terminals;
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _lifecycles = [];
    readonly List<Task> _senders = [];
    readonly long _started = Stopwatch.GetTimestamp();
    double _rate;

    internal readonly LatencyHistogram Latency = new();
    internal readonly SemaphoreSlim ConnectGate;
    internal long PositionsSent, PositionsAcked, PositionsNacked, PositionsLost, PositionFrames, AckedFrames, MalformedSent,
        HeartbeatsSent, HeartbeatsAcked, Refusals, Reconnects, ConnectFailures, InFlight;
    internal int Connected;

    public Simulator(SimulatorOptions options, IReadOnlyList<TerminalIdentity> terminals)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminals);
        if (terminals.Count == 0) throw new ArgumentException("No terminals to simulate.", nameof(terminals));
        _options = options;
        _rate = options.Rate;
        ConnectGate = new SemaphoreSlim(Math.Max(1, options.ConnectConcurrency));
        var rng = new Random(options.Seed);
        _terminals = terminals.Select((t, i) => new SimTerminal(this, t, i, new Random(rng.Next()), rng.NextDouble() * 100 < options.Version2019Percent)).ToArray();
    }

    internal SimulatorOptions Options => _options;

    /// <summary>
    /// Asks .NET to run socket completions on its epoll thread instead of handing each to the thread pool
    /// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>). The simulator's receive loops only match a serial and
    /// count, so one hop per acknowledgement fewer is pure gain: on the 2-core bench machine it cut the simulator's CPU
    /// at 40,000 positions/s from 58–61 % to about 49 %. Only takes effect before the process's first socket, and only
    /// when the variable is not set already (so it can still be turned off from outside).
    /// </summary>
    public static void PreferInlineSocketCompletions()
    {
        const string Name = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        if (Environment.GetEnvironmentVariable(Name) is null) Environment.SetEnvironmentVariable(Name, "1");
    }
    internal IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>Total positions per second across all terminals; 0 pauses sending (heartbeats go on).</summary>
    public double Rate
    {
        get => Volatile.Read(ref _rate);
        set => Volatile.Write(ref _rate, Math.Max(0, value));
    }

    /// <summary>
    /// Connects every terminal (registration and authentication included) and returns when each has either become
    /// ready, been refused or failed its first attempt (it keeps retrying). Then starts the sender loops.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var address = IPAddress.TryParse(_options.Host, out var ip) ? ip
            : (await Dns.GetHostAddressesAsync(_options.Host, ct)).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        EndPoint = new IPEndPoint(address, _options.Port);
        foreach (var t in _terminals) _lifecycles.Add(t.RunAsync(_stop.Token));
        await Task.WhenAll(_terminals.Select(t => t.FirstAttempt)).WaitAsync(ct);
        var senders = Math.Clamp(_options.Senders, 1, _terminals.Length);
        for (var i = 0; i < senders; i++)
        {
            var part = i;
            _senders.Add(Task.Run(() => SendLoopAsync(part, senders, _stop.Token)));
        }
    }

    public SimulatorSample Sample() => new()
    {
        Elapsed = Stopwatch.GetElapsedTime(_started),
        Terminals = _terminals.Length,
        Connected = Volatile.Read(ref Connected),
        InFlight = Interlocked.Read(ref InFlight),
        PositionsSent = Interlocked.Read(ref PositionsSent),
        PositionsAcked = Interlocked.Read(ref PositionsAcked),
        PositionsNacked = Interlocked.Read(ref PositionsNacked),
        PositionsLost = Interlocked.Read(ref PositionsLost),
        PositionFrames = Interlocked.Read(ref PositionFrames),
        AckedFrames = Interlocked.Read(ref AckedFrames),
        MalformedSent = Interlocked.Read(ref MalformedSent),
        HeartbeatsSent = Interlocked.Read(ref HeartbeatsSent),
        HeartbeatsAcked = Interlocked.Read(ref HeartbeatsAcked),
        Refusals = Interlocked.Read(ref Refusals),
        Reconnects = Interlocked.Read(ref Reconnects),
        ConnectFailures = Interlocked.Read(ref ConnectFailures),
        Latency = Latency.Take(),
    };

    /// <summary>Waits until no position awaits its acknowledgement (or the time-out); true when drained.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        while (Interlocked.Read(ref InFlight) > 0)
        {
            if (sw.Elapsed >= timeout) return false;
            await Task.Delay(20, ct);
        }
        return true;
    }

    async Task SendLoopAsync(int part, int parts, CancellationToken stop)
    {
        var mine = _terminals.Where((_, i) => i % parts == part).ToArray();
        var next = 0;
        double credit = 0;
        var last = Stopwatch.GetTimestamp();
        var heartbeatScan = last;
        var scanEvery = Stopwatch.Frequency / 10;
        using var timer = new PeriodicTimer(_options.Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                var rate = Rate / parts;
                // Positions due since the last tick; a backlog beyond a quarter of a second is dropped, not sent in a burst
                // (a starved sender sends less, which the sent rate shows).
                credit = Math.Min(credit + rate * (now - last) / Stopwatch.Frequency, Math.Max(1, rate / 4));
                last = now;
                var misses = 0;
                while (credit >= 1 && misses < mine.Length)
                {
                    var t = mine[next];
                    next = next + 1 == mine.Length ? 0 : next + 1;
                    var used = t.SendPosition();
                    if (used == 0) { misses++; continue; }
                    misses = 0;
                    credit -= used;
                }
                if (misses >= mine.Length) credit = 0;   // nobody connected
                if (now - heartbeatScan >= scanEvery)
                {
                    heartbeatScan = now;
                    foreach (var t in mine) t.HeartbeatIfDue(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Rate = 0;
        await _stop.CancelAsync();
        foreach (var t in _terminals) t.Close();
        try
        {
            await Task.WhenAll(_senders.Concat(_lifecycles)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or SocketException or IOException)
        {
        }
        _stop.Dispose();
        ConnectGate.Dispose();
    }
}
