namespace GreenFreight.Jt808;

/// <summary>0x8001 platform general reply: reply serial WORD, reply message ID WORD, result BYTE.</summary>
/// <param name="ReplySerial">serial number of the terminal message answered.</param>
/// <param name="ReplyMessageId">ID of the terminal message answered.</param>
/// <param name="Result">result.</param>
public readonly record struct Jt808PlatformGeneralReply(ushort ReplySerial, Jt808MessageId ReplyMessageId, Jt808PlatformResult Result)
    : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.PlatformGeneralReply;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 5;

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
        => Jt808GeneralReplyLayout.Write(destination, ReplySerial, ReplyMessageId, (byte)Result);

    /// <summary>The reply to a received frame.</summary>
    public static Jt808PlatformGeneralReply To(in Jt808Header received, Jt808PlatformResult result = Jt808PlatformResult.Success)
        => new(received.SerialNumber, received.MessageId, result);

    /// <summary>Decodes the body; false when it is shorter than 5 bytes.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out Jt808PlatformGeneralReply reply, out Jt808Warnings warnings)
    {
        if (!Jt808GeneralReplyLayout.TryRead(body, out ushort sn, out ushort id, out byte result, out warnings))
        {
            reply = default;
            return false;
        }
        reply = new Jt808PlatformGeneralReply(sn, (Jt808MessageId)id, (Jt808PlatformResult)result);
        return true;
    }
}
