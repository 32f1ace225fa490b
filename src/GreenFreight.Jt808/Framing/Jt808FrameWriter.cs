using System.Buffers;

namespace GreenFreight.Jt808;

/// <summary>
/// Encodes frames: header (2013 or 2019 layout from <see cref="Jt808Header.Version"/>), body, XOR check code,
/// escaping and delimiters, into a caller span or an <see cref="IBufferWriter{T}"/>. No heap allocation.
/// </summary>
public static class Jt808FrameWriter
{
    /// <summary>Largest body a single frame can carry (10 length bits).</summary>
    public const int MaxBodyLength = 1023;

    /// <summary>Upper bound of the wire length of a frame with a body of <paramref name="bodyLength"/> bytes.</summary>
    public static int GetMaxFrameLength(int bodyLength) => 2 * (21 + bodyLength + 1) + 2;

    /// <summary>Writes a frame with a raw body. False when <paramref name="destination"/> is too small.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the body exceeds 1023 bytes.</exception>
    public static bool TryWrite(Span<byte> destination, in Jt808Header header, ReadOnlySpan<byte> body, out int bytesWritten)
    {
        CheckBody(body.Length);
        Span<byte> payload = stackalloc byte[PayloadLength(header, body.Length)];
        int h = header.Write(payload, header.MessageId, body.Length);
        body.CopyTo(payload.Slice(h));
        return Finish(payload.Slice(0, h + body.Length + 1), destination, out bytesWritten);
    }

    /// <summary>
    /// Writes a frame for a typed body; the header's message ID and body length are taken from the body.
    /// False when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryWrite<TBody>(Span<byte> destination, in Jt808Header header, in TBody body, out int bytesWritten)
        where TBody : IJt808MessageBody
    {
        int length = body.GetBodyLength(header.Version);
        CheckBody(length);
        Span<byte> payload = stackalloc byte[PayloadLength(header, length)];
        int h = header.Write(payload, body.MessageId, length);
        int w = body.WriteBody(payload.Slice(h, length), header.Version);
        if (w != length) throw new InvalidOperationException($"{typeof(TBody).Name} wrote {w} bytes, announced {length}.");
        return Finish(payload.Slice(0, h + length + 1), destination, out bytesWritten);
    }

    /// <summary>Writes a frame for a typed body into <paramref name="writer"/>; returns the bytes written.</summary>
    public static int Write<TBody>(IBufferWriter<byte> writer, in Jt808Header header, in TBody body)
        where TBody : IJt808MessageBody
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(GetMaxFrameLength(body.GetBodyLength(header.Version)));
        if (!TryWrite(span, header, body, out int n)) throw new InvalidOperationException("The buffer writer returned a span shorter than requested.");
        writer.Advance(n);
        return n;
    }

    /// <summary>Writes a frame with a raw body into <paramref name="writer"/>; returns the bytes written.</summary>
    public static int Write(IBufferWriter<byte> writer, in Jt808Header header, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(GetMaxFrameLength(body.Length));
        if (!TryWrite(span, header, body, out int n)) throw new InvalidOperationException("The buffer writer returned a span shorter than requested.");
        writer.Advance(n);
        return n;
    }

    /// <summary>Convenience: the wire bytes of a frame in a new array.</summary>
    public static byte[] ToArray<TBody>(in Jt808Header header, in TBody body) where TBody : IJt808MessageBody
    {
        var buffer = new byte[GetMaxFrameLength(body.GetBodyLength(header.Version))];
        TryWrite(buffer, header, body, out int n);
        return buffer.AsSpan(0, n).ToArray();
    }

    private static int PayloadLength(in Jt808Header header, int bodyLength)
        => Jt808Header.GetLength(header.Version, header.IsSubpackage) + bodyLength + 1;

    private static void CheckBody(int length)
    {
        if ((uint)length > MaxBodyLength)
            throw new ArgumentOutOfRangeException(nameof(length), length, "A body is at most 1023 bytes; send larger bodies as subpackages.");
    }

    // payload = header + body + one byte for the check code (filled here).
    private static bool Finish(Span<byte> payload, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        payload[^1] = Jt808Escaping.ComputeCheckCode(payload.Slice(0, payload.Length - 1));
        if (destination.Length < 2) return false;
        destination[0] = Jt808Escaping.Delimiter;
        if (!Jt808Escaping.TryEscape(payload, destination.Slice(1, destination.Length - 1), out int n)) return false;
        if (1 + n >= destination.Length) return false;
        destination[1 + n] = Jt808Escaping.Delimiter;
        bytesWritten = n + 2;
        return true;
    }
}
