namespace GreenFreight.Jt808;

/// <summary>A coordinate in 10⁻⁶ degree, negative in the south / west.</summary>
/// <param name="LatitudeE6">latitude × 10⁶.</param>
/// <param name="LongitudeE6">longitude × 10⁶.</param>
public readonly record struct Jt808GeoPoint(int LatitudeE6, int LongitudeE6)
{
    /// <summary>Rounds degrees to 10⁻⁶.</summary>
    public static Jt808GeoPoint FromDegrees(double latitude, double longitude)
    {
        if (!(Math.Abs(latitude) <= 90)) throw new ArgumentOutOfRangeException(nameof(latitude));
        if (!(Math.Abs(longitude) <= 180)) throw new ArgumentOutOfRangeException(nameof(longitude));
        return new((int)Math.Round(latitude * 1e6), (int)Math.Round(longitude * 1e6));
    }

    /// <summary>Latitude in degrees.</summary>
    public double Latitude => LatitudeE6 / 1e6;

    /// <summary>Longitude in degrees.</summary>
    public double Longitude => LongitudeE6 / 1e6;
}

/// <summary>Start and end time of an area or route (attribute bit 0); BCD[6] each, GMT+8.</summary>
/// <param name="Start">start time.</param>
/// <param name="End">end time.</param>
public readonly record struct Jt808TimeRange(Jt808BcdTime Start, Jt808BcdTime End);

/// <summary>Speed limit of an area or route segment (attribute bit 1): maximum speed WORD km/h, overspeed duration BYTE s.</summary>
/// <param name="MaxSpeedKmh">maximum speed in km/h.</param>
/// <param name="OverspeedSeconds">tolerated overspeed duration in seconds.</param>
public readonly record struct Jt808SpeedLimit(ushort MaxSpeedKmh, byte OverspeedSeconds);

/// <summary>Travel-time thresholds of a route segment (segment attribute bit 0), in seconds.</summary>
/// <param name="TooLongSeconds">travel time above which the segment is "too long".</param>
/// <param name="TooShortSeconds">travel time below which the segment is "too short".</param>
public readonly record struct Jt808SegmentTravelTime(ushort TooLongSeconds, ushort TooShortSeconds);

/// <summary>Setting attribute of 0x8600 / 0x8602.</summary>
public enum Jt808AreaSettingType : byte
{
    /// <summary>0 replace all areas of this kind.</summary>
    Update = 0,
    /// <summary>1 append.</summary>
    Append = 1,
    /// <summary>2 modify.</summary>
    Modify = 2,
}

/// <summary>
/// Area attribute WORD. Bits 0 (by time), 1 (speed limit), 6 (south) and 7 (west) are not part of this value: the
/// encoder derives them from <see cref="Jt808TimeRange"/> / <see cref="Jt808SpeedLimit"/> presence and coordinate signs,
/// and the decoder folds them back into those.
/// </summary>
[Flags]
public enum Jt808AreaAttributes : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Bit 2: alarm the driver on entry.</summary>
    EnterAlarmToDriver = 1 << 2,
    /// <summary>Bit 3: alarm the platform on entry.</summary>
    EnterAlarmToPlatform = 1 << 3,
    /// <summary>Bit 4: alarm the driver on exit.</summary>
    ExitAlarmToDriver = 1 << 4,
    /// <summary>Bit 5: alarm the platform on exit.</summary>
    ExitAlarmToPlatform = 1 << 5,
    /// <summary>Bit 8: doors may not be opened.</summary>
    ForbidDoorOpening = 1 << 8,
    /// <summary>Bit 14: switch the communication module off on entry.</summary>
    CloseCommunicationOnEnter = 1 << 14,
    /// <summary>Bit 15: collect detailed GNSS data on entry.</summary>
    CollectGnssOnEnter = 1 << 15,
}

/// <summary>Route attribute WORD (bit 0, by time, is derived from <see cref="Jt808TimeRange"/> presence).</summary>
[Flags]
public enum Jt808RouteAttributes : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Bit 2: alarm the driver on entry.</summary>
    EnterAlarmToDriver = 1 << 2,
    /// <summary>Bit 3: alarm the platform on entry.</summary>
    EnterAlarmToPlatform = 1 << 3,
    /// <summary>Bit 4: alarm the driver on exit.</summary>
    ExitAlarmToDriver = 1 << 4,
    /// <summary>Bit 5: alarm the platform on exit.</summary>
    ExitAlarmToPlatform = 1 << 5,
}

/// <summary>Sequential big-endian reader that records running past the end instead of throwing.</summary>
internal ref struct Jt808BodyReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _offset;

    public bool Failed { get; private set; }

    public readonly int Remaining => _body.Length - _offset;

    private bool Take(int n)
    {
        if (Failed || n > _body.Length - _offset)
        {
            Failed = true;
            return false;
        }
        return true;
    }

    public byte U8()
    {
        if (!Take(1)) return 0;
        return _body[_offset++];
    }

    public ushort U16()
    {
        if (!Take(2)) return 0;
        var v = Jt808Bytes.ReadU16(_body, _offset);
        _offset += 2;
        return v;
    }

    public uint U32()
    {
        if (!Take(4)) return 0;
        var v = Jt808Bytes.ReadU32(_body, _offset);
        _offset += 4;
        return v;
    }

    public Jt808BcdTime Bcd6()
    {
        if (!Take(6)) return default;
        var v = Jt808BcdTime.FromBcd(_body.Slice(_offset));
        _offset += 6;
        return v;
    }
}

/// <summary>Sequential big-endian writer.</summary>
internal ref struct Jt808BodyWriter(Span<byte> destination)
{
    private readonly Span<byte> _d = destination;

    public int Length { get; private set; }

    public void U8(byte v) => _d[Length++] = v;

    public void U16(ushort v)
    {
        Jt808Bytes.WriteU16(_d, Length, v);
        Length += 2;
    }

    public void U32(uint v)
    {
        Jt808Bytes.WriteU32(_d, Length, v);
        Length += 4;
    }

    public void Bcd6(Jt808BcdTime v)
    {
        v.WriteTo(_d.Slice(Length));
        Length += 6;
    }
}

/// <summary>Shared encoding of area fields.</summary>
internal static class Jt808AreaCodec
{
    public const ushort ByTime = 1 << 0;
    public const ushort BySpeed = 1 << 1;
    public const ushort South = 1 << 6;
    public const ushort West = 1 << 7;
    public const ushort Derived = ByTime | BySpeed | South | West;

    public static int OptionalLength(Jt808TimeRange? time, Jt808SpeedLimit? speed) => (time.HasValue ? 12 : 0) + (speed.HasValue ? 3 : 0);

    public static ushort Attributes(ushort flags, Jt808TimeRange? time, Jt808SpeedLimit? speed, bool south, bool west)
    {
        int a = flags & ~Derived;
        if (time.HasValue) a |= ByTime;
        if (speed.HasValue) a |= BySpeed;
        if (south) a |= South;
        if (west) a |= West;
        return (ushort)a;
    }

    public static void WriteOptional(ref Jt808BodyWriter w, Jt808TimeRange? time, Jt808SpeedLimit? speed)
    {
        if (time is { } t)
        {
            w.Bcd6(t.Start);
            w.Bcd6(t.End);
        }
        if (speed is { } s)
        {
            w.U16(s.MaxSpeedKmh);
            w.U8(s.OverspeedSeconds);
        }
    }

    public static void ReadOptional(ref Jt808BodyReader r, ushort attributes, out Jt808TimeRange? time, out Jt808SpeedLimit? speed)
    {
        time = (attributes & ByTime) != 0 ? new Jt808TimeRange(r.Bcd6(), r.Bcd6()) : null;
        speed = (attributes & BySpeed) != 0 ? new Jt808SpeedLimit(r.U16(), r.U8()) : null;
    }

    public static uint Magnitude(int e6) => (uint)Math.Abs((long)e6);

    public static int Signed(uint magnitude, bool negative) => negative ? unchecked(-(int)magnitude) : unchecked((int)magnitude);

    public static bool SameItems<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => ReferenceEquals(a, b) || a.SequenceEqual(b);

    public static void CheckCount(int count, int max, string what)
    {
        if (count > max) throw new ArgumentException($"At most {max} {what} per message.");
    }
}
