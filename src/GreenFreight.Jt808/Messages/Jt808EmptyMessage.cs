namespace GreenFreight.Jt808;

/// <summary>A message whose body is empty: 0x0002 heartbeat, 0x0003 deregistration, 0x0004, 0x8201 …</summary>
/// <param name="MessageId">the message ID.</param>
public readonly record struct Jt808EmptyMessage(Jt808MessageId MessageId) : IJt808MessageBody
{
    /// <summary>0x0002 terminal heartbeat.</summary>
    public static Jt808EmptyMessage Heartbeat => new(Jt808MessageId.Heartbeat);

    /// <summary>0x0003 terminal deregistration.</summary>
    public static Jt808EmptyMessage Deregistration => new(Jt808MessageId.Deregistration);

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => 0;

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version) => 0;

    /// <summary>Accepts any body; a non-empty one is reported as <see cref="Jt808Warnings.TrailingBytes"/>.</summary>
    public static bool TryDecode(Jt808MessageId messageId, ReadOnlySpan<byte> body, out Jt808EmptyMessage message, out Jt808Warnings warnings)
    {
        message = new Jt808EmptyMessage(messageId);
        warnings = body.IsEmpty ? Jt808Warnings.None : Jt808Warnings.TrailingBytes;
        return true;
    }
}
