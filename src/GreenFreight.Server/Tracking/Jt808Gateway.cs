using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GreenFreight.Domain.Tracking;
using GreenFreight.Jt808;
using GreenFreight.Server.Auth;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace GreenFreight.Server.Tracking;

public sealed class Jt808Options
{
    /// <summary>TCP port of the JT/T 808 gateway (<c>Jt808:Port</c>); 0 binds any free port (tests).</summary>
    public int Port { get; set; } = 8808;
    public bool Enabled { get; set; } = true;
    /// <summary>A connection that sends nothing for this long is closed (three heartbeat periods).</summary>
    public int IdleTimeoutSeconds { get; set; } = 180;
    /// <summary>A connection whose stream yields this many rejected frames in a row cannot be resynchronised: closed.</summary>
    public int MaxConsecutiveBadFrames { get; set; } = 50;
    /// <summary>
    /// Runs a connection's frame handling on the thread that completed its socket read, and its acknowledgement send on the
    /// thread that wrote it, instead of handing each step to the thread pool (<c>Jt808:InlineScheduling</c>). Safe here:
    /// nothing on the gateway's path blocks for long (positions are queued to the writer thread, registry lookups are cached).
    /// </summary>
    public bool InlineScheduling { get; set; } = true;
    /// <summary>
    /// Reads into a pooled buffer at once instead of first waiting for data with a zero-byte read (one system call per frame
    /// fewer, at the cost of a 4 KB buffer held by each idle connection: 40 MB for 10,000 terminals).
    /// </summary>
    public bool ReadWithoutWaiting { get; set; } = true;
}

/// <summary>Counters of the gateway (since start).</summary>
public sealed class Jt808Stats
{
    long _connections, _open, _frames, _rejected, _positions, _refused;
    public long Connections => Interlocked.Read(ref _connections);
    public long Open => Interlocked.Read(ref _open);
    public long Frames => Interlocked.Read(ref _frames);
    public long RejectedFrames => Interlocked.Read(ref _rejected);
    public long Positions => Interlocked.Read(ref _positions);
    public long RefusedTerminals => Interlocked.Read(ref _refused);
    internal void Connected() { Interlocked.Increment(ref _connections); Interlocked.Increment(ref _open); }
    internal void Disconnected() => Interlocked.Decrement(ref _open);
    internal void Frame() => Interlocked.Increment(ref _frames);
    internal void Rejected() => Interlocked.Increment(ref _rejected);
    internal void Stored(int n) => Interlocked.Add(ref _positions, n);
    internal void Refused() => Interlocked.Increment(ref _refused);
}

/// <summary>
/// The JT/T 808 gateway: a TCP listener on Kestrel's socket transport (its pooled pipes), independent of the HTTP
/// endpoints. Each connection is one terminal: registration against the vehicle registry (unknown terminals are refused
/// with 0x8100 result 4), authentication codes, heartbeats, positions (0x0200, 0x0704) stored durably before the 0x8001
/// acknowledgement, idle time-out. A malformed frame is counted and logged; it does not end the connection unless the
/// stream stays unreadable.
/// </summary>
public sealed class Jt808Gateway(
    IOptions<Jt808Options> options, ILoggerFactory logs, VehicleDirectory vehicles, PositionIngest ingest, JwtKeyProvider keys, Jt808Stats stats,
    TerminalCommandService commands)
    : BackgroundService
{
    /// <summary>Authenticated sessions by vehicle, so commands can reach their terminals.</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, Session> _sessions = new();
    readonly ILogger _log = logs.CreateLogger<Jt808Gateway>();
    readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The bound endpoint (resolves once listening; with port 0, the chosen port).</summary>
    public Task<IPEndPoint> BoundEndPoint => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            _bound.TrySetCanceled();
            return;
        }
        var factory = new SocketTransportFactory(Options.Create(new SocketTransportOptions
        {
            UnsafePreferInlineScheduling = o.InlineScheduling,
            WaitForDataBeforeAllocatingBuffer = !o.ReadWithoutWaiting,
        }), logs);
        IConnectionListener listener;
        try
        {
            listener = await factory.BindAsync(new IPEndPoint(IPAddress.Any, o.Port), stoppingToken);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or AddressInUseException)
        {
            _log.LogError(ex, "JT/T 808 gateway cannot listen on port {Port}", o.Port);
            _bound.TrySetException(ex);
            return;
        }
        await using var _ = listener;
        commands.Attach(SendAsync, _sessions.ContainsKey);
        // Reads wait without a token (registering one per read costs on every frame): the idle sweep and shutdown close
        // connections instead (Session.Close).
        var idleSweep = SweepIdleAsync(TimeSpan.FromSeconds(Math.Max(1, o.IdleTimeoutSeconds)), stoppingToken);
        _bound.TrySetResult((IPEndPoint)listener.EndPoint);
        _log.LogInformation("JT/T 808 gateway listening on {EndPoint}", listener.EndPoint);
        var connections = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionContext? connection;
            try
            {
                connection = await listener.AcceptAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (connection is null) break;
            connections.RemoveAll(t => t.IsCompleted);
            connections.Add(Task.Run(() => ServeAsync(connection, stoppingToken), CancellationToken.None));
        }
        await listener.UnbindAsync(CancellationToken.None);
        foreach (var s in _open.Keys) s.Close("shutting down");
        await Task.WhenAll(connections);
        await idleSweep;
    }

    /// <summary>Every connection being served (authenticated or not), for the idle sweep and shutdown.</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<Session, byte> _open = new();

    /// <summary>
    /// Closes connections that sent nothing for <paramref name="idle"/>: one sweep a few times per time-out instead of
    /// a timer re-armed on every read (which showed in the profile at tens of thousands of frames a second).
    /// </summary>
    async Task SweepIdleAsync(TimeSpan idle, CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromTicks(Math.Clamp(idle.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks, TimeSpan.FromSeconds(15).Ticks));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = Environment.TickCount64;
                foreach (var s in _open.Keys)
                    if (now - Volatile.Read(ref s.LastActivity) >= (long)idle.TotalMilliseconds) s.Close("idle");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The authentication code of a terminal: derived from the platform key, so every app instance agrees.</summary>
    public string AuthCodeFor(Jt808Phone phone)
    {
        var mac = HMACSHA256.HashData(keys.Key.Key, Encoding.ASCII.GetBytes("jt808-auth:" + VehicleDirectory.NormalizePhone(phone.ToString())));
        return Convert.ToHexString(mac, 0, 8);
    }

    sealed class Session(ConnectionContext connection)
    {
        /// <summary><see cref="Environment.TickCount64"/> of the last read that returned data.</summary>
        public long LastActivity = Environment.TickCount64;
        public readonly ConnectionContext Connection = connection;
        /// <summary>The positions of the frame being handled (reused: a connection handles one frame at a time).</summary>
        public readonly List<PositionReport> Reports = new(8);
        /// <summary>Ends the read loop at its next read (then the connection closes normally, with a FIN); any thread.</summary>
        public void Close(string why)
        {
            ClosedBecause = why;
            Connection.Transport.Input.CancelPendingRead();
        }
        /// <summary>Why the platform closed the connection (null: the terminal did, or the stream broke).</summary>
        public volatile string? ClosedBecause;
        public int? VehicleId;
        public bool Authenticated;
        public ushort Serial;
        public int BadInARow;
        /// <summary>Taken by the read loop while it handles frames and by a command being sent: one writer at a time.</summary>
        public readonly SemaphoreSlim WriteLock = new(1, 1);
        public System.IO.Pipelines.PipeWriter Output => Connection.Transport.Output;
        public Jt808Header Terminal;
    }

    /// <summary>Writes a platform message to a vehicle's terminal if it is connected here; returns the serial used.</summary>
    async Task<ushort?> SendAsync(int vehicleId, IJt808MessageBody body, CancellationToken ct)
    {
        if (!_sessions.TryGetValue(vehicleId, out var s)) return null;
        await s.WriteLock.WaitAsync(ct);
        try
        {
            if (!_sessions.TryGetValue(vehicleId, out var still) || !ReferenceEquals(still, s)) return null;
            var serial = s.Serial++;
            var header = new Jt808Header(body.MessageId, s.Terminal.Phone, serial, s.Terminal.Version, s.Terminal.ProtocolVersion);
            var bytes = new byte[Jt808FrameWriter.GetMaxFrameLength(body.GetBodyLength(s.Terminal.Version))];
            if (!Jt808FrameWriter.TryWrite(bytes, header, body, out var n)) return null;
            await s.Output.WriteAsync(bytes.AsMemory(0, n), ct);
            return serial;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            s.WriteLock.Release();
        }
    }

    async Task ServeAsync(ConnectionContext connection, CancellationToken stopping)
    {
        stats.Connected();
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        var session = new Session(connection);
        _open[session] = 0;
        if (stopping.IsCancellationRequested) session.Close("shutting down");   // accepted as the gateway stopped
        using var frames = new Jt808FrameReader();
        try
        {
            while (true)
            {
                System.IO.Pipelines.ReadResult read;
                try
                {
                    read = await input.ReadAsync(CancellationToken.None);
                }
                catch (OperationCanceledException)
                {
                    break;   // the connection was aborted
                }
                if (read.IsCanceled) break;   // idle or shutting down (Session.Close)
                Volatile.Write(ref session.LastActivity, Environment.TickCount64);
                var buffer = read.Buffer;
                var close = false;
                await session.WriteLock.WaitAsync(stopping);
                try
                {
                    while (frames.TryReadFrame(ref buffer, out var frame))
                    {
                        if (!frame.IsValid)
                        {
                            stats.Rejected();
                            _log.LogDebug("Rejected JT/T 808 frame from {Remote}: {Status}", connection.RemoteEndPoint, frame.Status);
                            if (++session.BadInARow >= options.Value.MaxConsecutiveBadFrames) { close = true; break; }
                            continue;
                        }
                        session.BadInARow = 0;
                        stats.Frame();
                        close = !await HandleAsync(frame, session, output, stopping);
                        if (close) break;
                    }
                    input.AdvanceTo(buffer.Start, buffer.End);
                    await output.FlushAsync(stopping);
                }
                finally
                {
                    session.WriteLock.Release();
                }
                if (close || read.IsCompleted) break;
            }
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            if (session.VehicleId is { } vid) _sessions.TryRemove(new KeyValuePair<int, Session>(vid, session));
            _open.TryRemove(session, out _);
            _log.LogDebug("JT/T 808 connection from {Remote} closed: {Why}", connection.RemoteEndPoint, session.ClosedBecause ?? "by the terminal or the stream");
            stats.Disconnected();
            await connection.DisposeAsync();
        }
    }

    void Reply(PipeWriterProxy output, in Jt808Header to, Session s, Jt808PlatformResult result)
    {
        var header = new Jt808Header(Jt808MessageId.PlatformGeneralReply, to.Phone, s.Serial++, to.Version, to.ProtocolVersion);
        Jt808FrameWriter.Write(output.Writer, header, Jt808PlatformGeneralReply.To(to, result));
    }

    readonly record struct PipeWriterProxy(IBufferWriter<byte> Writer);

    /// <summary>Handles one frame; returns false to close the connection.</summary>
    async Task<bool> HandleAsync(Jt808Frame frame, Session s, System.IO.Pipelines.PipeWriter output, CancellationToken ct)
    {
        var h = frame.Header;
        var w = new PipeWriterProxy(output);
        switch (frame.MessageId)
        {
            case Jt808MessageId.Registration:
            {
                var vehicle = await vehicles.ByPhoneAsync(h.Phone.ToString(), ct);
                var result = vehicle is null ? Jt808RegistrationResult.NoSuchTerminal : Jt808RegistrationResult.Success;
                if (vehicle is null) stats.Refused();
                s.VehicleId = vehicle?.Id;
                var header = new Jt808Header(Jt808MessageId.RegistrationReply, h.Phone, s.Serial++, h.Version, h.ProtocolVersion);
                Jt808FrameWriter.Write(output, header, new Jt808RegistrationReply(h.SerialNumber, result, vehicle is null ? null : AuthCodeFor(h.Phone)));
                if (vehicle is not null) ingest.Touch(vehicle.Id);
                return true;
            }
            case Jt808MessageId.Authentication:
            {
                var ok = Jt808Authentication.TryDecode(frame.Body.Span, h.Version, out var auth, out _)
                         && await vehicles.ByPhoneAsync(h.Phone.ToString(), ct) is { } vehicle
                         && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(auth.AuthCode), Encoding.ASCII.GetBytes(AuthCodeFor(h.Phone)))
                         && (s.VehicleId = vehicle.Id) is not null;
                s.Authenticated = ok;
                if (!ok) stats.Refused();
                Reply(w, h, s, ok ? Jt808PlatformResult.Success : Jt808PlatformResult.Failure);
                if (ok)
                {
                    ingest.Touch(s.VehicleId!.Value);
                    s.Terminal = h;
                    _sessions[s.VehicleId.Value] = s;   // a newer connection of the same terminal takes over
                    commands.Wake();
                }
                return true;
            }
            case Jt808MessageId.Heartbeat:
                if (s.Authenticated) ingest.Touch(s.VehicleId!.Value);
                Reply(w, h, s, s.Authenticated ? Jt808PlatformResult.Success : Jt808PlatformResult.Failure);
                return true;
            case Jt808MessageId.Deregistration:
                Reply(w, h, s, Jt808PlatformResult.Success);
                return false;
            case Jt808MessageId.LocationReport or Jt808MessageId.LocationBatch:
            {
                if (!s.Authenticated)
                {
                    Reply(w, h, s, Jt808PlatformResult.Failure);
                    return true;
                }
                var reports = s.Reports;
                reports.Clear();
                Decode(frame, h, reports);
                if (reports.Count > 0)
                {
                    try
                    {
                        await ingest.IngestAsync(s.VehicleId!.Value, reports, PositionSource.Jt808, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Not stored, so not acknowledged: the terminal will send it again.
                        _log.LogWarning(ex, "Positions of vehicle {Vehicle} not stored", s.VehicleId);
                        return true;
                    }
                    stats.Stored(reports.Count);
                }
                Reply(w, h, s, reports.Count > 0 ? Jt808PlatformResult.Success : Jt808PlatformResult.MessageError);
                return true;
            }
            case Jt808MessageId.TerminalGeneralReply:
                // Replies to our commands need no answer; they settle the command they name.
                if (s.Authenticated && Jt808TerminalGeneralReply.TryDecode(frame.Body.Span, out var reply, out _)) commands.OnReply(s.VehicleId!.Value, reply);
                return true;
            default:
                Reply(w, h, s, Jt808PlatformResult.Unsupported);
                return true;
        }
    }

    static void Decode(in Jt808Frame frame, in Jt808Header h, List<PositionReport> list)
    {
        var body = frame.Body.Span;
        if (frame.MessageId == Jt808MessageId.LocationReport)
        {
            if (Jt808LocationReport.TryDecode(body, h.Version, out var r, out _) && ToReport(r) is { } p) list.Add(p);
        }
        else
        {
            var batch = Jt808LocationBatch.CreateReader(body, h.Version);
            while (batch.TryReadNext(out var r, out _))
                if (ToReport(r) is { } p) list.Add(p);
        }
    }

    static PositionReport? ToReport(in Jt808LocationReport r) =>
        r.Time is { } t
            ? new PositionReport(t, r.Latitude, r.Longitude, r.SpeedKmh, r.Direction, r.Altitude, r.IsFixValid, r.Alarm, r.Status, r.MileageKm)
            : null;   // no usable time: nothing to store
}
