using System.Buffers;

namespace GreenFreight.Jt808;

/// <summary>
/// Splits a byte stream into JT/T 808 frames. Every 0x7E is a boundary; the bytes between two boundaries are one frame
/// (empty runs, as in back-to-back <c>7E 7E</c>, are skipped, and bytes before the first 0x7E are discarded as garbage).
/// The closing 0x7E is left in the buffer, where it serves as the opening delimiter of the next frame, so a stream that
/// shares one 0x7E between frames, or one that lost a delimiter, resynchronises on the next frame.
/// <para>
/// Frames are un-escaped into a buffer rented from <see cref="ArrayPool{T}"/> once per reader; <see cref="Jt808Frame.Payload"/>
/// stays valid until the next call. No allocation per frame. Not thread-safe: use one reader per connection.
/// </para>
/// </summary>
public sealed class Jt808FrameReader : IDisposable
{
    private readonly Jt808FrameReaderOptions _options;
    private readonly int _maxWire;
    private byte[]? _payload;
    private byte[]? _wire;

    /// <summary>Creates a reader (strict options by default).</summary>
    public Jt808FrameReader(Jt808FrameReaderOptions? options = null)
    {
        _options = options ?? Jt808FrameReaderOptions.Default;
        _maxWire = 2 * _options.MaxFrameLength;
        _payload = ArrayPool<byte>.Shared.Rent(_options.MaxFrameLength);
    }

    /// <summary>The options in force.</summary>
    public Jt808FrameReaderOptions Options => _options;

    /// <summary>Frames returned with status <see cref="Jt808FrameStatus.Ok"/>.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Frames returned with any other status.</summary>
    public long FramesRejected { get; private set; }

    /// <summary>Bytes discarded before an opening delimiter (garbage between frames).</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>
    /// Takes the next frame from <paramref name="buffer"/>, a System.IO.Pipelines read result for instance, and
    /// slices off what it used. Returns false when more data is needed (garbage before the first 0x7E is still consumed);
    /// then call <c>AdvanceTo(buffer.Start, original.End)</c>. Returns true for every frame, valid or not: check
    /// <see cref="Jt808Frame.Status"/>.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out Jt808Frame frame)
    {
        if (buffer.IsSingleSegment)
        {
            bool r = TryReadFrame(buffer.FirstSpan, out int consumed, out frame);
            buffer = buffer.Slice(consumed);
            return r;
        }

        var startPos = buffer.PositionOf(Jt808Escaping.Delimiter);
        if (startPos is null)
        {
            DiscardedBytes += buffer.Length;
            buffer = buffer.Slice(buffer.End);
            frame = default;
            return false;
        }
        DiscardedBytes += buffer.Slice(0, startPos.Value).Length;
        buffer = buffer.Slice(startPos.Value);
        while (true)
        {
            var rest = buffer.Slice(1);
            long limit = Math.Min(rest.Length, _maxWire + 1L);
            var window = rest.Slice(0, limit);
            var endPos = window.PositionOf(Jt808Escaping.Delimiter);
            if (endPos is null)
            {
                if (limit > _maxWire)
                {
                    buffer = rest.Slice(limit);
                    frame = Rejected(new Jt808Frame(Jt808FrameStatus.TooLong, (int)limit + 1));
                    return true;
                }
                frame = default;
                return false;
            }
            var content = window.Slice(0, endPos.Value);
            if (content.Length == 0)
            {
                buffer = rest;
                continue;
            }
            int length = (int)content.Length;
            if (content.IsSingleSegment)
            {
                frame = Decode(content.FirstSpan, length + 2);
            }
            else
            {
                if (_wire is null || _wire.Length < length)
                {
                    if (_wire is not null) ArrayPool<byte>.Shared.Return(_wire);
                    _wire = ArrayPool<byte>.Shared.Rent(Math.Max(length, _maxWire));
                }
                content.CopyTo(_wire);
                frame = Decode(_wire.AsSpan(0, length), length + 2);
            }
            buffer = rest.Slice(endPos.Value);
            return true;
        }
    }

    /// <summary>
    /// Span form of <see cref="TryReadFrame(ref ReadOnlySequence{byte}, out Jt808Frame)"/>: <paramref name="consumed"/>
    /// is the number of leading bytes of <paramref name="data"/> used (also when returning false).
    /// </summary>
    public bool TryReadFrame(ReadOnlySpan<byte> data, out int consumed, out Jt808Frame frame)
    {
        int start = data.IndexOf(Jt808Escaping.Delimiter);
        if (start < 0)
        {
            DiscardedBytes += data.Length;
            consumed = data.Length;
            frame = default;
            return false;
        }
        DiscardedBytes += start;
        while (true)
        {
            var rest = data.Slice(start + 1);
            int limit = Math.Min(rest.Length, _maxWire + 1);
            int end = rest.Slice(0, limit).IndexOf(Jt808Escaping.Delimiter);
            if (end < 0)
            {
                if (limit > _maxWire)
                {
                    consumed = start + 1 + limit;
                    frame = Rejected(new Jt808Frame(Jt808FrameStatus.TooLong, limit + 1));
                    return true;
                }
                consumed = start;
                frame = default;
                return false;
            }
            if (end == 0)
            {
                start++;
                continue;
            }
            consumed = start + 1 + end;
            frame = Decode(rest.Slice(0, end), end + 2);
            return true;
        }
    }

    /// <summary>
    /// Decodes exactly one wire frame <c>7E … 7E</c> (bytes after the closing delimiter are ignored) into
    /// <paramref name="scratch"/>, which must hold the un-escaped frame. <see cref="Jt808FrameStatus.Incomplete"/> when
    /// a delimiter is missing.
    /// </summary>
    public static Jt808Frame DecodeFrame(ReadOnlySpan<byte> wire, Memory<byte> scratch, Jt808FrameReaderOptions? options = null)
    {
        if (wire.Length < 2 || wire[0] != Jt808Escaping.Delimiter) return new Jt808Frame(Jt808FrameStatus.Incomplete, wire.Length);
        int end = wire.Slice(1).IndexOf(Jt808Escaping.Delimiter);
        if (end < 0) return new Jt808Frame(Jt808FrameStatus.Incomplete, wire.Length);
        return DecodeContent(wire.Slice(1, end), scratch, options ?? Jt808FrameReaderOptions.Default, end + 2);
    }

    /// <summary>Parses an already un-escaped frame (header, body, check code; no delimiters).</summary>
    public static Jt808Frame DecodePayload(ReadOnlyMemory<byte> payload, Jt808FrameReaderOptions? options = null)
        => Jt808Frame.FromPayload(payload, options ?? Jt808FrameReaderOptions.Default, payload.Length + 2);

    private Jt808Frame Decode(ReadOnlySpan<byte> content, int wireLength)
    {
        ObjectDisposedException.ThrowIf(_payload is null, this);
        var frame = DecodeContent(content, _payload.AsMemory(0, _options.MaxFrameLength), _options, wireLength);
        if (frame.IsValid) FramesRead++;
        else FramesRejected++;
        return frame;
    }

    private Jt808Frame Rejected(Jt808Frame frame)
    {
        FramesRejected++;
        return frame;
    }

    private static Jt808Frame DecodeContent(ReadOnlySpan<byte> content, Memory<byte> scratch, Jt808FrameReaderOptions options, int wireLength)
    {
        var status = Jt808Escaping.TryUnescape(content, scratch.Span, out int n);
        if (status != Jt808FrameStatus.Ok) return new Jt808Frame(status, wireLength, scratch.Slice(0, n));
        return Jt808Frame.FromPayload(scratch.Slice(0, n), options, wireLength);
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (_payload is not null) ArrayPool<byte>.Shared.Return(_payload);
        if (_wire is not null) ArrayPool<byte>.Shared.Return(_wire);
        _payload = null;
        _wire = null;
    }
}
