namespace GreenFreight.Jt808;

/// <summary>
/// A message body that <see cref="Jt808FrameWriter"/> can encode. Implemented by every message type of this library;
/// struct implementations are called without boxing through the generic writer methods.
/// </summary>
public interface IJt808MessageBody
{
    /// <summary>The message ID the body belongs to.</summary>
    Jt808MessageId MessageId { get; }

    /// <summary>Byte length of the body for the given header version.</summary>
    int GetBodyLength(Jt808Version version);

    /// <summary>Writes the body (exactly <see cref="GetBodyLength"/> bytes) and returns the length written.</summary>
    int WriteBody(Span<byte> destination, Jt808Version version);
}
