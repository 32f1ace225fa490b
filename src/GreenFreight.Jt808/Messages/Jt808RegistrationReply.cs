using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>0x8100 registration reply: reply serial WORD, result BYTE, and on success the authentication code (GBK).</summary>
/// <param name="ReplySerial">serial number of the 0x0100 answered.</param>
/// <param name="Result">result.</param>
/// <param name="AuthCode">authentication code; written only when <paramref name="Result"/> is success.</param>
public sealed record Jt808RegistrationReply(ushort ReplySerial, Jt808RegistrationResult Result, string? AuthCode = null) : IJt808MessageBody
{
    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.RegistrationReply;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version)
        => 3 + (Result == Jt808RegistrationResult.Success ? Jt808Text.GetByteCount(AuthCode ?? "") : 0);

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808Bytes.WriteU16(destination, 0, ReplySerial);
        destination[2] = (byte)Result;
        return 3 + (Result == Jt808RegistrationResult.Success ? Jt808Text.Encode(AuthCode ?? "", destination.Slice(3)) : 0);
    }

    /// <summary>Decodes the body; false when it is shorter than 3 bytes. On success the auth code is the rest of the body ("" when empty).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, [NotNullWhen(true)] out Jt808RegistrationReply? reply, out Jt808Warnings warnings)
    {
        warnings = Jt808Warnings.None;
        if (body.Length < 3)
        {
            reply = null;
            return false;
        }
        var result = (Jt808RegistrationResult)body[2];
        string? code = null;
        if (result == Jt808RegistrationResult.Success) code = Jt808Text.Decode(body.Slice(3));
        else if (body.Length > 3) warnings = Jt808Warnings.TrailingBytes;
        reply = new Jt808RegistrationReply(Jt808Bytes.ReadU16(body, 0), result, code);
        return true;
    }
}
