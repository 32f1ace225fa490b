namespace GreenFreight.Jt808;

/// <summary>Body layout of a 0x0100 registration.</summary>
public enum Jt808RegistrationLayout : byte
{
    /// <summary>2011: manufacturer 5, model 8, terminal ID 7 bytes.</summary>
    V2011 = 0,
    /// <summary>2013: manufacturer 5, model 20, terminal ID 7 bytes.</summary>
    V2013 = 1,
    /// <summary>2019: manufacturer 11, model 30, terminal ID 30 bytes.</summary>
    V2019 = 2,
}

/// <summary>
/// 0x0100 terminal registration: province WORD, city WORD, manufacturer, model and terminal ID (fixed-length,
/// NUL-padded), plate colour BYTE, plate (GBK, the rest of the body). The layout is chosen from the header version
/// and, for 2013 headers, from the body length (at least 37 bytes: 2013 layout, else 2011).
/// </summary>
public sealed record Jt808Registration : IJt808MessageBody
{
    /// <summary>Body layout (field widths).</summary>
    public Jt808RegistrationLayout Layout { get; init; } = Jt808RegistrationLayout.V2013;

    /// <summary>Province ID (GB/T 2260 first two digits).</summary>
    public ushort ProvinceId { get; init; }

    /// <summary>City / county ID (GB/T 2260 last four digits).</summary>
    public ushort CityId { get; init; }

    /// <summary>Manufacturer ID.</summary>
    public string ManufacturerId { get; init; } = "";

    /// <summary>Terminal model.</summary>
    public string Model { get; init; } = "";

    /// <summary>Terminal ID.</summary>
    public string TerminalId { get; init; } = "";

    /// <summary>Plate colour (JT/T 697.7; 0 = not registered, then the plate field holds the VIN in 2019).</summary>
    public byte PlateColor { get; init; }

    /// <summary>Plate number (GBK on the wire).</summary>
    public string Plate { get; init; } = "";

    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.Registration;

    /// <summary>Field widths (manufacturer, model, terminal ID) of a layout.</summary>
    public static (int Manufacturer, int Model, int TerminalId) GetFieldLengths(Jt808RegistrationLayout layout) => layout switch
    {
        Jt808RegistrationLayout.V2011 => (5, 8, 7),
        Jt808RegistrationLayout.V2019 => (11, 30, 30),
        _ => (5, 20, 7),
    };

    /// <summary>The layout a body of this header version and length uses.</summary>
    public static Jt808RegistrationLayout DetectLayout(Jt808Version version, int bodyLength)
        => version == Jt808Version.V2019 ? Jt808RegistrationLayout.V2019
        : bodyLength >= FixedLength(Jt808RegistrationLayout.V2013) ? Jt808RegistrationLayout.V2013
        : Jt808RegistrationLayout.V2011;

    private static int FixedLength(Jt808RegistrationLayout layout)
    {
        var (m, t, i) = GetFieldLengths(layout);
        return 4 + m + t + i + 1;
    }

    /// <summary>Decodes with the detected layout; false when the body is shorter than the layout's fixed part.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, out Jt808Registration? registration, out Jt808Warnings warnings)
        => TryDecode(body, DetectLayout(version, body.Length), out registration, out warnings);

    /// <summary>Decodes with a given layout; false when the body is shorter than the layout's fixed part.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808RegistrationLayout layout, out Jt808Registration? registration, out Jt808Warnings warnings)
    {
        warnings = Jt808Warnings.None;
        var (m, t, i) = GetFieldLengths(layout);
        if (body.Length < FixedLength(layout))
        {
            registration = null;
            return false;
        }
        int o = 4;
        registration = new Jt808Registration
        {
            Layout = layout,
            ProvinceId = Jt808Bytes.ReadU16(body, 0),
            CityId = Jt808Bytes.ReadU16(body, 2),
            ManufacturerId = Jt808Text.Decode(body.Slice(o, m)),
            Model = Jt808Text.Decode(body.Slice(o += m, t)),
            TerminalId = Jt808Text.Decode(body.Slice(o += t, i)),
            PlateColor = body[o += i],
            Plate = Jt808Text.Decode(body.Slice(o + 1)),
        };
        return true;
    }

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version) => FixedLength(Layout) + Jt808Text.GetByteCount(Plate);

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        var (m, t, i) = GetFieldLengths(Layout);
        Jt808Bytes.WriteU16(destination, 0, ProvinceId);
        Jt808Bytes.WriteU16(destination, 2, CityId);
        int o = 4;
        Jt808Text.EncodeFixed(ManufacturerId, destination.Slice(o, m), nameof(ManufacturerId));
        Jt808Text.EncodeFixed(Model, destination.Slice(o += m, t), nameof(Model));
        Jt808Text.EncodeFixed(TerminalId, destination.Slice(o += t, i), nameof(TerminalId));
        destination[o += i] = PlateColor;
        return o + 1 + Jt808Text.Encode(Plate, destination.Slice(o + 1));
    }
}

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
    public static bool TryDecode(ReadOnlySpan<byte> body, out Jt808RegistrationReply? reply, out Jt808Warnings warnings)
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
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, out Jt808Authentication? authentication, out Jt808Warnings warnings)
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
