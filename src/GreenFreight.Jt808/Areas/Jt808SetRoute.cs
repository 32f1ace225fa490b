using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>
/// A turning point of a 0x8606 route: point ID DWORD, segment ID DWORD, latitude, longitude DWORD, segment width BYTE (m),
/// segment attribute BYTE (bit 0 travel time, bit 1 speed limit, bit 2 south, bit 3 west, all derived), then the
/// optional thresholds.
/// </summary>
/// <param name="PointId">turning point ID.</param>
/// <param name="SegmentId">ID of the segment starting here.</param>
/// <param name="Position">turning point.</param>
/// <param name="WidthMetres">segment width in metres.</param>
/// <param name="TravelTime">travel-time thresholds (segment attribute bit 0), or null.</param>
/// <param name="SpeedLimit">speed limit (segment attribute bit 1), or null.</param>
public sealed record Jt808RoutePoint(uint PointId, uint SegmentId, Jt808GeoPoint Position, byte WidthMetres,
    Jt808SegmentTravelTime? TravelTime = null, Jt808SpeedLimit? SpeedLimit = null)
{
    internal int Length => 18 + (TravelTime.HasValue ? 4 : 0) + (SpeedLimit.HasValue ? 3 : 0);

    internal void Write(ref Jt808BodyWriter w)
    {
        w.U32(PointId);
        w.U32(SegmentId);
        w.U32(Jt808AreaCodec.Magnitude(Position.LatitudeE6));
        w.U32(Jt808AreaCodec.Magnitude(Position.LongitudeE6));
        w.U8(WidthMetres);
        int a = (TravelTime.HasValue ? 1 : 0) | (SpeedLimit.HasValue ? 2 : 0)
              | (Position.LatitudeE6 < 0 ? 4 : 0) | (Position.LongitudeE6 < 0 ? 8 : 0);
        w.U8((byte)a);
        if (TravelTime is { } t)
        {
            w.U16(t.TooLongSeconds);
            w.U16(t.TooShortSeconds);
        }
        if (SpeedLimit is { } s)
        {
            w.U16(s.MaxSpeedKmh);
            w.U8(s.OverspeedSeconds);
        }
    }

    internal static Jt808RoutePoint Read(ref Jt808BodyReader r)
    {
        uint pointId = r.U32(), segmentId = r.U32(), lat = r.U32(), lon = r.U32();
        byte width = r.U8();
        byte a = r.U8();
        var position = new Jt808GeoPoint(Jt808AreaCodec.Signed(lat, (a & 4) != 0), Jt808AreaCodec.Signed(lon, (a & 8) != 0));
        Jt808SegmentTravelTime? travel = (a & 1) != 0 ? new Jt808SegmentTravelTime(r.U16(), r.U16()) : null;
        Jt808SpeedLimit? speed = (a & 2) != 0 ? new Jt808SpeedLimit(r.U16(), r.U8()) : null;
        return new Jt808RoutePoint(pointId, segmentId, position, width, travel, speed);
    }
}

/// <summary>
/// 0x8606 set a route (2013 layout): route ID DWORD, attribute WORD, [start, end BCD[6]], turning point count WORD, points.
/// </summary>
/// <param name="Id">route ID.</param>
/// <param name="Attributes">attribute flags (bit 0 is derived from <paramref name="TimeRange"/>).</param>
/// <param name="Points">turning points.</param>
/// <param name="TimeRange">start and end time (attribute bit 0), or null.</param>
public sealed record Jt808SetRoute(uint Id, Jt808RouteAttributes Attributes, IReadOnlyList<Jt808RoutePoint> Points,
    Jt808TimeRange? TimeRange = null) : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.SetRoute;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 8 + (TimeRange.HasValue ? 12 : 0) + Points.Sum(p => p.Length);

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808AreaCodec.CheckCount(Points.Count, ushort.MaxValue, "turning points");
        var w = new Jt808BodyWriter(destination);
        w.U32(Id);
        w.U16((ushort)(((ushort)Attributes & ~Jt808AreaCodec.ByTime) | (TimeRange.HasValue ? Jt808AreaCodec.ByTime : 0)));
        Jt808AreaCodec.WriteOptional(ref w, TimeRange, null);
        w.U16((ushort)Points.Count);
        foreach (var p in Points) p.Write(ref w);
        return w.Length;
    }

    /// <summary>Decodes the body; false when it is cut short.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, [NotNullWhen(true)] out Jt808SetRoute? message, out Jt808Warnings warnings)
    {
        var r = new Jt808BodyReader(body);
        uint id = r.U32();
        ushort a = r.U16();
        Jt808AreaCodec.ReadOptional(ref r, (ushort)(a & Jt808AreaCodec.ByTime), out var time, out _);
        int count = r.U16();
        var points = new List<Jt808RoutePoint>(Math.Min(count, r.Remaining / 18));
        for (int i = 0; i < count && !r.Failed; i++) points.Add(Jt808RoutePoint.Read(ref r));
        message = r.Failed ? null : new Jt808SetRoute(id, (Jt808RouteAttributes)(a & ~Jt808AreaCodec.ByTime), points, time);
        warnings = r.Remaining > 0 ? Jt808Warnings.TrailingBytes : Jt808Warnings.None;
        return message is not null;
    }

    /// <inheritdoc />
    public bool Equals(Jt808SetRoute? other) => other is not null && Id == other.Id && Attributes == other.Attributes
        && TimeRange == other.TimeRange && Jt808AreaCodec.SameItems(Points, other.Points);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Attributes, Points.Count);
}
