using System.Buffers.Binary;

namespace GreenFreight.Jt808;

/// <summary>Big-endian field helpers.</summary>
internal static class Jt808Bytes
{
    public static ushort ReadU16(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt16BigEndian(s.Slice(offset));
    public static uint ReadU32(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadUInt32BigEndian(s.Slice(offset));
    public static void WriteU16(Span<byte> d, int offset, ushort v) => BinaryPrimitives.WriteUInt16BigEndian(d.Slice(offset), v);
    public static void WriteU32(Span<byte> d, int offset, uint v) => BinaryPrimitives.WriteUInt32BigEndian(d.Slice(offset), v);
}
