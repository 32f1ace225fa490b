using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>
/// 0x8604 set a polygonal area (2013 layout): area ID DWORD, attribute WORD, [start, end BCD[6]], [max speed WORD,
/// overspeed duration BYTE], vertex count WORD, vertices (latitude, longitude DWORD).
/// The hemisphere of all vertices is carried by attribute bits 6 and 7.
/// </summary>
/// <param name="Id">area ID.</param>
/// <param name="Attributes">attribute flags (time, speed and hemisphere bits are derived).</param>
/// <param name="Vertices">vertices.</param>
/// <param name="TimeRange">start and end time (attribute bit 0), or null.</param>
/// <param name="SpeedLimit">speed limit (attribute bit 1), or null.</param>
public sealed record Jt808SetPolygonArea(uint Id, Jt808AreaAttributes Attributes, IReadOnlyList<Jt808GeoPoint> Vertices,
    Jt808TimeRange? TimeRange = null, Jt808SpeedLimit? SpeedLimit = null) : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.SetPolygonArea;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 8 + Jt808AreaCodec.OptionalLength(TimeRange, SpeedLimit) + 8 * Vertices.Count;

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808AreaCodec.CheckCount(Vertices.Count, ushort.MaxValue, "vertices");
        bool south = Vertices.Any(v => v.LatitudeE6 < 0), west = Vertices.Any(v => v.LongitudeE6 < 0);
        var w = new Jt808BodyWriter(destination);
        w.U32(Id);
        w.U16(Jt808AreaCodec.Attributes((ushort)Attributes, TimeRange, SpeedLimit, south, west));
        Jt808AreaCodec.WriteOptional(ref w, TimeRange, SpeedLimit);
        w.U16((ushort)Vertices.Count);
        foreach (var v in Vertices)
        {
            w.U32(Jt808AreaCodec.Magnitude(v.LatitudeE6));
            w.U32(Jt808AreaCodec.Magnitude(v.LongitudeE6));
        }
        return w.Length;
    }

    /// <summary>Decodes the body; false when it is cut short.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, [NotNullWhen(true)] out Jt808SetPolygonArea? message, out Jt808Warnings warnings)
    {
        var r = new Jt808BodyReader(body);
        uint id = r.U32();
        ushort a = r.U16();
        Jt808AreaCodec.ReadOptional(ref r, a, out var time, out var speed);
        int count = r.U16();
        bool south = (a & Jt808AreaCodec.South) != 0, west = (a & Jt808AreaCodec.West) != 0;
        var vertices = new List<Jt808GeoPoint>(Math.Min(count, r.Remaining / 8));
        for (int i = 0; i < count && !r.Failed; i++)
            vertices.Add(new Jt808GeoPoint(Jt808AreaCodec.Signed(r.U32(), south), Jt808AreaCodec.Signed(r.U32(), west)));
        message = r.Failed ? null : new Jt808SetPolygonArea(id, (Jt808AreaAttributes)(a & ~Jt808AreaCodec.Derived), vertices, time, speed);
        warnings = r.Remaining > 0 ? Jt808Warnings.TrailingBytes : Jt808Warnings.None;
        return message is not null;
    }

    /// <inheritdoc />
    public bool Equals(Jt808SetPolygonArea? other) => other is not null && Id == other.Id && Attributes == other.Attributes
        && TimeRange == other.TimeRange && SpeedLimit == other.SpeedLimit && Jt808AreaCodec.SameItems(Vertices, other.Vertices);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Attributes, Vertices.Count);
}
