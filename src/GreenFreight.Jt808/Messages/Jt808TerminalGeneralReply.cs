namespace GreenFreight.Jt808;

/// <summary>0x0001 terminal general reply: reply serial WORD, reply message ID WORD, result BYTE.</summary>
/// <param name="ReplySerial">serial number of the platform message answered.</param>
/// <param name="ReplyMessageId">ID of the platform message answered.</param>
/// <param name="Result">result.</param>
public readonly record struct Jt808TerminalGeneralReply(ushort ReplySerial, Jt808MessageId ReplyMessageId, Jt808TerminalResult Result)
    : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.TerminalGeneralReply;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 5;

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
        => Jt808GeneralReplyLayout.Write(destination, ReplySerial, ReplyMessageId, (byte)Result);

    /// <summary>Decodes the body; false when it is shorter than 5 bytes.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out Jt808TerminalGeneralReply reply, out Jt808Warnings warnings)
    {
        if (!Jt808GeneralReplyLayout.TryRead(body, out ushort sn, out ushort id, out byte result, out warnings))
        {
            reply = default;
            return false;
        }
        reply = new Jt808TerminalGeneralReply(sn, (Jt808MessageId)id, (Jt808TerminalResult)result);
        return true;
    }
}

internal static class Jt808GeneralReplyLayout
{
    public static int Write(Span<byte> d, ushort sn, Jt808MessageId id, byte result)
    {
        Jt808Bytes.WriteU16(d, 0, sn);
        Jt808Bytes.WriteU16(d, 2, (ushort)id);
        d[4] = result;
        return 5;
    }

    public static bool TryRead(ReadOnlySpan<byte> body, out ushort sn, out ushort id, out byte result, out Jt808Warnings warnings)
    {
        warnings = Jt808Warnings.None;
        if (body.Length < 5)
        {
            sn = id = result = 0;
            return false;
        }
        sn = Jt808Bytes.ReadU16(body, 0);
        id = Jt808Bytes.ReadU16(body, 2);
        result = body[4];
        if (body.Length > 5) warnings = Jt808Warnings.TrailingBytes;
        return true;
    }
}
