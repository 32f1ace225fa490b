using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>A circular area of 0x8600 (2013 layout).</summary>
/// <param name="Id">area ID.</param>
/// <param name="Attributes">attribute flags (time, speed and hemisphere bits are derived).</param>
/// <param name="Center">centre point.</param>
/// <param name="RadiusMetres">radius in metres.</param>
/// <param name="TimeRange">start and end time (attribute bit 0), or null.</param>
/// <param name="SpeedLimit">speed limit (attribute bit 1), or null.</param>
public sealed record Jt808CircleArea(uint Id, Jt808AreaAttributes Attributes, Jt808GeoPoint Center, uint RadiusMetres,
    Jt808TimeRange? TimeRange = null, Jt808SpeedLimit? SpeedLimit = null)
{
    internal int Length => 18 + Jt808AreaCodec.OptionalLength(TimeRange, SpeedLimit);

    internal void Write(ref Jt808BodyWriter w)
    {
        w.U32(Id);
        w.U16(Jt808AreaCodec.Attributes((ushort)Attributes, TimeRange, SpeedLimit, Center.LatitudeE6 < 0, Center.LongitudeE6 < 0));
        w.U32(Jt808AreaCodec.Magnitude(Center.LatitudeE6));
        w.U32(Jt808AreaCodec.Magnitude(Center.LongitudeE6));
        w.U32(RadiusMetres);
        Jt808AreaCodec.WriteOptional(ref w, TimeRange, SpeedLimit);
    }

    internal static Jt808CircleArea Read(ref Jt808BodyReader r)
    {
        uint id = r.U32();
        ushort a = r.U16();
        var center = new Jt808GeoPoint(Jt808AreaCodec.Signed(r.U32(), (a & Jt808AreaCodec.South) != 0),
            Jt808AreaCodec.Signed(r.U32(), (a & Jt808AreaCodec.West) != 0));
        uint radius = r.U32();
        Jt808AreaCodec.ReadOptional(ref r, a, out var time, out var speed);
        return new Jt808CircleArea(id, (Jt808AreaAttributes)(a & ~Jt808AreaCodec.Derived), center, radius, time, speed);
    }
}

/// <summary>0x8600 set circular areas: setting type BYTE, area count BYTE, areas.</summary>
/// <param name="SettingType">update, append or modify.</param>
/// <param name="Areas">the areas (at most 255).</param>
public sealed record Jt808SetCircleAreas(Jt808AreaSettingType SettingType, IReadOnlyList<Jt808CircleArea> Areas) : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.SetCircleAreas;

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
    public static bool TryDecode(ReadOnlySpan<byte> body, [NotNullWhen(true)] out Jt808SetCircleAreas? message, out Jt808Warnings warnings)
    {
        var r = new Jt808BodyReader(body);
        var type = (Jt808AreaSettingType)r.U8();
        int count = r.U8();
        var areas = new List<Jt808CircleArea>(count);
        for (int i = 0; i < count && !r.Failed; i++) areas.Add(Jt808CircleArea.Read(ref r));
        message = r.Failed ? null : new Jt808SetCircleAreas(type, areas);
        warnings = r.Remaining > 0 ? Jt808Warnings.TrailingBytes : Jt808Warnings.None;
        return message is not null;
    }

    /// <inheritdoc />
    public bool Equals(Jt808SetCircleAreas? other) => other is not null && SettingType == other.SettingType && Jt808AreaCodec.SameItems(Areas, other.Areas);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SettingType, Areas.Count);
}
