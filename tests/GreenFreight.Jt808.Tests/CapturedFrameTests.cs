using System.Globalization;
using System.Text.RegularExpressions;

namespace GreenFreight.Jt808.Tests;

/// <summary>
/// Every row of frames.tsv: the frame is read with the strict and the lenient reader, the header and the message are
/// decoded, and every value the row states is asserted, as are the warnings and rejections its tags and notes call for.
/// Rows from the Java round-trip suite must re-encode to the same hex.
/// </summary>
public sealed partial class CapturedFrameTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static TheoryData<int, string> AllRows()
    {
        var data = new TheoryData<int, string>();
        foreach (var row in FramesTsv.Rows) data.Add(row.Number, row.ToString());
        return data;
    }

    [Fact]
    public void The_file_has_66_rows()
    {
        Assert.Equal(66, FramesTsv.Rows.Count);
    }

    [Theory]
    [MemberData(nameof(AllRows))]
    public void Row_decodes_to_its_stated_values(int number, string label)
    {
        var row = FramesTsv.Row(number);
        Assert.Equal(row.ToString(), label);
        var wire = row.Wire;

        Assert.Equal(row["escaped_on_wire"] == "yes", wire.AsSpan(1, wire.Length - 2).Contains(Jt808Escaping.Escape));

        using var strict = new Jt808FrameReader();
        bool got = strict.TryReadFrame(wire, out int consumed, out var frame);

        if (!row.Has("message_id"))
        {
            AssertFramingOnlyRow(row, got, frame, wire);
            return;
        }

        Assert.True(got);
        Assert.Equal(wire.Length - 1, consumed); // the closing 7E stays, as the next frame's opening delimiter
        Assert.Equal(wire.Length, frame.WireLength);
        Assert.True(frame.HasHeader);

        var expected = ExpectedWarnings(row);
        bool strictRejects = expected.HasFlag(Jt808Warnings.BadCheckCode) || expected.HasFlag(Jt808Warnings.BodyLengthMismatch);
        if (strictRejects)
        {
            Assert.False(frame.IsValid);
            var status = expected.HasFlag(Jt808Warnings.BodyLengthMismatch) ? Jt808FrameStatus.BodyLengthMismatch : Jt808FrameStatus.BadCheckCode;
            Assert.Equal(status, frame.Status);
            Assert.Equal(1, strict.FramesRejected);
        }
        else
        {
            Assert.Equal(Jt808FrameStatus.Ok, frame.Status);
            Assert.Equal(1, strict.FramesRead);
        }

        AssertCheckCode(row, frame);

        // Everything else is asserted on the lenient decode, which accepts what the strict one rejects.
        using var lenient = new Jt808FrameReader(Jt808FrameReaderOptions.Lenient);
        Assert.True(lenient.TryReadFrame(wire, out _, out frame));
        Assert.Equal(Jt808FrameStatus.Ok, frame.Status);
        AssertHeader(row, frame.Header);

        var warnings = frame.Warnings | DecodeAndAssertBody(row, frame);
        Assert.Equal(expected, warnings);
        if (row.Tags.Contains("malformed"))
            Assert.NotEqual(Jt808Warnings.None, expected & ~Jt808Warnings.BadCheckCode);

        if (row["source"].StartsWith("yezhihao/", StringComparison.Ordinal))
            Assert.Equal(row["hex"], Convert.ToHexString(ReEncode(frame) ?? []));
    }

    /// <summary>Rows whose decoded message, re-encoded, gives back the captured bytes (all Java rows and more).</summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(11)] [InlineData(15)] [InlineData(17)] [InlineData(18)] [InlineData(19)] [InlineData(20)]
    [InlineData(21)] [InlineData(22)] [InlineData(23)] [InlineData(24)] [InlineData(25)] [InlineData(26)] [InlineData(27)]
    [InlineData(34)] [InlineData(35)] [InlineData(36)] [InlineData(37)] [InlineData(38)] [InlineData(39)] [InlineData(40)]
    [InlineData(41)] [InlineData(42)] [InlineData(43)] [InlineData(44)] [InlineData(45)] [InlineData(46)] [InlineData(47)]
    [InlineData(48)] [InlineData(49)] [InlineData(50)] [InlineData(51)] [InlineData(52)] [InlineData(53)] [InlineData(54)]
    [InlineData(55)] [InlineData(59)] [InlineData(60)] [InlineData(61)] [InlineData(62)] [InlineData(63)] [InlineData(64)]
    [InlineData(65)] [InlineData(66)]
    public void Row_re_encodes_to_the_same_hex(int number)
    {
        var row = FramesTsv.Row(number);
        using var reader = new Jt808FrameReader();
        Assert.True(reader.TryReadFrame(row.Wire, out _, out var frame));
        Assert.True(frame.IsValid);
        var hex = row["hex"];
        if (frame.Warnings.HasFlag(Jt808Warnings.VersionFlagWith2013Header))
        {
            // Row 11: re-encoded as a proper 2013 frame (bit 14 clear), as SmallChi does; the rest is identical.
            var props = Convert.ToHexString(frame.Payload.Span.Slice(2, 2).ToArray());
            Assert.Equal("400C", props);
            var reencoded = Convert.FromHexString(Convert.ToHexString(ReEncode(frame)!));
            Assert.Equal(0x000C, reencoded[4] | (reencoded[3] << 8));
            Assert.Equal(hex[10..^4], Convert.ToHexString(reencoded)[10..^4]);
            return;
        }
        Assert.Equal(hex, Convert.ToHexString(ReEncode(frame) ?? []));
    }

    [Fact]
    public void Subpackaged_0x1205_rows_29_and_30_reassemble()
    {
        AssertReassembles(29, 30, expectedBodyLength: 930 + 56, inOrder: true);
        AssertReassembles(29, 30, expectedBodyLength: 930 + 56, inOrder: false);
    }

    [Fact]
    public void Subpackaged_0x0104_rows_31_and_32_reassemble_although_their_serials_are_not_consecutive()
    {
        AssertReassembles(31, 32, expectedBodyLength: 1008 + 211, inOrder: true);
        AssertReassembles(31, 32, expectedBodyLength: 1008 + 211, inOrder: false);
    }

    [Fact]
    public void Subpackage_that_times_out_is_dropped()
    {
        var clock = new ManualClock();
        var assembler = new Jt808SubpackageAssembler(new Jt808SubpackageAssemblerOptions { Timeout = TimeSpan.FromSeconds(5) }, clock);
        var (h1, b1) = ValidFrame(31);
        var (h2, b2) = ValidFrame(32);
        Assert.Equal(Jt808SubpackageStatus.Pending, assembler.Add(h1, b1, out _));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(Jt808SubpackageStatus.Pending, assembler.Add(h2, b2, out var message));
        Assert.Null(message);
        Assert.Equal(1, assembler.DroppedCount);
        Assert.Equal(1, assembler.PendingCount);
    }

    [Fact]
    public void All_rows_in_one_stream_come_out_in_order()
    {
        var stream = FramesTsv.AllWireBytes();
        using var reader = new Jt808FrameReader(Jt808FrameReaderOptions.Lenient);
        var span = (ReadOnlySpan<byte>)stream;
        var seen = new List<(Jt808FrameStatus Status, Jt808MessageId Id)>();
        while (reader.TryReadFrame(span, out int consumed, out var frame))
        {
            seen.Add((frame.Status, frame.MessageId));
            span = span.Slice(consumed);
        }
        // Row 57 ("7E 02", no closing delimiter) is closed by row 58's opening delimiter: a 1-byte frame.
        var expected = new List<(Jt808FrameStatus, Jt808MessageId)>();
        foreach (var row in FramesTsv.Rows)
        {
            if (row.Number == 57) { expected.Add((Jt808FrameStatus.TooShort, default)); continue; }
            if (!row.Has("message_id"))
            {
                expected.Add((row.Number == 56 ? Jt808FrameStatus.InvalidEscape : Jt808FrameStatus.TooShort, default));
                continue;
            }
            expected.Add((Jt808FrameStatus.Ok, (Jt808MessageId)ParseHex(row["message_id"])));
        }
        Assert.Equal(expected, seen);
    }

    private static void AssertReassembles(int first, int second, int expectedBodyLength, bool inOrder)
    {
        var assembler = new Jt808SubpackageAssembler();
        var (h1, b1) = ValidFrame(first);
        var (h2, b2) = ValidFrame(second);
        Assert.Equal(2, h1.PackageTotal);
        Assert.Equal(1, h1.PackageIndex);
        Assert.Equal(2, h2.PackageIndex);
        Jt808AssembledMessage? message;
        if (inOrder)
        {
            Assert.Equal(Jt808SubpackageStatus.Pending, assembler.Add(h1, b1, out _));
            Assert.Equal(Jt808SubpackageStatus.Duplicate, assembler.Add(h1, b1, out _));
            Assert.Equal(Jt808SubpackageStatus.Completed, assembler.Add(h2, b2, out message));
        }
        else
        {
            Assert.Equal(Jt808SubpackageStatus.Pending, assembler.Add(h2, b2, out _));
            Assert.Equal(Jt808SubpackageStatus.Completed, assembler.Add(h1, b1, out message));
        }
        Assert.NotNull(message);
        Assert.Equal(expectedBodyLength, message.Body.Length);
        Assert.Equal(b1.Concat(b2).ToArray(), message.Body.ToArray());
        Assert.Equal(h1.SerialNumber, message.FirstSerial);
        Assert.Equal(h1.MessageId, message.Header.MessageId);
        Assert.Equal(0, assembler.PendingCount);
        Assert.Equal(0, assembler.PendingBytes);
    }

    private static (Jt808Header Header, byte[] Body) ValidFrame(int number)
    {
        using var reader = new Jt808FrameReader();
        Assert.True(reader.TryReadFrame(FramesTsv.Row(number).Wire, out _, out var frame));
        Assert.True(frame.IsValid);
        return (frame.Header, frame.Body.ToArray());
    }

    private static void AssertFramingOnlyRow(FrameRow row, bool got, Jt808Frame frame, byte[] wire)
    {
        var scratch = new byte[2048];
        switch (row.Number)
        {
            case 57: // "7E 02": no closing delimiter
                Assert.False(got);
                Assert.Equal(Jt808FrameStatus.Incomplete, Jt808FrameReader.DecodeFrame(wire, scratch).Status);
                return;
            case 56: // invalid escape 7D 03
                Assert.True(got);
                Assert.Equal(Jt808FrameStatus.InvalidEscape, frame.Status);
                Assert.Equal(Jt808FrameStatus.InvalidEscape, Jt808FrameReader.DecodeFrame(wire, scratch).Status);
                return;
            case 33: // 7E 7D 02 7D 01 7D 02 7D 01 7E -> 7E 7D 7E 7D
                Assert.True(got);
                Assert.Equal(Jt808FrameStatus.TooShort, frame.Status);
                Assert.Equal("7E7D7E7D", Convert.ToHexString(frame.Payload.Span));
                return;
            case 58: // unescape() => 02007d00107e
                Assert.True(got);
                Assert.Equal(Jt808FrameStatus.TooShort, frame.Status);
                Assert.Equal("02007D00107E", Convert.ToHexString(frame.Payload.Span));
                return;
            default:
                Assert.Fail($"Unexpected framing-only row {row.Number}.");
                return;
        }
    }

    private static void AssertCheckCode(FrameRow row, Jt808Frame frame)
    {
        var text = row["checksum_ok"];
        if (text == "yes")
        {
            Assert.True(frame.CheckCodeOk);
            return;
        }
        var m = CheckCodeText().Match(text);
        Assert.True(m.Success, text);
        Assert.False(frame.CheckCodeOk);
        Assert.Equal(Convert.FromHexString(m.Groups[1].Value)[0], frame.ComputedCheckCode);
        Assert.Equal(Convert.FromHexString(m.Groups[2].Value)[0], frame.CheckCode);
    }

    private static void AssertHeader(FrameRow row, Jt808Header h)
    {
        Assert.Equal(ParseHex(row["message_id"]), (int)h.MessageId);
        switch (row["version"])
        {
            case "2013":
                Assert.Equal(Jt808Version.V2013, h.Version);
                Assert.False(h.VersionFlag);
                break;
            case "2013(flag14 set!)":
                Assert.Equal(Jt808Version.V2013, h.Version);
                Assert.True(h.VersionFlag);
                break;
            case var v when v.StartsWith("2019(v", StringComparison.Ordinal):
                Assert.Equal(Jt808Version.V2019, h.Version);
                Assert.True(h.VersionFlag);
                Assert.Equal(int.Parse(v[6..^1], Inv), h.ProtocolVersion);
                break;
            default:
                Assert.Fail("version " + row["version"]);
                break;
        }
        Assert.Equal(row["terminal_phone"], h.Phone.ToString());
        Assert.Equal(int.Parse(row["msg_sn"], Inv), h.SerialNumber);
        Assert.Equal(int.Parse(row["body_len"], Inv), h.BodyLength);
        Assert.Equal(0, h.Encryption);
        if (row.Has("subpackage"))
        {
            var parts = row["subpackage"].Split('/');
            Assert.True(h.IsSubpackage);
            Assert.Equal(int.Parse(parts[0], Inv), h.PackageIndex);
            Assert.Equal(int.Parse(parts[1], Inv), h.PackageTotal);
        }
        else
        {
            Assert.False(h.IsSubpackage);
        }
    }

    /// <summary>Decodes the body by message ID, asserts the stated values, returns the message warnings.</summary>
    private static Jt808Warnings DecodeAndAssertBody(FrameRow row, Jt808Frame frame)
    {
        var body = frame.Body.Span;
        var version = frame.Header.Version;
        var stated = Stated(row);
        Jt808Warnings w;
        switch (frame.MessageId)
        {
            case Jt808MessageId.LocationReport:
            {
                Assert.True(Jt808LocationReport.TryDecode(body, version, out var report, out w));
                AssertLocation(row, report);
                AssertAdditionalItems(row, body);
                AssertStatedItems(row, [report]);
                return w;
            }
            case Jt808MessageId.LocationQueryReply:
            {
                Assert.True(Jt808LocationQueryReply.TryDecode(body, version, out var reply, out w));
                Assert.Equal("sn " + reply.ReplySerial, row["reply_to"]);
                AssertLocation(row, reply.Report);
                return w;
            }
            case Jt808MessageId.LocationBatch:
                return AssertBatch(row, body, version);
            case Jt808MessageId.TerminalGeneralReply:
            {
                Assert.True(Jt808TerminalGeneralReply.TryDecode(body, out var reply, out w));
                Assert.Equal($"sn {reply.ReplySerial} / 0x{(ushort)reply.ReplyMessageId:X4}", row["reply_to"]);
                Assert.Equal(row["result"], ((int)reply.Result).ToString(Inv));
                return w;
            }
            case Jt808MessageId.PlatformGeneralReply:
            {
                Assert.True(Jt808PlatformGeneralReply.TryDecode(body, out var reply, out w));
                Assert.Equal($"sn {reply.ReplySerial} / 0x{(ushort)reply.ReplyMessageId:X4}", row["reply_to"]);
                Assert.Equal(row["result"], ((int)reply.Result).ToString(Inv));
                return w;
            }
            case Jt808MessageId.RegistrationReply:
            {
                Assert.True(Jt808RegistrationReply.TryDecode(body, out var reply, out w));
                Assert.NotNull(reply);
                Assert.Equal("sn " + reply.ReplySerial, row["reply_to"]);
                Assert.Equal(row["result"], ((int)reply.Result).ToString(Inv));
                if (Value(stated, "AuthCode", "Code") is { } code)
                    Assert.Equal(code == "null" ? null : code, reply.AuthCode);
                return w;
            }
            case Jt808MessageId.Registration:
            {
                Assert.True(Jt808Registration.TryDecode(body, version, out var reg, out w));
                Assert.NotNull(reg);
                var expectedLayout = row.Tags.Contains("v2011-body") ? Jt808RegistrationLayout.V2011
                    : version == Jt808Version.V2019 ? Jt808RegistrationLayout.V2019 : Jt808RegistrationLayout.V2013;
                Assert.Equal(expectedLayout, reg.Layout);
                if (Value(stated, "AreaID", "Province") is { } province) Assert.Equal(province, reg.ProvinceId.ToString(Inv));
                if (Value(stated, "CityOrCountyId", "City") is { } city) Assert.Equal(city, reg.CityId.ToString(Inv));
                if (Value(stated, "MakerId", "Maker") is { } maker) Assert.Equal(maker, reg.ManufacturerId);
                if (Value(stated, "TerminalModel", "Model") is { } model) Assert.Equal(model, reg.Model);
                if (Value(stated, "TerminalId") is { } terminal) Assert.Equal(terminal, reg.TerminalId);
                if (Value(stated, "PlateColor") is { } color) Assert.Equal(color, reg.PlateColor.ToString(Inv));
                if (Value(stated, "PlateNo", "Plate") is { } plate) Assert.Equal(plate, reg.Plate);
                return w;
            }
            case Jt808MessageId.Authentication:
            {
                Assert.True(Jt808Authentication.TryDecode(body, version, out var auth, out w));
                Assert.NotNull(auth);
                var code = Value(stated, "AuthCode", "Code") ?? AuthCodeInNotes().Match(row["notes"]).Groups[1].Value;
                Assert.Equal(code, auth.AuthCode);
                if (Value(stated, "IMEI") is { } imei) Assert.Equal(imei, auth.Imei);
                if (Value(stated, "SoftwareVersion") is { } software) Assert.Equal(software, auth.SoftwareVersion);
                return w;
            }
            case Jt808MessageId.ServerTimeReply:
            {
                Assert.Equal(6, body.Length);
                Assert.Equal(ParseTime(Value(stated, "Time")!), Jt808BcdTime.FromBcd(body).ToDateTimeOffset());
                return Jt808Warnings.None;
            }
            case Jt808MessageId.Heartbeat:
                Assert.True(Jt808EmptyMessage.TryDecode(frame.MessageId, body, out _, out w));
                return w;
            default:
                // 0x8004, and the subpackaged 0x1205 / 0x0104 (reassembled in their own tests): header only.
                return Jt808Warnings.None;
        }
    }

    /// <summary>
    /// What the source tests state about individual items: SmallChi's count of standard and unknown items (row 9) and a
    /// vendor item's text (row 14), both read through the generic item reader.
    /// </summary>
    private static void AssertAdditionalItems(FrameRow row, ReadOnlySpan<byte> body)
    {
        var stated = row["stated_by_test"];
        var counts = StandardAndUnknownCounts().Match(stated);
        if (counts.Success)
        {
            int standard = 0, unknown = 0;
            var items = Jt808LocationReport.GetAdditionalItems(body);
            while (items.TryRead(out byte id, out var value))
            {
                bool known = id switch
                {
                    0x01 or 0x25 or 0x2B => value.Length == 4,
                    0x02 or 0x03 or 0x04 or 0x06 or 0x2A => value.Length == 2,
                    0x05 => value.Length == 30,
                    0x11 => value.Length is 1 or 5,
                    0x12 => value.Length == 6,
                    0x13 => value.Length == 7,
                    0x30 or 0x31 => value.Length == 1,
                    _ => false,
                };
                if (known) standard++;
                else unknown++;
            }
            Assert.True(items.Overrun); // SmallChi: Assert.Single(ExceptionLocationAttachOriginalData)
            Assert.Equal(int.Parse(counts.Groups[1].Value, Inv), standard);
            Assert.Equal(int.Parse(counts.Groups[2].Value, Inv), unknown);
        }
        var vendor = VendorItemText().Match(stated);
        if (vendor.Success)
        {
            byte wanted = Convert.FromHexString(vendor.Groups[1].Value)[0];
            var items = Jt808LocationReport.GetAdditionalItems(body);
            string? text = null;
            while (items.TryRead(out byte id, out var value))
                if (id == wanted) text = System.Text.Encoding.ASCII.GetString(value);
            Assert.Equal(vendor.Groups[2].Value, text);
        }
    }

    /// <summary>Item values the SmallChi tests state in words (row 3: every standard item; row 15: the second batch item).</summary>
    private static void AssertStatedItems(FrameRow row, IReadOnlyList<Jt808LocationReport> reports)
    {
        if (row.Number == 3)
        {
            // 0x03 Speed=56; 0x04 EventId=1; 0x11 AreaId=1 circular; 0x12 AreaId=1 circular direction_out;
            // 0x13 RouteId=2 Time=34 overlength; 0x25=23; 0x2A=244; 0x2B analogs [0,242]
            var r = reports[0];
            Assert.Equal((ushort)56, r.TachographSpeedRaw);
            Assert.Equal((ushort)1, r.AlarmEventId);
            Assert.Equal(new Jt808OverspeedInfo(Jt808AreaKind.Circle, 1), r.Overspeed);
            Assert.Equal(new Jt808AreaCrossingInfo(Jt808AreaKind.Circle, 1, Jt808CrossingDirection.Out), r.AreaCrossing);
            Assert.Equal(new Jt808RouteTimeInfo(2, 34, Jt808RouteTimeResult.TooLong), r.RouteTime);
            Assert.Equal(23u, r.ExtendedSignals);
            Assert.Equal((ushort)244, r.IoStatus);
            Assert.Equal(242u, r.Analog); // AD1 = 0 (high word), AD0 = 242 (low word)
        }
        if (row.Number == 15)
        {
            // [1] Alarm=2 Status=1 Lat=13333333 Lng=132555555 Speed=54 Dir=120 Time=2018-07-15 10:10:30 Mileage=96 Oil=66
            var r = reports[1];
            Assert.Equal(2u, r.Alarm);
            Assert.Equal(1u, r.Status);
            Assert.Equal(13333333u, r.LatitudeRaw);
            Assert.Equal(132555555u, r.LongitudeRaw);
            Assert.Equal((ushort)54, r.SpeedRaw);
            Assert.Equal((ushort)120, r.Direction);
            Assert.Equal(ParseTime("2018-07-15 10:10:30"), r.Time);
            Assert.Equal(96u, r.MileageRaw);
            Assert.Equal((ushort)66, r.FuelRaw);
        }
    }

    private static Jt808Warnings AssertBatch(FrameRow row, ReadOnlySpan<byte> body, Jt808Version version)
    {
        var reader = Jt808LocationBatch.CreateReader(body, version);
        Assert.True(reader.IsValid);
        var items = new List<Jt808LocationReport>();
        var w = Jt808Warnings.None;
        while (reader.TryReadNext(out var report, out var itemWarnings))
        {
            items.Add(report);
            w |= itemWarnings;
        }
        w |= reader.Warnings;

        var m = PositionsText().Match(row["positions"]);
        Assert.True(m.Success, row["positions"]);
        Assert.Equal(int.Parse(m.Groups[1].Value, Inv), items.Count);
        Assert.Equal(int.Parse(m.Groups[2].Value, Inv), reader.DeclaredCount);
        Assert.Equal(int.Parse(m.Groups[3].Value, Inv), (int)reader.Type);
        AssertLocation(row, items[0]);
        AssertStatedItems(row, items);

        // The notes list every item: "[i] lat,lon speed km/h time".
        foreach (Match item in ItemText().Matches(row["notes"]))
        {
            var r = items[int.Parse(item.Groups[1].Value, Inv)];
            Assert.Equal(double.Parse(item.Groups[2].Value, Inv), r.Latitude);
            Assert.Equal(double.Parse(item.Groups[3].Value, Inv), r.Longitude);
            Assert.Equal(double.Parse(item.Groups[4].Value, Inv), r.SpeedKmh);
            Assert.Equal(ParseTime(item.Groups[5].Value), r.Time);
        }

        // The same through the allocating form.
        Assert.True(Jt808LocationBatch.TryDecode(body, version, out var batch, out var batchWarnings));
        Assert.Equal(items, batch!.Items);
        Assert.Equal(w, batchWarnings);
        return w;
    }

    private static void AssertLocation(FrameRow row, Jt808LocationReport r)
    {
        Assert.Equal(double.Parse(row["lat"], Inv), r.Latitude);
        Assert.Equal(double.Parse(row["lon"], Inv), r.Longitude);
        Assert.Equal(double.Parse(row["speed_kmh"], Inv), r.SpeedKmh);
        Assert.Equal(int.Parse(row["direction_deg"], Inv), r.Direction);
        Assert.Equal(int.Parse(row["altitude_m"], Inv), r.Altitude);
        Assert.Equal(ParseTime(row["time_gmt8"]), r.Time);
        Assert.Equal(TimeSpan.FromHours(8), r.Time!.Value.Offset);
        Assert.Equal(ParseHex(row["alarm_flag"]), (long)r.Alarm);
        Assert.Equal(ParseHex(row["status_flag"]), (long)r.Status);
        Assert.Equal((r.Status & 2) != 0, r.IsFixValid);
        AssertMileage(row, r.MileageKm);
        Assert.Equal(Nullable(row, "fuel_l"), r.FuelLitres);
        Assert.Equal(Nullable(row, "rssi"), (double?)r.SignalStrength);
        Assert.Equal(Nullable(row, "satellites"), (double?)r.SatelliteCount);
    }

    /// <summary>
    /// Rows 6 and 9 state 568101 and 125189 km where the items hold 5681011 and 1251892 (0.1 km): the file's scratch
    /// decoder printed six significant digits. Those two are checked at that precision, all others exactly.
    /// </summary>
    private static void AssertMileage(FrameRow row, double? actual)
    {
        if (!row.Has("mileage_km"))
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        var text = row["mileage_km"];
        if (row.Number is 6 or 9)
        {
            Assert.NotEqual(double.Parse(text, Inv), actual.Value);
            Assert.Equal(text, actual.Value.ToString("G6", Inv));
            return;
        }
        Assert.Equal(double.Parse(text, Inv), actual.Value);
    }

    private static Jt808Warnings ExpectedWarnings(FrameRow row)
    {
        var w = Jt808Warnings.None;
        var notes = row["notes"];
        if (row.Tags.Contains("quirk-flag14-2013-header")) w |= Jt808Warnings.VersionFlagWith2013Header;
        if (row.Tags.Contains("bad-checksum")) w |= Jt808Warnings.BadCheckCode;
        if (row.Tags.Contains("lat-lon-out-of-range")) w |= Jt808Warnings.LatitudeOutOfRange; // all are swapped: lat > 90, lon about 40
        if (notes.Contains("overruns body", StringComparison.Ordinal)) w |= Jt808Warnings.AdditionalItemOverrun;
        if (notes.Contains("two items with id", StringComparison.Ordinal)) w |= Jt808Warnings.DuplicateAdditionalItem;
        if (notes.Contains("body length field", StringComparison.Ordinal)) w |= Jt808Warnings.BodyLengthMismatch;
        if (notes.Contains("batch: item length", StringComparison.Ordinal)) w |= Jt808Warnings.BatchItemOverrun | Jt808Warnings.BatchCountMismatch;
        return w;
    }

    /// <summary>Decodes the frame's message and encodes it again with the same header fields; null when not supported.</summary>
    internal static byte[]? ReEncode(Jt808Frame frame)
    {
        var h = frame.Header;
        var header = new Jt808Header(h.MessageId, h.Phone, h.SerialNumber, h.Version, h.ProtocolVersion);
        var body = frame.Body.Span;
        var v = h.Version;
        return frame.MessageId switch
        {
            Jt808MessageId.LocationReport when Jt808LocationReport.TryDecode(body, v, out var m, out _) => Jt808FrameWriter.ToArray(header, m),
            Jt808MessageId.LocationQueryReply when Jt808LocationQueryReply.TryDecode(body, v, out var m, out _) => Jt808FrameWriter.ToArray(header, m),
            Jt808MessageId.LocationBatch when Jt808LocationBatch.TryDecode(body, v, out var m, out _) => Jt808FrameWriter.ToArray(header, m!),
            Jt808MessageId.TerminalGeneralReply when Jt808TerminalGeneralReply.TryDecode(body, out var m, out _) => Jt808FrameWriter.ToArray(header, m),
            Jt808MessageId.PlatformGeneralReply when Jt808PlatformGeneralReply.TryDecode(body, out var m, out _) => Jt808FrameWriter.ToArray(header, m),
            Jt808MessageId.RegistrationReply when Jt808RegistrationReply.TryDecode(body, out var m, out _) => Jt808FrameWriter.ToArray(header, m!),
            Jt808MessageId.Registration when Jt808Registration.TryDecode(body, v, out var m, out _) => Jt808FrameWriter.ToArray(header, m!),
            Jt808MessageId.Authentication when Jt808Authentication.TryDecode(body, v, out var m, out _) => Jt808FrameWriter.ToArray(header, m!),
            Jt808MessageId.Heartbeat or Jt808MessageId.Deregistration => Jt808FrameWriter.ToArray(header, new Jt808EmptyMessage(h.MessageId)),
            _ => null,
        };
    }

    private static Dictionary<string, string> Stated(FrameRow row)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in row["stated_by_test"].Split(';'))
        {
            int eq = part.IndexOf('=');
            if (eq < 0) continue;
            var key = KeyAnnotation().Replace(part[..eq].Trim(), "");
            var value = ValueAnnotation().Replace(part[(eq + 1)..].Trim(), "");
            map.TryAdd(key, value);
        }
        return map;
    }

    private static string? Value(Dictionary<string, string> stated, params string[] keys)
    {
        foreach (var k in keys)
            if (stated.TryGetValue(k, out var v)) return v;
        return null;
    }

    private static double? Nullable(FrameRow row, string column) => row.Has(column) ? double.Parse(row[column], Inv) : null;

    private static long ParseHex(string text) => long.Parse(text.AsSpan(2), NumberStyles.HexNumber, Inv);

    private static DateTimeOffset ParseTime(string text)
        => new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", Inv), TimeSpan.FromHours(8));

    [GeneratedRegex(@"^no \(calc ([0-9A-F]{2}), frame ([0-9A-F]{2})\)$")]
    private static partial Regex CheckCodeText();

    [GeneratedRegex(@"^(\d+) \(count field (\d+), type (\d+)\)$")]
    private static partial Regex PositionsText();

    [GeneratedRegex(@"\[(\d+)\] ([\d.]+),([\d.]+) ([\d.]+)km/h (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")]
    private static partial Regex ItemText();

    [GeneratedRegex(@"BasicLocationAttachData.Count=(\d+); UnknownLocationAttachData.Count=(\d+)")]
    private static partial Regex StandardAndUnknownCounts();

    [GeneratedRegex(@"0x([0-9A-F]{2}) custom item Version=""([^""]+)""")]
    private static partial Regex VendorItemText();

    [GeneratedRegex(@"auth code ""([^""]+)""")]
    private static partial Regex AuthCodeInNotes();

    [GeneratedRegex(@"\(.*\)$")]
    private static partial Regex KeyAnnotation();

    [GeneratedRegex(@" \(.*\)$")]
    private static partial Regex ValueAnnotation();
}

/// <summary>A <see cref="TimeProvider"/> moved by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
