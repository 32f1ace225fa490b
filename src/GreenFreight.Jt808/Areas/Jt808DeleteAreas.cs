using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>
/// 0x8601 / 0x8603 / 0x8605 / 0x8607 delete circular, rectangular, polygonal areas or routes: count BYTE, IDs DWORD.
/// An empty list deletes all areas of that kind.
/// </summary>
public sealed record Jt808DeleteAreas : IJt808MessageBody
{
    /// <summary>A delete message; <paramref name="messageId"/> must be 0x8601, 0x8603, 0x8605 or 0x8607.</summary>
    public Jt808DeleteAreas(Jt808MessageId messageId, IReadOnlyList<uint> ids)
    {
        if (!IsDeleteMessage(messageId)) throw new ArgumentOutOfRangeException(nameof(messageId), messageId, "Not a delete-area message.");
        ArgumentNullException.ThrowIfNull(ids);
        MessageId = messageId;
        Ids = ids;
    }

    /// <summary>0x8601 delete circular areas.</summary>
    public static Jt808DeleteAreas Circles(params uint[] ids) => new(Jt808MessageId.DeleteCircleAreas, ids);

    /// <summary>0x8603 delete rectangular areas.</summary>
    public static Jt808DeleteAreas Rectangles(params uint[] ids) => new(Jt808MessageId.DeleteRectangleAreas, ids);

    /// <summary>0x8605 delete polygonal areas.</summary>
    public static Jt808DeleteAreas Polygons(params uint[] ids) => new(Jt808MessageId.DeletePolygonAreas, ids);

    /// <summary>0x8607 delete routes.</summary>
    public static Jt808DeleteAreas Routes(params uint[] ids) => new(Jt808MessageId.DeleteRoutes, ids);

    /// <summary>True for 0x8601, 0x8603, 0x8605 and 0x8607.</summary>
    public static bool IsDeleteMessage(Jt808MessageId id) => id is Jt808MessageId.DeleteCircleAreas or Jt808MessageId.DeleteRectangleAreas
        or Jt808MessageId.DeletePolygonAreas or Jt808MessageId.DeleteRoutes;

    /// <inheritdoc />
    public Jt808MessageId MessageId { get; }

    /// <summary>IDs to delete (at most 125; empty = all).</summary>
    public IReadOnlyList<uint> Ids { get; }

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 1 + 4 * Ids.Count;

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808AreaCodec.CheckCount(Ids.Count, 125, "IDs");
        var w = new Jt808BodyWriter(destination);
        w.U8((byte)Ids.Count);
        foreach (uint id in Ids) w.U32(id);
        return w.Length;
    }

    /// <summary>Decodes the body of one of the four delete messages; false when it is cut short or the ID is not a delete message.</summary>
    public static bool TryDecode(Jt808MessageId messageId, ReadOnlySpan<byte> body, [NotNullWhen(true)] out Jt808DeleteAreas? message, out Jt808Warnings warnings)
    {
        warnings = Jt808Warnings.None;
        message = null;
        if (!IsDeleteMessage(messageId)) return false;
        var r = new Jt808BodyReader(body);
        int count = r.U8();
        var ids = new uint[Math.Min(count, r.Remaining / 4)];
        if (ids.Length < count) return false;
        for (int i = 0; i < count; i++) ids[i] = r.U32();
        if (r.Failed) return false;
        if (r.Remaining > 0) warnings = Jt808Warnings.TrailingBytes;
        message = new Jt808DeleteAreas(messageId, ids);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Jt808DeleteAreas? other) => other is not null && MessageId == other.MessageId && Jt808AreaCodec.SameItems(Ids, other.Ids);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MessageId, Ids.Count);
}
