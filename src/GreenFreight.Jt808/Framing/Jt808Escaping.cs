using System.Runtime.InteropServices;

namespace GreenFreight.Jt808;

/// <summary>JT/T 808 transfer escaping (0x7E ↔ 7D 02, 0x7D ↔ 7D 01) and the XOR check code.</summary>
public static class Jt808Escaping
{
    /// <summary>The frame delimiter 0x7E.</summary>
    public const byte Delimiter = 0x7E;
    /// <summary>The escape byte 0x7D.</summary>
    public const byte Escape = 0x7D;

    /// <summary>
    /// Un-escapes the bytes between two delimiters into <paramref name="destination"/>.
    /// Returns <see cref="Jt808FrameStatus.InvalidEscape"/> for 7D not followed by 01/02 and
    /// <see cref="Jt808FrameStatus.TooLong"/> when the destination is too small.
    /// </summary>
    public static Jt808FrameStatus TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        while (true)
        {
            int i = source.IndexOf(Escape);
            int chunk = i < 0 ? source.Length : i;
            if (chunk > destination.Length - written) return Jt808FrameStatus.TooLong;
            source.Slice(0, chunk).CopyTo(destination.Slice(written));
            written += chunk;
            if (i < 0) return Jt808FrameStatus.Ok;
            if (i + 1 >= source.Length) return Jt808FrameStatus.InvalidEscape;
            byte e = source[i + 1];
            byte v;
            if (e == 0x01) v = Escape;
            else if (e == 0x02) v = Delimiter;
            else return Jt808FrameStatus.InvalidEscape;
            if (written >= destination.Length) return Jt808FrameStatus.TooLong;
            destination[written++] = v;
            source = source.Slice(i + 2);
        }
    }

    /// <summary>Length of <paramref name="source"/> once escaped (without delimiters).</summary>
    public static int GetEscapedLength(ReadOnlySpan<byte> source)
        => source.Length + source.Count(Escape) + source.Count(Delimiter);

    /// <summary>Escapes <paramref name="source"/> (no delimiters are added). False when the destination is too small.</summary>
    public static bool TryEscape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        while (true)
        {
            int i = source.IndexOfAny(Escape, Delimiter);
            int chunk = i < 0 ? source.Length : i;
            if (chunk > destination.Length - written) return false;
            source.Slice(0, chunk).CopyTo(destination.Slice(written));
            written += chunk;
            if (i < 0) return true;
            if (destination.Length - written < 2) return false;
            destination[written] = Escape;
            destination[written + 1] = source[i] == Escape ? (byte)0x01 : (byte)0x02;
            written += 2;
            source = source.Slice(i + 1);
        }
    }

    /// <summary>XOR of all bytes (the check code is the XOR of header and body, un-escaped).</summary>
    public static byte ComputeCheckCode(ReadOnlySpan<byte> data)
    {
        ulong acc = 0;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
            acc ^= MemoryMarshal.Read<ulong>(data.Slice(i));
        acc ^= acc >> 32;
        acc ^= acc >> 16;
        acc ^= acc >> 8;
        byte x = (byte)acc;
        for (; i < data.Length; i++) x ^= data[i];
        return x;
    }
}
