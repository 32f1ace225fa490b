using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenFreight.Jt808;

namespace GreenFreight.Cli;

/// <summary>
/// <c>greenfreight jt808 decode &lt;hex&gt;</c>: one JSON object describing the frame, or an error object and exit 2 for
/// a frame the gateway would reject. Doubts about an accepted frame are listed in <c>warnings</c>.
/// </summary>
public static class Jt808Decode
{
    static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[0] != "decode")
        {
            error.WriteLine("用法 usage: greenfreight jt808 decode <hex>");
            return CliApp.Usage;
        }
        var (code, json) = Decode(string.Concat(args[1..]));
        output.WriteLine(json.ToJsonString(Json));
        return code;
    }

    public static (int Code, JsonObject Json) Decode(string hexText)
    {
        var hex = new string(hexText.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != ':').ToArray());
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        byte[] wire;
        try
        {
            wire = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return (CliApp.Failed, Error("InvalidHex", "The input is not an even-length hexadecimal string."));
        }
        if (wire.Length == 0 || wire[0] != 0x7E)
            return (CliApp.Failed, Error("NoDelimiter", "A frame starts with 0x7E."));

        using var reader = new Jt808FrameReader();
        if (!reader.TryReadFrame(wire.AsSpan(), out _, out var frame))
            return (CliApp.Failed, Error(nameof(Jt808FrameStatus.Incomplete), "The frame is not closed by 0x7E."));
        if (!frame.IsValid)
        {
            var e = Error(frame.Status.ToString(), Describe(frame.Status));
            if (frame.HasHeader) AddHeader(e, frame);
            return (CliApp.Failed, e);
        }

        var o = new JsonObject();
        AddHeader(o, frame);
        var warnings = frame.Warnings;
        var body = frame.Body.Span;
        switch (frame.MessageId)
        {
            case Jt808MessageId.LocationReport:
                if (Jt808LocationReport.TryDecode(body, frame.Header.Version, out var report, out var w))
                {
                    warnings |= w;
                    foreach (var kv in Position(report, body)) o[kv.Key] = kv.Value?.DeepClone();
                }
                else return (CliApp.Failed, Error("BadBody", "The 0x0200 body is too short."));
                break;
            case Jt808MessageId.LocationBatch:
                var batch = Jt808LocationBatch.CreateReader(body, frame.Header.Version);
                var list = new JsonArray();
                var items = body.Length >= 3 ? body[3..] : default;
                while (batch.TryReadNext(out var item, out var iw))
                {
                    warnings |= iw;
                    list.Add(Position(item, default));
                }
                o["batchType"] = batch.Type.ToString();
                o["declaredCount"] = batch.DeclaredCount;
                o["positions"] = list;
                break;
            case Jt808MessageId.Registration:
                if (Jt808Registration.TryDecode(body, frame.Header.Version, out var reg, out var rw))
                {
                    warnings |= rw;
                    o["registration"] = JsonSerializer.SerializeToNode(reg, Json);
                }
                break;
            case Jt808MessageId.Authentication:
                if (Jt808Authentication.TryDecode(body, frame.Header.Version, out var auth, out var aw))
                {
                    warnings |= aw;
                    o["authCode"] = auth.AuthCode;
                }
                break;
            case Jt808MessageId.TerminalGeneralReply or Jt808MessageId.PlatformGeneralReply:
                if (body.Length >= 5)
                {
                    o["replySerial"] = (body[0] << 8) | body[1];
                    o["replyMessageId"] = $"0x{(body[2] << 8) | body[3]:X4}";
                    o["result"] = body[4];
                }
                break;
            case Jt808MessageId.RegistrationReply:
                if (Jt808RegistrationReply.TryDecode(body, out var rr, out var rrw))
                {
                    warnings |= rrw;
                    o["replySerial"] = rr.ReplySerial;
                    o["result"] = rr.Result.ToString();
                    if (rr.AuthCode is not null) o["authCode"] = rr.AuthCode;
                }
                break;
        }
        var list2 = new JsonArray();
        foreach (var flag in Enum.GetValues<Jt808Warnings>())
            if (flag != 0 && (warnings & flag) == flag) list2.Add(flag.ToString());
        if (list2.Count > 0) o["warnings"] = list2;
        return (CliApp.Ok, o);
    }

    static void AddHeader(JsonObject o, in Jt808Frame frame)
    {
        var h = frame.Header;
        o["messageId"] = $"0x{(ushort)h.MessageId:X4}";
        o["version"] = h.Version == Jt808Version.V2019 ? "2019" : "2013";
        o["phone"] = h.Phone.ToString();
        o["serial"] = h.SerialNumber;
        o["bodyLength"] = h.BodyLength;
        if (h.IsSubpackage)
        {
            o["packageTotal"] = h.PackageTotal;
            o["packageIndex"] = h.PackageIndex;
        }
        o["checksumOk"] = frame.CheckCodeOk;
    }

    static JsonObject Position(in Jt808LocationReport r, ReadOnlySpan<byte> body)
    {
        var o = new JsonObject
        {
            ["lat"] = r.Latitude,
            ["lon"] = r.Longitude,
            ["speedKmh"] = r.SpeedKmh,
            ["direction"] = r.Direction,
            ["altitude"] = r.Altitude,
            ["time"] = r.Time?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["fixValid"] = r.IsFixValid,
            ["alarm"] = r.Alarm,
            ["status"] = r.Status,
        };
        var items = new JsonObject();
        if (r.MileageKm is { } m) items["mileageKm"] = m;
        if (r.FuelLitres is { } f) items["fuelL"] = f;
        if (r.TachographSpeedKmh is { } ts) items["tachographSpeedKmh"] = ts;
        if (r.AlarmEventId is { } ev) items["alarmEventId"] = ev;
        if (r.CompartmentTemperature is { } t) items["compartmentTemperatureC"] = t;
        if (r.ExtendedSignals is { } es) items["extendedSignals"] = es;
        if (r.IoStatus is { } io) items["ioStatus"] = io;
        if (r.Analog is { } an) items["analog"] = an;
        if (r.SignalStrength is { } ss) items["rssi"] = ss;
        if (r.SatelliteCount is { } sc) items["satellites"] = sc;
        if (r.Overspeed is { } os) items["overspeed"] = JsonSerializer.SerializeToNode(os, Json);
        if (r.AreaCrossing is { } ac) items["areaCrossing"] = JsonSerializer.SerializeToNode(ac, Json);
        if (r.RouteTime is { } rt) items["routeTime"] = JsonSerializer.SerializeToNode(rt, Json);
        if (r.TyrePressures is { } tp) items["tyrePressures"] = JsonSerializer.SerializeToNode(tp, Json);
        if (!body.IsEmpty)
        {
            var raw = new JsonArray();
            var reader = Jt808LocationReport.GetAdditionalItems(body);
            while (reader.TryRead(out var id, out var value))
                raw.Add(new JsonObject { ["id"] = $"0x{id:X2}", ["length"] = value.Length, ["hex"] = Convert.ToHexString(value) });
            if (raw.Count > 0) items["raw"] = raw;
        }
        o["items"] = items;
        return o;
    }

    static JsonObject Error(string code, string message) => new() { ["error"] = code, ["message"] = message };

    static string Describe(Jt808FrameStatus s) => s switch
    {
        Jt808FrameStatus.InvalidEscape => "Invalid escape sequence (0x7D must be followed by 0x01 or 0x02).",
        Jt808FrameStatus.TooShort => "The frame is shorter than a header and check code.",
        Jt808FrameStatus.BodyLengthMismatch => "The body length in the header does not match the frame.",
        Jt808FrameStatus.BadCheckCode => "The XOR check code does not match.",
        Jt808FrameStatus.TooLong => "The frame exceeds the maximum length.",
        _ => s.ToString(),
    };
}
