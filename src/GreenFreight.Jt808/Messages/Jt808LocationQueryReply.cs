namespace GreenFreight.Jt808;

/// <summary>0x0201 location query reply: reply serial WORD followed by a 0x0200 body.</summary>
/// <param name="ReplySerial">serial number of the 0x8201 query.</param>
/// <param name="Report">the location.</param>
public readonly record struct Jt808LocationQueryReply(ushort ReplySerial, Jt808LocationReport Report) : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.LocationQueryReply;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 2 + Report.GetBodyLength(version);

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808Bytes.WriteU16(destination, 0, ReplySerial);
        return 2 + Report.WriteBody(destination.Slice(2), version);
    }

    /// <summary>Decodes the body; false when it is shorter than 2 + 28 bytes.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, out Jt808LocationQueryReply reply, out Jt808Warnings warnings)
    {
        if (body.Length < 2 || !Jt808LocationReport.TryDecode(body.Slice(2), version, out var report, out warnings))
        {
            reply = default;
            warnings = Jt808Warnings.None;
            return false;
        }
        reply = new Jt808LocationQueryReply(Jt808Bytes.ReadU16(body, 0), report);
        return true;
    }
}
