using System.Runtime.CompilerServices;

namespace GreenFreight.Jt808;

/// <summary>
/// 0x0200 location report: alarm DWORD, status DWORD, latitude and longitude DWORD (10⁻⁶ degree, hemisphere in status
/// bits 2 and 3), altitude WORD (m, read as signed), speed WORD (0.1 km/h), direction WORD (0-359), time BCD[6] (GMT+8),
/// then additional items. Every standard item is decoded into a nullable property (null = absent); unknown and vendor
/// items are skipped (iterate them with <see cref="GetAdditionalItems"/>). A value type: decoding does not allocate.
/// Equality compares the decoded values. The encoder writes the present items in ascending ID order.
/// </summary>
public readonly record struct Jt808LocationReport : IJt808MessageBody
{
    /// <summary>Length of the basic block before the additional items.</summary>
    public const int BasicLength = 28;
    /// <summary>Status bit 0: ACC on.</summary>
    public const uint StatusAccOn = 1u << 0;
    /// <summary>Status bit 1: position fixed (valid).</summary>
    public const uint StatusFixValid = 1u << 1;
    /// <summary>Status bit 2: southern latitude.</summary>
    public const uint StatusSouth = 1u << 2;
    /// <summary>Status bit 3: western longitude.</summary>
    public const uint StatusWest = 1u << 3;

    /// <summary>Alarm flags DWORD.</summary>
    public uint Alarm { get; init; }

    /// <summary>Status flags DWORD.</summary>
    public uint Status { get; init; }

    /// <summary>Latitude magnitude in 10⁻⁶ degree (sign in <see cref="StatusSouth"/>).</summary>
    public uint LatitudeRaw { get; init; }

    /// <summary>Longitude magnitude in 10⁻⁶ degree (sign in <see cref="StatusWest"/>).</summary>
    public uint LongitudeRaw { get; init; }

    /// <summary>Altitude in metres (the WORD read as signed).</summary>
    public short Altitude { get; init; }

    /// <summary>Speed in 0.1 km/h.</summary>
    public ushort SpeedRaw { get; init; }

    /// <summary>Direction 0-359 degrees, north = 0, clockwise.</summary>
    public ushort Direction { get; init; }

    /// <summary>The raw BCD time (GMT+8).</summary>
    public Jt808BcdTime TimeBcd { get; init; }

    /// <summary>Status bit 1: the position is fixed.</summary>
    public bool IsFixValid => (Status & StatusFixValid) != 0;

    /// <summary>Latitude in degrees, negative in the south.</summary>
    public double Latitude => (Status & StatusSouth) != 0 ? -(LatitudeRaw / 1e6) : LatitudeRaw / 1e6;

    /// <summary>Longitude in degrees, negative in the west.</summary>
    public double Longitude => (Status & StatusWest) != 0 ? -(LongitudeRaw / 1e6) : LongitudeRaw / 1e6;

    /// <summary>Speed in km/h.</summary>
    public double SpeedKmh => SpeedRaw / 10.0;

    /// <summary>GNSS time with a +08:00 offset; null when the BCD time is invalid.</summary>
    public DateTimeOffset? Time => TimeBcd.ToDateTimeOffset();

    /// <summary>Item 0x01, mileage in 0.1 km.</summary>
    public uint? MileageRaw { get; init; }

    /// <summary>Item 0x01, mileage in km.</summary>
    public double? MileageKm => MileageRaw / 10.0;

    /// <summary>Item 0x02, fuel in 0.1 L.</summary>
    public ushort? FuelRaw { get; init; }

    /// <summary>Item 0x02, fuel in litres.</summary>
    public double? FuelLitres => FuelRaw / 10.0;

    /// <summary>Item 0x03, speed from the tachograph in 0.1 km/h.</summary>
    public ushort? TachographSpeedRaw { get; init; }

    /// <summary>Item 0x03, speed from the tachograph in km/h.</summary>
    public double? TachographSpeedKmh => TachographSpeedRaw / 10.0;

    /// <summary>Item 0x04, ID of an alarm event needing manual confirmation.</summary>
    public ushort? AlarmEventId { get; init; }

    /// <summary>Item 0x05 (2019), tyre pressures.</summary>
    public Jt808TyrePressures? TyrePressures { get; init; }

    /// <summary>Item 0x06 (2019), compartment temperature in °C (sign-magnitude WORD on the wire).</summary>
    public short? CompartmentTemperature { get; init; }

    /// <summary>Item 0x11, overspeed alarm information.</summary>
    public Jt808OverspeedInfo? Overspeed { get; init; }

    /// <summary>Item 0x12, area / route entry-exit alarm information.</summary>
    public Jt808AreaCrossingInfo? AreaCrossing { get; init; }

    /// <summary>Item 0x13, route segment travel time alarm information.</summary>
    public Jt808RouteTimeInfo? RouteTime { get; init; }

    /// <summary>Item 0x25, extended vehicle signal status DWORD.</summary>
    public uint? ExtendedSignals { get; init; }

    /// <summary>Item 0x2A, IO status WORD.</summary>
    public ushort? IoStatus { get; init; }

    /// <summary>Item 0x2B, analog DWORD (bits 0-15 AD0, bits 16-31 AD1).</summary>
    public uint? Analog { get; init; }

    /// <summary>Item 0x30, wireless signal strength.</summary>
    public byte? SignalStrength { get; init; }

    /// <summary>Item 0x31, number of GNSS satellites.</summary>
    public byte? SatelliteCount { get; init; }

    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.LocationReport;

    /// <summary>
    /// A report for encoding from degrees and km/h: magnitudes are rounded to 10⁻⁶ degree and 0.1 km/h, and status
    /// bits 2 and 3 are set from the signs.
    /// </summary>
    public static Jt808LocationReport Create(DateTimeOffset time, double latitude, double longitude, double speedKmh = 0,
        ushort direction = 0, short altitude = 0, uint alarm = 0, uint status = StatusFixValid)
    {
        if (!(Math.Abs(latitude) <= 90)) throw new ArgumentOutOfRangeException(nameof(latitude));
        if (!(Math.Abs(longitude) <= 180)) throw new ArgumentOutOfRangeException(nameof(longitude));
        if (!(speedKmh is >= 0 and <= 6553.5)) throw new ArgumentOutOfRangeException(nameof(speedKmh));
        status &= ~(StatusSouth | StatusWest);
        if (latitude < 0) status |= StatusSouth;
        if (longitude < 0) status |= StatusWest;
        return new Jt808LocationReport
        {
            Alarm = alarm,
            Status = status,
            LatitudeRaw = (uint)Math.Round(Math.Abs(latitude) * 1e6),
            LongitudeRaw = (uint)Math.Round(Math.Abs(longitude) * 1e6),
            Altitude = altitude,
            SpeedRaw = (ushort)Math.Round(speedKmh * 10),
            Direction = direction,
            TimeBcd = Jt808BcdTime.FromDateTimeOffset(time),
        };
    }

    /// <summary>
    /// Decodes a 0x0200 body (also a 0x0704 item). False only when the body is shorter than 28 bytes; every other
    /// deviation is a warning and decoding goes on. <paramref name="version"/> decides whether a 0x05/0x06 item of
    /// non-standard length is a bad 2019 item (warned) or a vendor item of an older terminal (skipped).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, out Jt808LocationReport report, out Jt808Warnings warnings)
    {
        if (body.Length < BasicLength)
        {
            report = default;
            warnings = Jt808Warnings.None;
            return false;
        }
        report = new Jt808LocationReport(body, version, out warnings);
        return true;
    }

    /// <summary>The additional items of a 0x0200 body, including unknown and vendor items.</summary>
    public static Jt808AdditionalItemReader GetAdditionalItems(ReadOnlySpan<byte> body)
        => new(body.Length > BasicLength ? body.Slice(BasicLength) : default);

    private Jt808LocationReport(ReadOnlySpan<byte> body, Jt808Version version, out Jt808Warnings warnings)
    {
        Alarm = Jt808Bytes.ReadU32(body, 0);
        Status = Jt808Bytes.ReadU32(body, 4);
        LatitudeRaw = Jt808Bytes.ReadU32(body, 8);
        LongitudeRaw = Jt808Bytes.ReadU32(body, 12);
        Altitude = (short)Jt808Bytes.ReadU16(body, 16);
        SpeedRaw = Jt808Bytes.ReadU16(body, 18);
        Direction = Jt808Bytes.ReadU16(body, 20);
        TimeBcd = Jt808BcdTime.FromBcd(body.Slice(22, 6));

        var w = Jt808Warnings.None;
        if (!TimeBcd.IsValid) w |= Jt808Warnings.InvalidTime;
        if (LatitudeRaw > 90_000_000) w |= Jt808Warnings.LatitudeOutOfRange;
        if (LongitudeRaw > 180_000_000) w |= Jt808Warnings.LongitudeOutOfRange;

        var items = new Jt808AdditionalItemReader(body.Slice(BasicLength));
        IdSet seen = default;
        bool v2019 = version == Jt808Version.V2019;
        while (items.TryRead(out byte id, out var v))
        {
            ref ulong word = ref seen[id >> 6];
            ulong bit = 1UL << (id & 63);
            if ((word & bit) != 0) w |= Jt808Warnings.DuplicateAdditionalItem;
            word |= bit;
            bool ok = true;
            switch (id)
            {
                case 0x01:
                    if (ok = v.Length == 4) MileageRaw = Jt808Bytes.ReadU32(v, 0);
                    break;
                case 0x02:
                    if (ok = v.Length == 2) FuelRaw = Jt808Bytes.ReadU16(v, 0);
                    break;
                case 0x03:
                    if (ok = v.Length == 2) TachographSpeedRaw = Jt808Bytes.ReadU16(v, 0);
                    break;
                case 0x04:
                    if (ok = v.Length == 2) AlarmEventId = Jt808Bytes.ReadU16(v, 0);
                    break;
                case 0x05:
                    // 2013 leaves 0x05 reserved; older terminals use it for vendor data.
                    if (v.Length == Jt808TyrePressures.Length) TyrePressures = new Jt808TyrePressures(v);
                    else ok = !v2019;
                    break;
                case 0x06:
                    if (v.Length == 2) CompartmentTemperature = FromSignMagnitude(Jt808Bytes.ReadU16(v, 0));
                    else ok = !v2019;
                    break;
                case 0x11:
                    if (v.Length == 1) Overspeed = new Jt808OverspeedInfo((Jt808AreaKind)v[0], null);
                    else if (v.Length == 5) Overspeed = new Jt808OverspeedInfo((Jt808AreaKind)v[0], Jt808Bytes.ReadU32(v, 1));
                    else ok = false;
                    break;
                case 0x12:
                    if (ok = v.Length == 6) AreaCrossing = new Jt808AreaCrossingInfo((Jt808AreaKind)v[0], Jt808Bytes.ReadU32(v, 1), (Jt808CrossingDirection)v[5]);
                    break;
                case 0x13:
                    if (ok = v.Length == 7) RouteTime = new Jt808RouteTimeInfo(Jt808Bytes.ReadU32(v, 0), Jt808Bytes.ReadU16(v, 4), (Jt808RouteTimeResult)v[6]);
                    break;
                case 0x25:
                    if (ok = v.Length == 4) ExtendedSignals = Jt808Bytes.ReadU32(v, 0);
                    break;
                case 0x2A:
                    if (ok = v.Length == 2) IoStatus = Jt808Bytes.ReadU16(v, 0);
                    break;
                case 0x2B:
                    if (ok = v.Length == 4) Analog = Jt808Bytes.ReadU32(v, 0);
                    break;
                case 0x30:
                    if (ok = v.Length == 1) SignalStrength = v[0];
                    break;
                case 0x31:
                    if (ok = v.Length == 1) SatelliteCount = v[0];
                    break;
            }
            if (!ok) w |= Jt808Warnings.AdditionalItemBadLength;
        }
        if (items.Overrun) w |= Jt808Warnings.AdditionalItemOverrun;
        warnings = w;
    }

    private static short FromSignMagnitude(ushort v) => (v & 0x8000) != 0 ? (short)-(v & 0x7FFF) : (short)v;

    private static ushort ToSignMagnitude(short v)
    {
        if (v == short.MinValue) throw new ArgumentOutOfRangeException(nameof(CompartmentTemperature), "-32768 has no sign-magnitude form.");
        return v < 0 ? (ushort)(0x8000 | -v) : (ushort)v;
    }

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version)
    {
        int n = BasicLength;
        if (MileageRaw.HasValue) n += 6;
        if (FuelRaw.HasValue) n += 4;
        if (TachographSpeedRaw.HasValue) n += 4;
        if (AlarmEventId.HasValue) n += 4;
        if (TyrePressures.HasValue) n += 2 + Jt808TyrePressures.Length;
        if (CompartmentTemperature.HasValue) n += 4;
        if (Overspeed is { } o) n += o.AreaId.HasValue ? 7 : 3;
        if (AreaCrossing.HasValue) n += 8;
        if (RouteTime.HasValue) n += 9;
        if (ExtendedSignals.HasValue) n += 6;
        if (IoStatus.HasValue) n += 4;
        if (Analog.HasValue) n += 6;
        if (SignalStrength.HasValue) n += 3;
        if (SatelliteCount.HasValue) n += 3;
        return n;
    }

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        var d = destination;
        Jt808Bytes.WriteU32(d, 0, Alarm);
        Jt808Bytes.WriteU32(d, 4, Status);
        Jt808Bytes.WriteU32(d, 8, LatitudeRaw);
        Jt808Bytes.WriteU32(d, 12, LongitudeRaw);
        Jt808Bytes.WriteU16(d, 16, (ushort)Altitude);
        Jt808Bytes.WriteU16(d, 18, SpeedRaw);
        Jt808Bytes.WriteU16(d, 20, Direction);
        TimeBcd.WriteTo(d.Slice(22));
        int o = BasicLength;
        if (MileageRaw is { } mileage) { Item(d, ref o, 0x01, 4); Jt808Bytes.WriteU32(d, o - 4, mileage); }
        if (FuelRaw is { } fuel) { Item(d, ref o, 0x02, 2); Jt808Bytes.WriteU16(d, o - 2, fuel); }
        if (TachographSpeedRaw is { } speed) { Item(d, ref o, 0x03, 2); Jt808Bytes.WriteU16(d, o - 2, speed); }
        if (AlarmEventId is { } eventId) { Item(d, ref o, 0x04, 2); Jt808Bytes.WriteU16(d, o - 2, eventId); }
        if (TyrePressures is { } tyres) { Item(d, ref o, 0x05, Jt808TyrePressures.Length); tyres.CopyTo(d.Slice(o - Jt808TyrePressures.Length)); }
        if (CompartmentTemperature is { } temperature) { Item(d, ref o, 0x06, 2); Jt808Bytes.WriteU16(d, o - 2, ToSignMagnitude(temperature)); }
        if (Overspeed is { } overspeed)
        {
            if (overspeed.AreaId is { } areaId)
            {
                Item(d, ref o, 0x11, 5);
                d[o - 5] = (byte)overspeed.Kind;
                Jt808Bytes.WriteU32(d, o - 4, areaId);
            }
            else
            {
                Item(d, ref o, 0x11, 1);
                d[o - 1] = (byte)overspeed.Kind;
            }
        }
        if (AreaCrossing is { } crossing)
        {
            Item(d, ref o, 0x12, 6);
            d[o - 6] = (byte)crossing.Kind;
            Jt808Bytes.WriteU32(d, o - 5, crossing.AreaId);
            d[o - 1] = (byte)crossing.Direction;
        }
        if (RouteTime is { } route)
        {
            Item(d, ref o, 0x13, 7);
            Jt808Bytes.WriteU32(d, o - 7, route.SegmentId);
            Jt808Bytes.WriteU16(d, o - 3, route.TravelTimeSeconds);
            d[o - 1] = (byte)route.Result;
        }
        if (ExtendedSignals is { } signals) { Item(d, ref o, 0x25, 4); Jt808Bytes.WriteU32(d, o - 4, signals); }
        if (IoStatus is { } io) { Item(d, ref o, 0x2A, 2); Jt808Bytes.WriteU16(d, o - 2, io); }
        if (Analog is { } analog) { Item(d, ref o, 0x2B, 4); Jt808Bytes.WriteU32(d, o - 4, analog); }
        if (SignalStrength is { } rssi) { Item(d, ref o, 0x30, 1); d[o - 1] = rssi; }
        if (SatelliteCount is { } satellites) { Item(d, ref o, 0x31, 1); d[o - 1] = satellites; }
        return o;
    }

    // Writes the item ID and length and advances past the (still empty) value.
    private static void Item(Span<byte> d, ref int offset, byte id, int length)
    {
        d[offset] = id;
        d[offset + 1] = (byte)length;
        offset += 2 + length;
    }

    [InlineArray(4)]
    private struct IdSet
    {
        private ulong _element;
    }
}
