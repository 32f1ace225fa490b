using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>
/// 0x0102 terminal authentication. 2013: the whole body is the authentication code. 2019: code length BYTE, code,
/// IMEI BYTE[15], software version BYTE[20] (NUL-padded).
/// </summary>
/// <param name="AuthCode">authentication code from the 0x8100 reply.</param>
public sealed record Jt808Authentication(string AuthCode) : IJt808MessageBody
{
    /// <summary>IMEI (2019 only, "" otherwise).</summary>
    public string Imei { get; init; } = "";

    /// <summary>Software version (2019 only, "" otherwise).</summary>
    public string SoftwareVersion { get; init; } = "";

    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.Authentication;

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version)
        => version == Jt808Version.V2019 ? 1 + Jt808Text.GetByteCount(AuthCode) + 15 + 20 : Jt808Text.GetByteCount(AuthCode);

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        if (version != Jt808Version.V2019) return Jt808Text.Encode(AuthCode, destination);
        int n = Jt808Text.GetByteCount(AuthCode);
        if (n > 255) throw new ArgumentException("A 2019 authentication code has at most 255 bytes.", nameof(AuthCode));
        destination[0] = (byte)n;
        Jt808Text.Encode(AuthCode, destination.Slice(1));
        Jt808Text.EncodeFixed(Imei, destination.Slice(1 + n, 15), nameof(Imei));
        Jt808Text.EncodeFixed(SoftwareVersion, destination.Slice(1 + n + 15, 20), nameof(SoftwareVersion));
        return 1 + n + 35;
    }

    /// <summary>
    /// Decodes the body of the given header version. 2019 bodies cut short are decoded as far as they go with
    /// <see cref="Jt808Warnings.FieldTruncated"/>; false only for an empty 2019 body.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, [NotNullWhen(true)] out Jt808Authentication? authentication, out Jt808Warnings warnings)
    {
        warnings = Jt808Warnings.None;
        if (version != Jt808Version.V2019)
        {
            authentication = new Jt808Authentication(Jt808Text.Decode(body));
            return true;
        }
        if (body.IsEmpty)
        {
            authentication = null;
            return false;
        }
        var rest = body.Slice(1);
        var code = Take(ref rest, body[0], ref warnings);
        var imei = Take(ref rest, 15, ref warnings);
        var software = Take(ref rest, 20, ref warnings);
        if (!rest.IsEmpty) warnings |= Jt808Warnings.TrailingBytes;
        authentication = new Jt808Authentication(Jt808Text.Decode(code))
        {
            Imei = Jt808Text.Decode(imei),
            SoftwareVersion = Jt808Text.Decode(software),
        };
        return true;
    }

    private static ReadOnlySpan<byte> Take(ref ReadOnlySpan<byte> rest, int length, ref Jt808Warnings warnings)
    {
        if (length > rest.Length)
        {
            warnings |= Jt808Warnings.FieldTruncated;
            length = rest.Length;
        }
        var field = rest.Slice(0, length);
        rest = rest.Slice(length);
        return field;
    }
}
