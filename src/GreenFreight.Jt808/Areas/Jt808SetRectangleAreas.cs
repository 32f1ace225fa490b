using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>A rectangular area of 0x8602 (2013 layout).</summary>
/// <param name="Id">area ID.</param>
/// <param name="Attributes">attribute flags (time, speed and hemisphere bits are derived).</param>
/// <param name="TopLeft">top-left corner.</param>
/// <param name="BottomRight">bottom-right corner.</param>
/// <param name="TimeRange">start and end time (attribute bit 0), or null.</param>
/// <param name="SpeedLimit">speed limit (attribute bit 1), or null.</param>
public sealed record Jt808RectangleArea(uint Id, Jt808AreaAttributes Attributes, Jt808GeoPoint TopLeft, Jt808GeoPoint BottomRight,
    Jt808TimeRange? TimeRange = null, Jt808SpeedLimit? SpeedLimit = null)
{
    internal int Length => 22 + Jt808AreaCodec.OptionalLength(TimeRange, SpeedLimit);

    internal void Write(ref Jt808BodyWriter w)
    {
        bool south = TopLeft.LatitudeE6 < 0 || BottomRight.LatitudeE6 < 0;
        bool west = TopLeft.LongitudeE6 < 0 || BottomRight.LongitudeE6 < 0;
        w.U32(Id);
        w.U16(Jt808AreaCodec.Attributes((ushort)Attributes, TimeRange, SpeedLimit, south, west));
        w.U32(Jt808AreaCodec.Magnitude(TopLeft.LatitudeE6));
        w.U32(Jt808AreaCodec.Magnitude(TopLeft.LongitudeE6));
        w.U32(Jt808AreaCodec.Magnitude(BottomRight.LatitudeE6));
        w.U32(Jt808AreaCodec.Magnitude(BottomRight.LongitudeE6));
        Jt808AreaCodec.WriteOptional(ref w, TimeRange, SpeedLimit);
    }

    internal static Jt808RectangleArea Read(ref Jt808BodyReader r)
    {
        uint id = r.U32();
        ushort a = r.U16();
        bool south = (a & Jt808AreaCodec.South) != 0, west = (a & Jt808AreaCodec.West) != 0;
        var topLeft = new Jt808GeoPoint(Jt808AreaCodec.Signed(r.U32(), south), Jt808AreaCodec.Signed(r.U32(), west));
        var bottomRight = new Jt808GeoPoint(Jt808AreaCodec.Signed(r.U32(), south), Jt808AreaCodec.Signed(r.U32(), west));
        Jt808AreaCodec.ReadOptional(ref r, a, out var time, out var speed);
        return new Jt808RectangleArea(id, (Jt808AreaAttributes)(a & ~Jt808AreaCodec.Derived), topLeft, bottomRight, time, speed);
    }
}

/// <summary>0x8602 set rectangular areas: setting type BYTE, area count BYTE, areas.</summary>
/// <param name="SettingType">update, append or modify.</param>
/// <param name="Areas">the areas (at most 255).</param>
public sealed record Jt808SetRectangleAreas(Jt808AreaSettingType SettingType, IReadOnlyList<Jt808RectangleArea> Areas) : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.SetRectangleAreas;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 2 + Areas.Sum(a => a.Length);

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808AreaCodec.CheckCount(Areas.Count, 255, "areas");
        var w = new Jt808BodyWriter(destination);
        w.U8((byte)SettingType);
        w.U8((byte)Areas.Count);
        foreach (var area in Areas) area.Write(ref w);
        return w.Length;
    }

    /// <summary>Decodes the body; false when it is cut short.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, [NotNullWhen(true)] out Jt808SetRectangleAreas? message, out Jt808Warnings warnings)
    {
        var r = new Jt808BodyReader(body);
        var type = (Jt808AreaSettingType)r.U8();
        int count = r.U8();
        var areas = new List<Jt808RectangleArea>(count);
        for (int i = 0; i < count && !r.Failed; i++) areas.Add(Jt808RectangleArea.Read(ref r));
        message = r.Failed ? null : new Jt808SetRectangleAreas(type, areas);
        warnings = r.Remaining > 0 ? Jt808Warnings.TrailingBytes : Jt808Warnings.None;
        return message is not null;
    }

    /// <inheritdoc />
    public bool Equals(Jt808SetRectangleAreas? other) => other is not null && SettingType == other.SettingType && Jt808AreaCodec.SameItems(Areas, other.Areas);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SettingType, Areas.Count);
}
