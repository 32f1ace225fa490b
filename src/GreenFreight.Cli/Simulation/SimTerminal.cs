using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using GreenFreight.Jt808;

namespace GreenFreight.Cli.Simulation;

/// <summary>
/// One simulated terminal: its connection life cycle (connect, register, authenticate, reconnect after a loss), its
/// receive loop, and its outgoing frames. Frames are written under the terminal's lock into an output buffer that a
/// single flush loop hands to the socket, so sender loops and heartbeats never write to a socket concurrently.
/// </summary>
sealed class SimTerminal(Simulator sim, TerminalIdentity identity, int index, Random rng, bool v2019)
{
    enum Outcome { Ready, Refused, Failed }

    enum Kind : byte { Position, Heartbeat }

    readonly record struct Pending(long Timestamp, int Positions, Kind Kind);

    readonly object _lock = new();
    readonly Jt808Version _version = v2019 ? Jt808Version.V2019 : Jt808Version.V2013;
    readonly Jt808Phone _phone = Jt808Phone.Parse(identity.Phone).WithByteLength(v2019 ? Jt808Phone.Length2019 : Jt808Phone.Length2013);
    readonly Dictionary<ushort, Pending> _pending = [];
    readonly TaskCompletionSource<bool> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    LinziRoads.Walker? _walker;
    Socket? _socket;
    bool _ready, _sending;
    ArrayBufferWriter<byte> _out = new(256), _spare = new(256);
    ushort _serial;
    long _nextHeartbeat;
    TaskCompletionSource<Jt808RegistrationReply>? _registration;
    TaskCompletionSource<bool>? _authentication;

    public TerminalIdentity Identity => identity;

    /// <summary>Completes after the first connection attempt, whatever its outcome.</summary>
    public Task FirstAttempt => _first.Task;

    public async Task RunAsync(CancellationToken stop)
    {
        var attempt = 0;
        // Spread the connection storm a little: terminals do not all dial in the same millisecond.
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref sim.Reconnects);
                try { await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * attempt) + rng.Next(250)), stop); }
                catch (OperationCanceledException) { break; }
            }
            attempt++;
            Outcome outcome;
            Task? receive = null;
            try
            {
                await sim.ConnectGate.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                (outcome, receive) = await ConnectAsync(stop);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                outcome = Outcome.Failed;
            }
            finally
            {
                sim.ConnectGate.Release();
            }
            if (outcome == Outcome.Failed) Interlocked.Increment(ref sim.ConnectFailures);
            _first.TrySetResult(outcome == Outcome.Ready);
            if (outcome == Outcome.Refused)
            {
                Interlocked.Increment(ref sim.Refusals);
                Close();
                return;
            }
            if (outcome == Outcome.Ready)
            {
                Interlocked.Increment(ref sim.Connected);
                attempt = 1;   // a working connection that is lost later is retried at once (after a short pause)
                try { await receive!; }
                catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
                Interlocked.Decrement(ref sim.Connected);
            }
            Close();
            if (receive is not null)
            {
                try { await receive; }
                catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
            }
        }
        _first.TrySetResult(false);
    }

    async Task<(Outcome, Task?)> ConnectAsync(CancellationToken stop)
    {
        var socket = new Socket(sim.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(sim.Options.HandshakeTimeout);
        try
        {
            await socket.ConnectAsync(sim.EndPoint, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        Task<Jt808RegistrationReply> registered;
        lock (_lock)
        {
            _socket = socket;
            _out.ResetWrittenCount();   // frames of the lost connection are not sent on the new one
            _registration = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _authentication = new(TaskCreationOptions.RunContinuationsAsynchronously);
            registered = _registration.Task;
        }
        var receive = ReceiveLoopAsync(socket);
        Send(new Jt808Registration
        {
            Layout = _version == Jt808Version.V2019 ? Jt808RegistrationLayout.V2019 : Jt808RegistrationLayout.V2013,
            ProvinceId = 37, CityId = 305, ManufacturerId = "GFSIM", Model = "GF-SIM-1",
            TerminalId = $"S{index:D6}", PlateColor = 2, Plate = identity.Plate,
        });
        var reply = await registered.WaitAsync(timeout.Token);
        if (reply.Result != Jt808RegistrationResult.Success || reply.AuthCode is null) return (Outcome.Refused, receive);
        Task<bool> authenticated;
        lock (_lock) authenticated = _authentication.Task;
        Send(new Jt808Authentication(reply.AuthCode) { Imei = "86" + identity.Phone.PadLeft(13, '0')[^13..], SoftwareVersion = "1.0" });
        if (!await authenticated.WaitAsync(timeout.Token)) return (Outcome.Refused, receive);
        lock (_lock)
        {
            _walker ??= new LinziRoads.Walker(rng, Stopwatch.GetTimestamp());
            _nextHeartbeat = Stopwatch.GetTimestamp() + (long)(rng.NextDouble() * sim.Options.HeartbeatInterval.TotalSeconds * Stopwatch.Frequency);
            Volatile.Write(ref _ready, true);
        }
        return (Outcome.Ready, receive);
    }

    void Send<T>(T body) where T : IJt808MessageBody
    {
        bool flush;
        lock (_lock)
        {
            Jt808FrameWriter.Write(_out, new Jt808Header(body.MessageId, _phone, _serial++, _version), body);
            flush = StartFlush();
        }
        if (flush) _ = FlushAsync();
    }

    /// <summary>Under the lock: whether the caller must start the flush loop.</summary>
    bool StartFlush()
    {
        if (_sending || _socket is null) return false;
        _sending = true;
        return true;
    }

    /// <summary>
    /// The one flush loop of the terminal (while <c>_sending</c>): hands the output buffer to the socket and swaps in
    /// the spare one, until nothing is left. Frames that fail to send are dropped: the connection is gone, the receive
    /// loop notices and the life cycle reconnects.
    /// </summary>
    async Task FlushAsync()
    {
        while (true)
        {
            ArrayBufferWriter<byte> chunk;
            Socket socket;
            lock (_lock)
            {
                if (_out.WrittenCount == 0 || _socket is null)
                {
                    _sending = false;
                    return;
                }
                chunk = _out;
                _out = _spare;
                _spare = null!;
                socket = _socket;
            }
            try
            {
                await socket.SendAsync(chunk.WrittenMemory, SocketFlags.None);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
            }
            chunk.ResetWrittenCount();
            lock (_lock) _spare = chunk;
        }
    }

    /// <summary>Sends the terminal's next position message; returns the positions it used of the budget (0: not ready).</summary>
    public int SendPosition()
    {
        if (!Volatile.Read(ref _ready)) return 0;
        int used;
        bool flush;
        lock (_lock)
        {
            if (!_ready) return 0;
            var now = Stopwatch.GetTimestamp();
            _walker!.Advance(now);
            var time = DateTimeOffset.UtcNow;
            time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
            if (rng.NextDouble() * 100 < sim.Options.MalformedPercent)
            {
                // A malformed frame in the stream, besides the position (it is not one: it carries no budget).
                WriteMalformed(new Jt808Header(default, _phone, _serial++, _version), time);
                Interlocked.Increment(ref sim.MalformedSent);
            }
            var header = new Jt808Header(default, _phone, _serial++, _version);
            if (rng.NextDouble() * 100 < sim.Options.BatchPercent)
            {
                var n = 2 + rng.Next(4);
                var items = new Jt808LocationReport[n];
                for (var i = 0; i < n; i++)
                {
                    var back = n - 1 - i;
                    var (lat, lon) = _walker.Back(back);
                    items[i] = Report(time.AddSeconds(-back), lat, lon);
                }
                Jt808FrameWriter.Write(_out, header, new Jt808LocationBatch(Jt808LocationBatchType.Normal, items));
                Track(header.SerialNumber, now, n, Kind.Position);
                used = n;
            }
            else
            {
                Jt808FrameWriter.Write(_out, header, Report(time, _walker.Latitude, _walker.Longitude));
                Track(header.SerialNumber, now, 1, Kind.Position);
                used = 1;
            }
            flush = StartFlush();
        }
        if (flush) _ = FlushAsync();
        return used;
    }

    Jt808LocationReport Report(DateTimeOffset time, double lat, double lon) =>
        Jt808LocationReport.Create(time, lat, lon, Math.Round(_walker!.SpeedKmh, 1), _walker.Direction, (short)(45 + rng.Next(10)),
            status: Jt808LocationReport.StatusFixValid | Jt808LocationReport.StatusAccOn)
        with { MileageRaw = (uint)(_walker.MileageKm * 10), SatelliteCount = (byte)(8 + rng.Next(10)), SignalStrength = (byte)(15 + rng.Next(15)) };

    /// <summary>Under the lock: a frame the gateway must reject (bad check code, or garbage between delimiters).</summary>
    void WriteMalformed(in Jt808Header header, DateTimeOffset time)
    {
        Span<byte> frame = stackalloc byte[Jt808FrameWriter.GetMaxFrameLength(128)];
        int n;
        if (rng.Next(2) == 0)
        {
            Jt808FrameWriter.TryWrite(frame, header, Report(time, _walker!.Latitude, _walker.Longitude), out n);
            // The check code is the last byte before the closing 0x7E (or an escape pair); replace it by a wrong one.
            if (frame[n - 3] == 0x7D)
            {
                frame[n - 3] = 0x00;   // was 0x7D or 0x7E
                frame[n - 2] = 0x7E;
                n--;
            }
            else
            {
                var c = frame[n - 2];
                var wrong = (byte)(c ^ 0x01);
                if (wrong is 0x7D or 0x7E) wrong = (byte)(c ^ 0x10);
                frame[n - 2] = wrong;
            }
        }
        else
        {
            n = 10 + rng.Next(30);
            frame[0] = 0x7E;
            for (var i = 1; i < n - 1; i++)
            {
                var b = (byte)rng.Next(256);
                frame[i] = b == 0x7E ? (byte)0x7F : b;
            }
            frame[n - 1] = 0x7E;
        }
        _out.Write(frame[..n]);
    }

    void Track(ushort serial, long now, int positions, Kind kind)
    {
        _pending[serial] = new Pending(now, positions, kind);
        if (kind == Kind.Position)
        {
            Interlocked.Add(ref sim.PositionsSent, positions);
            Interlocked.Add(ref sim.InFlight, positions);
            Interlocked.Increment(ref sim.PositionFrames);
        }
        else
        {
            Interlocked.Increment(ref sim.HeartbeatsSent);
        }
    }

    /// <summary>Sends a heartbeat when its time has come (every <see cref="SimulatorOptions.HeartbeatInterval"/>).</summary>
    public void HeartbeatIfDue(long now)
    {
        if (!Volatile.Read(ref _ready) || now < Volatile.Read(ref _nextHeartbeat)) return;
        bool flush;
        lock (_lock)
        {
            if (!_ready) return;
            _nextHeartbeat = now + (long)(sim.Options.HeartbeatInterval.TotalSeconds * Stopwatch.Frequency);
            var header = new Jt808Header(Jt808MessageId.Heartbeat, _phone, _serial++, _version);
            Jt808FrameWriter.Write(_out, header, Jt808EmptyMessage.Heartbeat);
            Track(header.SerialNumber, now, 0, Kind.Heartbeat);
            flush = StartFlush();
        }
        if (flush) _ = FlushAsync();
    }

    async Task ReceiveLoopAsync(Socket socket)
    {
        await Task.Yield();
        var buffer = new byte[1024];
        var have = 0;
        using var reader = new Jt808FrameReader();
        try
        {
            while (true)
            {
                if (have == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var n = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None);
                if (n == 0) break;
                have += n;
                var offset = 0;
                while (true)
                {
                    var ok = reader.TryReadFrame(buffer.AsSpan(offset, have - offset), out var consumed, out var frame);
                    offset += consumed;
                    if (!ok) break;
                    if (frame.IsValid) Handle(frame);
                }
                have -= offset;
                if (have > 0) buffer.AsSpan(offset, have).CopyTo(buffer);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Lost(socket);
        }
    }

    void Handle(in Jt808Frame frame)
    {
        switch (frame.MessageId)
        {
            case Jt808MessageId.RegistrationReply:
                if (Jt808RegistrationReply.TryDecode(frame.Body.Span, out var reg, out _))
                    lock (_lock) _registration?.TrySetResult(reg);
                break;
            case Jt808MessageId.PlatformGeneralReply:
                if (!Jt808PlatformGeneralReply.TryDecode(frame.Body.Span, out var ack, out _)) break;
                if (ack.ReplyMessageId == Jt808MessageId.Authentication)
                {
                    lock (_lock) _authentication?.TrySetResult(ack.Result == Jt808PlatformResult.Success);
                    break;
                }
                Pending p;
                lock (_lock)
                {
                    if (!_pending.Remove(ack.ReplySerial, out p)) break;
                }
                if (p.Kind == Kind.Heartbeat)
                {
                    if (ack.Result == Jt808PlatformResult.Success) Interlocked.Increment(ref sim.HeartbeatsAcked);
                    break;
                }
                Interlocked.Add(ref sim.InFlight, -p.Positions);
                if (ack.Result == Jt808PlatformResult.Success)
                {
                    var micros = (Stopwatch.GetTimestamp() - p.Timestamp) * 1_000_000 / Stopwatch.Frequency;
                    sim.Latency.Record(micros);
                    Interlocked.Add(ref sim.PositionsAcked, p.Positions);
                    Interlocked.Increment(ref sim.AckedFrames);
                }
                else
                {
                    Interlocked.Add(ref sim.PositionsNacked, p.Positions);
                }
                break;
        }
    }

    /// <summary>The connection ended: what awaited an acknowledgement on it is lost.</summary>
    void Lost(Socket socket)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_socket, socket)) return;
            Volatile.Write(ref _ready, false);
            _registration?.TrySetCanceled();
            _authentication?.TrySetCanceled();
            foreach (var p in _pending.Values)
            {
                if (p.Kind != Kind.Position) continue;
                Interlocked.Add(ref sim.InFlight, -p.Positions);
                Interlocked.Add(ref sim.PositionsLost, p.Positions);
            }
            _pending.Clear();
        }
    }

    public void Close()
    {
        Socket? socket;
        lock (_lock)
        {
            Volatile.Write(ref _ready, false);
            socket = _socket;
        }
        if (socket is null) return;
        Lost(socket);
        lock (_lock)
        {
            if (ReferenceEquals(_socket, socket)) _socket = null;
        }
        try { socket.Shutdown(SocketShutdown.Both); } catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        socket.Dispose();
    }
}
