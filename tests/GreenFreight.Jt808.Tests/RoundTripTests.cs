using System.Buffers;

namespace GreenFreight.Jt808.Tests;

/// <summary>decode(encode(x)) == x for every encoder, through the complete frame path (writer → reader → decoder).</summary>
public sealed class RoundTripTests
{
    private static readonly Jt808Phone Phone2013 = Jt808Phone.Parse("013912345678");
    private static readonly Jt808Phone Phone2019 = Jt808Phone.Parse("00000000013912345678");
    private static readonly DateTimeOffset Time = new(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(8));

    public static TheoryData<Jt808Version> Versions => new() { Jt808Version.V2013, Jt808Version.V2019 };

    private static Jt808Header Header(Jt808Version version, ushort serial = 0x7E7D)
        => new(default, version == Jt808Version.V2019 ? Phone2019 : Phone2013, serial, version);

    /// <summary>Encodes into a span and into an IBufferWriter (same bytes), reads the frame back, checks the header.</summary>
    private static Jt808Frame Frame<T>(Jt808Version version, T body, out byte[] wire) where T : IJt808MessageBody
    {
        var header = Header(version);
        var buffer = new byte[Jt808FrameWriter.GetMaxFrameLength(body.GetBodyLength(version))];
        Assert.True(Jt808FrameWriter.TryWrite(buffer, header, body, out int n));
        wire = buffer.AsSpan(0, n).ToArray();
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(n, Jt808FrameWriter.Write(writer, header, body));
        Assert.Equal(wire, writer.WrittenSpan.ToArray());
        Assert.False(Jt808FrameWriter.TryWrite(buffer.AsSpan(0, n - 1), header, body, out _));

        var frame = Jt808FrameReader.DecodeFrame(wire, new byte[2048]);
        Assert.Equal(Jt808FrameStatus.Ok, frame.Status);
        Assert.Equal(Jt808Warnings.None, frame.Warnings);
        Assert.Equal(body.MessageId, frame.MessageId);
        Assert.Equal(version, frame.Header.Version);
        Assert.Equal(header.Phone, frame.Header.Phone);
        Assert.Equal(header.SerialNumber, frame.Header.SerialNumber);
        Assert.Equal(body.GetBodyLength(version), frame.Header.BodyLength);
        Assert.Equal(version == Jt808Version.V2019 ? 1 : 0, frame.Header.ProtocolVersion);
        return frame;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Platform_general_reply(Jt808Version version)
    {
        foreach (var result in Enum.GetValues<Jt808PlatformResult>())
        {
            var x = new Jt808PlatformGeneralReply(0x7E7E, Jt808MessageId.LocationReport, result);
            var frame = Frame(version, x, out _);
            Assert.True(Jt808PlatformGeneralReply.TryDecode(frame.Body.Span, out var y, out var w));
            Assert.Equal(x, y);
            Assert.Equal(Jt808Warnings.None, w);
        }
    }

    [Fact]
    public void Platform_general_reply_to_a_received_header()
    {
        var received = new Jt808Header(Jt808MessageId.Heartbeat, Phone2013, 42);
        Assert.Equal(new Jt808PlatformGeneralReply(42, Jt808MessageId.Heartbeat, Jt808PlatformResult.Success), Jt808PlatformGeneralReply.To(received));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Terminal_general_reply(Jt808Version version)
    {
        var x = new Jt808TerminalGeneralReply(7, Jt808MessageId.SetCircleAreas, Jt808TerminalResult.Unsupported);
        var frame = Frame(version, x, out _);
        Assert.True(Jt808TerminalGeneralReply.TryDecode(frame.Body.Span, out var y, out _));
        Assert.Equal(x, y);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Registration_reply(Jt808Version version)
    {
        foreach (var x in new[]
        {
            new Jt808RegistrationReply(65535, Jt808RegistrationResult.Success, "鉴权码ABC123"),
            new Jt808RegistrationReply(1, Jt808RegistrationResult.Success, ""),
            new Jt808RegistrationReply(2, Jt808RegistrationResult.VehicleAlreadyRegistered),
            new Jt808RegistrationReply(3, Jt808RegistrationResult.NoSuchVehicle),
            new Jt808RegistrationReply(4, Jt808RegistrationResult.TerminalAlreadyRegistered),
            new Jt808RegistrationReply(5, Jt808RegistrationResult.NoSuchTerminal),
        })
        {
            var frame = Frame(version, x, out _);
            Assert.True(Jt808RegistrationReply.TryDecode(frame.Body.Span, out var y, out var w));
            Assert.Equal(x, y);
            Assert.Equal(Jt808Warnings.None, w);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Heartbeat_and_deregistration(Jt808Version version)
    {
        foreach (var x in new[] { Jt808EmptyMessage.Heartbeat, Jt808EmptyMessage.Deregistration })
        {
            var frame = Frame(version, x, out var wire);
            Assert.Equal(version == Jt808Version.V2019 ? 20 : 15, wire.Length - CountEscapes(wire));
            Assert.True(Jt808EmptyMessage.TryDecode(frame.MessageId, frame.Body.Span, out var y, out var w));
            Assert.Equal(x, y);
            Assert.Equal(Jt808Warnings.None, w);
        }
    }

    [Theory]
    [InlineData(Jt808RegistrationLayout.V2011, Jt808Version.V2013)]
    [InlineData(Jt808RegistrationLayout.V2013, Jt808Version.V2013)]
    [InlineData(Jt808RegistrationLayout.V2019, Jt808Version.V2019)]
    public void Registration_in_each_layout(Jt808RegistrationLayout layout, Jt808Version version)
    {
        foreach (var plate in new[] { "鲁C12345", "京A0001挂", "" })
        {
            var x = new Jt808Registration
            {
                Layout = layout,
                ProvinceId = 37,
                CityId = 305,
                ManufacturerId = "ZB001",
                Model = layout == Jt808RegistrationLayout.V2011 ? "GF-808" : "GreenFreight-T1",
                TerminalId = "T000042",
                PlateColor = 2,
                Plate = plate,
            };
            var frame = Frame(version, x, out _);
            // An empty plate on the 2011 layout is 25 bytes; a 2013 header body under 37 bytes reads as 2011.
            Assert.True(Jt808Registration.TryDecode(frame.Body.Span, version, out var y, out var w));
            Assert.Equal(x, y);
            Assert.Equal(Jt808Warnings.None, w);
        }
    }

    [Fact]
    public void Registration_field_too_long_is_refused()
    {
        var x = new Jt808Registration { Layout = Jt808RegistrationLayout.V2011, Model = "longer than eight" };
        Assert.Throws<ArgumentException>(() => Jt808FrameWriter.ToArray(Header(Jt808Version.V2013), x));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Authentication(Jt808Version version)
    {
        var x = version == Jt808Version.V2019
            ? new Jt808Authentication("987654321") { Imei = "861234567890123", SoftwareVersion = "GF-1.2.3" }
            : new Jt808Authentication("J10030000681");
        var frame = Frame(version, x, out _);
        Assert.True(Jt808Authentication.TryDecode(frame.Body.Span, version, out var y, out var w));
        Assert.Equal(x, y);
        Assert.Equal(Jt808Warnings.None, w);
    }

    private static Jt808LocationReport FullReport() => Jt808LocationReport.Create(Time, 36.812345, 118.305678, 52.3, 271, -12,
        alarm: 0x0000_0402, status: Jt808LocationReport.StatusAccOn | Jt808LocationReport.StatusFixValid) with
    {
        MileageRaw = 123456,
        FuelRaw = 0x7E7D,
        TachographSpeedRaw = 510,
        AlarmEventId = 9,
        TyrePressures = new Jt808TyrePressures([220, 221, 230, 231]),
        CompartmentTemperature = -18,
        Overspeed = new Jt808OverspeedInfo(Jt808AreaKind.Circle, 0x7E7E7E7E),
        AreaCrossing = new Jt808AreaCrossingInfo(Jt808AreaKind.Polygon, 12, Jt808CrossingDirection.Out),
        RouteTime = new Jt808RouteTimeInfo(77, 640, Jt808RouteTimeResult.TooLong),
        ExtendedSignals = 0x0000_0023,
        IoStatus = 0x0003,
        Analog = 0x00F2_0010,
        SignalStrength = 23,
        SatelliteCount = 14,
    };

    public static TheoryData<int> ReportCases => new() { 0, 1, 2, 3, 4 };

    private static Jt808LocationReport ReportCase(int i) => i switch
    {
        0 => FullReport(),
        1 => Jt808LocationReport.Create(Time, 36.8, 118.3), // no items
        2 => Jt808LocationReport.Create(Time, -33.868820, -70.64, 0.1) with { Overspeed = new Jt808OverspeedInfo(Jt808AreaKind.None, null) },
        3 => FullReport() with { CompartmentTemperature = 32767, Overspeed = new Jt808OverspeedInfo(Jt808AreaKind.Route, 1) },
        _ => new Jt808LocationReport { LatitudeRaw = 116307629, LongitudeRaw = 40058359, TimeBcd = Jt808BcdTime.FromFields(24, 13, 40, 25, 61, 61) },
    };

    [Theory]
    [MemberData(nameof(ReportCases))]
    public void Location_report(int i)
    {
        var x = ReportCase(i);
        foreach (var version in new[] { Jt808Version.V2013, Jt808Version.V2019 })
        {
            var frame = Frame(version, x, out _);
            Assert.True(Jt808LocationReport.TryDecode(frame.Body.Span, version, out var y, out var w));
            Assert.Equal(x, y);
            Assert.Equal(i == 4 ? Jt808Warnings.InvalidTime | Jt808Warnings.LatitudeOutOfRange : Jt808Warnings.None, w);
        }
    }

    [Fact]
    public void Location_report_values_in_degrees_and_units()
    {
        var r = FullReport();
        Assert.Equal(36.812345, r.Latitude);
        Assert.Equal(118.305678, r.Longitude);
        Assert.Equal(52.3, r.SpeedKmh);
        Assert.Equal(Time, r.Time);
        Assert.Equal(12345.6, r.MileageKm);
        Assert.True(r.IsFixValid);
        var south = ReportCase(2);
        Assert.Equal(-33.86882, south.Latitude);
        Assert.Equal(-70.64, south.Longitude);
        Assert.Equal(Jt808LocationReport.StatusSouth | Jt808LocationReport.StatusWest | Jt808LocationReport.StatusFixValid, south.Status);
        Assert.Null(ReportCase(4).Time);
    }

    [Fact]
    public void Location_report_items_are_written_in_id_order_and_readable_one_by_one()
    {
        var x = FullReport();
        var body = new byte[x.GetBodyLength(Jt808Version.V2019)];
        Assert.Equal(body.Length, x.WriteBody(body, Jt808Version.V2019));
        var ids = new List<byte>();
        var items = Jt808LocationReport.GetAdditionalItems(body);
        while (items.TryRead(out byte id, out _)) ids.Add(id);
        Assert.False(items.Overrun);
        Assert.Equal(new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x25, 0x2A, 0x2B, 0x30, 0x31 }, ids);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Location_query_reply(Jt808Version version)
    {
        var x = new Jt808LocationQueryReply(0x1234, FullReport());
        var frame = Frame(version, x, out _);
        Assert.True(Jt808LocationQueryReply.TryDecode(frame.Body.Span, version, out var y, out _));
        Assert.Equal(x, y);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Location_batch(Jt808Version version)
    {
        var x = new Jt808LocationBatch(Jt808LocationBatchType.BlindAreaReupload, [FullReport(), ReportCase(1), ReportCase(2), ReportCase(3)]);
        var frame = Frame(version, x, out _);
        Assert.True(Jt808LocationBatch.TryDecode(frame.Body.Span, version, out var y, out var w));
        Assert.Equal(x, y);
        Assert.Equal(Jt808Warnings.None, w);
    }

    [Fact]
    public void Set_circle_areas()
    {
        var x = new Jt808SetCircleAreas(Jt808AreaSettingType.Append,
        [
            new Jt808CircleArea(1, Jt808AreaAttributes.EnterAlarmToPlatform | Jt808AreaAttributes.ExitAlarmToPlatform,
                Jt808GeoPoint.FromDegrees(36.8161, 118.3098), 500),
            new Jt808CircleArea(2, Jt808AreaAttributes.ForbidDoorOpening, Jt808GeoPoint.FromDegrees(-36.8161, -118.3098), 1200,
                new Jt808TimeRange(Jt808BcdTime.FromDateTimeOffset(Time), Jt808BcdTime.FromFields(25, 12, 31, 23, 59, 59)),
                new Jt808SpeedLimit(40, 10)),
            new Jt808CircleArea(3, Jt808AreaAttributes.CollectGnssOnEnter, Jt808GeoPoint.FromDegrees(36.8, 118.3), 1, null, new Jt808SpeedLimit(30, 5)),
        ]);
        var frame = Frame(Jt808Version.V2013, x, out _);
        Assert.True(Jt808SetCircleAreas.TryDecode(frame.Body.Span, out var y, out var w));
        Assert.Equal(x, y);
        Assert.Equal(Jt808Warnings.None, w);

        // Area 2: attribute word has bits 0 (time), 1 (speed), 6 (south), 7 (west) and 8 set.
        var body = frame.Body.Span;
        int area2 = 2 + 18;
        Assert.Equal(0x01C3, (body[area2 + 4] << 8) | body[area2 + 5]);
    }

    [Fact]
    public void Set_rectangle_areas()
    {
        var x = new Jt808SetRectangleAreas(Jt808AreaSettingType.Update,
        [
            new Jt808RectangleArea(10, Jt808AreaAttributes.EnterAlarmToDriver, Jt808GeoPoint.FromDegrees(36.83, 118.28),
                Jt808GeoPoint.FromDegrees(36.79, 118.34), new Jt808TimeRange(Jt808BcdTime.FromFields(0, 0, 0, 7, 0, 0), Jt808BcdTime.FromFields(0, 0, 0, 19, 0, 0))),
            new Jt808RectangleArea(11, Jt808AreaAttributes.None, Jt808GeoPoint.FromDegrees(36.9, 118.2),
                Jt808GeoPoint.FromDegrees(36.7, 118.4), null, new Jt808SpeedLimit(60, 30)),
        ]);
        var frame = Frame(Jt808Version.V2013, x, out _);
        Assert.True(Jt808SetRectangleAreas.TryDecode(frame.Body.Span, out var y, out _));
        Assert.Equal(x, y);
    }

    [Fact]
    public void Set_polygon_area()
    {
        var x = new Jt808SetPolygonArea(20, Jt808AreaAttributes.EnterAlarmToPlatform,
            [Jt808GeoPoint.FromDegrees(36.80, 118.29), Jt808GeoPoint.FromDegrees(36.83, 118.31), Jt808GeoPoint.FromDegrees(36.81, 118.35), Jt808GeoPoint.FromDegrees(36.78, 118.33)],
            new Jt808TimeRange(Jt808BcdTime.FromDateTimeOffset(Time), Jt808BcdTime.FromDateTimeOffset(Time.AddDays(30))),
            new Jt808SpeedLimit(30, 15));
        var frame = Frame(Jt808Version.V2013, x, out _);
        Assert.True(Jt808SetPolygonArea.TryDecode(frame.Body.Span, out var y, out _));
        Assert.Equal(x, y);
        Assert.Equal(4 + 2 + 12 + 3 + 2 + 4 * 8, frame.Body.Length);
    }

    [Fact]
    public void Set_route()
    {
        var x = new Jt808SetRoute(30, Jt808RouteAttributes.ExitAlarmToPlatform,
        [
            new Jt808RoutePoint(1, 101, Jt808GeoPoint.FromDegrees(36.80, 118.29), 30, new Jt808SegmentTravelTime(600, 60), new Jt808SpeedLimit(50, 10)),
            new Jt808RoutePoint(2, 102, Jt808GeoPoint.FromDegrees(36.83, 118.31), 25),
            new Jt808RoutePoint(3, 103, Jt808GeoPoint.FromDegrees(36.81, 118.35), 20, null, new Jt808SpeedLimit(40, 5)),
        ], new Jt808TimeRange(Jt808BcdTime.FromFields(25, 1, 1, 0, 0, 0), Jt808BcdTime.FromFields(25, 12, 31, 23, 59, 59)));
        var frame = Frame(Jt808Version.V2013, x, out _);
        Assert.True(Jt808SetRoute.TryDecode(frame.Body.Span, out var y, out _));
        Assert.Equal(x, y);
        Assert.Equal(4 + 2 + 12 + 2 + (18 + 7) + 18 + (18 + 3), frame.Body.Length);
    }

    [Fact]
    public void Delete_areas_and_routes()
    {
        foreach (var x in new[] { Jt808DeleteAreas.Circles(1, 2, 3), Jt808DeleteAreas.Rectangles(), Jt808DeleteAreas.Polygons(0x7E7E7E7E), Jt808DeleteAreas.Routes(30) })
        {
            var frame = Frame(Jt808Version.V2013, x, out _);
            Assert.True(Jt808DeleteAreas.TryDecode(frame.MessageId, frame.Body.Span, out var y, out _));
            Assert.Equal(x, y);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new Jt808DeleteAreas(Jt808MessageId.SetRoute, []));
    }

    [Fact]
    public void Subpackage_header_fields_round_trip()
    {
        var header = new Jt808Header(Jt808MessageId.QueryParametersReply, Phone2019, 9, Jt808Version.V2019) { IsSubpackage = true, PackageTotal = 3, PackageIndex = 2 };
        var buffer = new byte[64];
        Assert.True(Jt808FrameWriter.TryWrite(buffer, header, [1, 2, 3], out int n));
        var frame = Jt808FrameReader.DecodeFrame(buffer.AsSpan(0, n), new byte[64]);
        Assert.True(frame.IsValid);
        Assert.True(frame.Header.IsSubpackage);
        Assert.Equal(3, frame.Header.PackageTotal);
        Assert.Equal(2, frame.Header.PackageIndex);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Body.ToArray());
    }

    [Fact]
    public void Oversized_body_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Jt808FrameWriter.TryWrite(new byte[4096], Header(Jt808Version.V2013), new byte[1024], out _));
    }

    [Fact]
    public void Phone_that_does_not_fit_a_2013_header_is_refused()
    {
        var header = new Jt808Header(Jt808MessageId.Heartbeat, Jt808Phone.Parse("12345678901234562019"), 1);
        Assert.Throws<ArgumentException>(() => Jt808FrameWriter.ToArray(header, Jt808EmptyMessage.Heartbeat));
        var shortPhone = new Jt808Header(Jt808MessageId.Heartbeat, Jt808Phone.Parse("13912345678"), 1, Jt808Version.V2019);
        var frame = Jt808FrameReader.DecodeFrame(Jt808FrameWriter.ToArray(shortPhone, Jt808EmptyMessage.Heartbeat), new byte[64]);
        Assert.Equal("00000000013912345678", frame.Header.Phone.ToString());
    }

    private static int CountEscapes(byte[] wire) => wire.AsSpan(1, wire.Length - 2).Count(Jt808Escaping.Escape);
}
