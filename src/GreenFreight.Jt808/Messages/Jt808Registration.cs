using System.Diagnostics.CodeAnalysis;

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
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, [NotNullWhen(true)] out Jt808Registration? registration, out Jt808Warnings warnings)
        => TryDecode(body, DetectLayout(version, body.Length), out registration, out warnings);

    /// <summary>Decodes with a given layout; false when the body is shorter than the layout's fixed part.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808RegistrationLayout layout, [NotNullWhen(true)] out Jt808Registration? registration, out Jt808Warnings warnings)
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
