using System.Net;
using System.Net.Sockets;
using GreenFreight.Jt808;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>A JT/T 808 terminal for tests: writes frames to the gateway over a real socket and reads its replies.</summary>
public sealed class TerminalClient : IAsyncDisposable
{
    readonly TcpClient _tcp = new();
    NetworkStream _stream = null!;
    readonly Jt808FrameReader _reader = new();
    readonly List<byte> _pending = [];
    ushort _serial;

    public Jt808Phone Phone { get; }
    public Jt808Version Version { get; }

    public TerminalClient(string phone, Jt808Version version = Jt808Version.V2013)
    {
        Version = version;
        Phone = Jt808Phone.Parse(phone).WithByteLength(version == Jt808Version.V2019 ? 10 : 6);
    }

    public async Task ConnectAsync(IPEndPoint gateway)
    {
        await _tcp.ConnectAsync(IPAddress.Loopback, gateway.Port);
        _stream = _tcp.GetStream();
    }

    public ushort LastSerial { get; private set; }

    public async Task SendAsync<T>(T body) where T : IJt808MessageBody
    {
        LastSerial = _serial++;
        var header = new Jt808Header(body.MessageId, Phone, LastSerial, Version);
        await _stream.WriteAsync(Jt808FrameWriter.ToArray(header, body));
    }

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    /// <summary>Reads the next reply frame (header and a copy of its body), or null when the connection closed.</summary>
    public async Task<(Jt808Header Header, byte[] Body)?> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        while (true)
        {
            var data = _pending.ToArray();
            if (_reader.TryReadFrame(data, out var consumed, out var frame) && frame.IsValid)
            {
                _pending.RemoveRange(0, consumed);
                return (frame.Header, frame.Body.ToArray());
            }
            if (consumed > 0) { _pending.RemoveRange(0, consumed); continue; }
            var n = await _stream.ReadAsync(buffer, cts.Token);
            if (n == 0) return null;
            _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    public async Task<Jt808PlatformGeneralReply> ReadGeneralReplyAsync()
    {
        var r = await ReadAsync() ?? throw new IOException("connection closed");
        Assert.Equal(Jt808MessageId.PlatformGeneralReply, r.Header.MessageId);
        Assert.True(Jt808PlatformGeneralReply.TryDecode(r.Body, out var reply, out _));
        return reply;
    }

    public async Task<string> RegisterAndAuthenticateAsync(string plate)
    {
        await SendAsync(new Jt808Registration { ProvinceId = 37, CityId = 300, ManufacturerId = "GF001", Model = "GF-T1", TerminalId = "T000001", PlateColor = 2, Plate = plate });
        var reg = await ReadAsync() ?? throw new IOException("closed");
        Assert.Equal(Jt808MessageId.RegistrationReply, reg.Header.MessageId);
        Assert.True(Jt808RegistrationReply.TryDecode(reg.Body, out var reply, out _));
        Assert.Equal(Jt808RegistrationResult.Success, reply!.Result);
        await SendAsync(new Jt808Authentication(reply.AuthCode!));
        var ack = await ReadGeneralReplyAsync();
        Assert.Equal(Jt808PlatformResult.Success, ack.Result);
        return reply.AuthCode!;
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        _reader.Dispose();
        await Task.CompletedTask;
    }
}
