namespace GreenFreight.Jt808;

/// <summary>
/// One frame taken from the stream: status, header, un-escaped bytes and check code. <see cref="Payload"/> and
/// <see cref="Body"/> point into the reader's buffer and stay valid until the reader's next call.
/// </summary>
public readonly struct Jt808Frame
{
    private readonly int _bodyOffset;
    private readonly int _bodyLength;

    internal Jt808Frame(Jt808FrameStatus status, int wireLength, ReadOnlyMemory<byte> payload = default)
    {
        Status = status;
        WireLength = wireLength;
        Payload = payload;
    }

    internal Jt808Frame(Jt808FrameStatus status, in Jt808Header header, ReadOnlyMemory<byte> payload, int bodyOffset,
        int bodyLength, byte checkCode, byte computedCheckCode, Jt808Warnings warnings, int wireLength)
    {
        Status = status;
        Header = header;
        HasHeader = true;
        Payload = payload;
        _bodyOffset = bodyOffset;
        _bodyLength = bodyLength;
        CheckCode = checkCode;
        ComputedCheckCode = computedCheckCode;
        Warnings = warnings;
        WireLength = wireLength;
    }

    /// <summary>Outcome; only <see cref="Jt808FrameStatus.Ok"/> frames should be processed.</summary>
    public Jt808FrameStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="Jt808FrameStatus.Ok"/>.</summary>
    public bool IsValid => Status == Jt808FrameStatus.Ok;

    /// <summary>True when a header could be read (also for <see cref="Jt808FrameStatus.BadCheckCode"/> and length mismatches).</summary>
    public bool HasHeader { get; }

    /// <summary>The header (default when <see cref="HasHeader"/> is false).</summary>
    public Jt808Header Header { get; }

    /// <summary>Message ID shortcut.</summary>
    public Jt808MessageId MessageId => Header.MessageId;

    /// <summary>The un-escaped bytes between the delimiters: header, body, check code (as far as they could be un-escaped).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The message body (empty without a header).</summary>
    public ReadOnlyMemory<byte> Body => HasHeader ? Payload.Slice(_bodyOffset, _bodyLength) : default;

    /// <summary>The check code as sent.</summary>
    public byte CheckCode { get; }

    /// <summary>The check code computed over header and body.</summary>
    public byte ComputedCheckCode { get; }

    /// <summary>True when the check code matches.</summary>
    public bool CheckCodeOk => HasHeader && CheckCode == ComputedCheckCode;

    /// <summary>Frame-level warnings (header quirks, accepted check-code or length deviations).</summary>
    public Jt808Warnings Warnings { get; }

    /// <summary>Bytes of the wire form of this frame including both delimiters (for skipped frames: bytes skipped).</summary>
    public int WireLength { get; }

    /// <summary>Parses un-escaped frame bytes (header, body, check code).</summary>
    internal static Jt808Frame FromPayload(ReadOnlyMemory<byte> payload, Jt808FrameReaderOptions options, int wireLength)
    {
        var p = payload.Span;
        int n = p.Length;
        if (n < 13) return new Jt808Frame(Jt808FrameStatus.TooShort, wireLength, payload);

        byte check = p[n - 1];
        byte computed = Jt808Escaping.ComputeCheckCode(p.Slice(0, n - 1));
        ushort props = Jt808Bytes.ReadU16(p, 2);
        int declared = props & 0x3FF;
        int extra = (props & 0x2000) != 0 ? 4 : 0;
        int h13 = 12 + extra, h19 = 17 + extra;
        var status = Jt808FrameStatus.Ok;
        var warnings = Jt808Warnings.None;
        Jt808Version version;
        if ((props & 0x4000) != 0)
        {
            if (n == h19 + declared + 1) version = Jt808Version.V2019;
            else if (n == h13 + declared + 1)
            {
                version = Jt808Version.V2013;
                warnings |= Jt808Warnings.VersionFlagWith2013Header;
            }
            else
            {
                status = Jt808FrameStatus.BodyLengthMismatch;
                version = n >= h19 + 1 ? Jt808Version.V2019 : Jt808Version.V2013;
            }
        }
        else
        {
            version = Jt808Version.V2013;
            if (n != h13 + declared + 1) status = Jt808FrameStatus.BodyLengthMismatch;
        }

        int headerLength = version == Jt808Version.V2019 ? h19 : h13;
        if (n < headerLength + 1) return new Jt808Frame(Jt808FrameStatus.TooShort, wireLength, payload);

        var header = Jt808Header.Read(p, version);
        if (!header.Phone.IsValidBcd) warnings |= Jt808Warnings.InvalidPhoneBcd;
        if (status == Jt808FrameStatus.BodyLengthMismatch && options.AcceptBodyLengthMismatch)
        {
            status = Jt808FrameStatus.Ok;
            warnings |= Jt808Warnings.BodyLengthMismatch;
        }
        if (check != computed)
        {
            if (options.AcceptBadCheckCode) warnings |= Jt808Warnings.BadCheckCode;
            else if (status == Jt808FrameStatus.Ok) status = Jt808FrameStatus.BadCheckCode;
        }
        return new Jt808Frame(status, header, payload, headerLength, n - headerLength - 1, check, computed, warnings, wireLength);
    }
}
