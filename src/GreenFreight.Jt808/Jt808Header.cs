using System.Buffers.Binary;

namespace GreenFreight.Jt808;

/// <summary>
/// A JT/T 808 message header: message ID, body properties, (2019: protocol version,) BCD phone, serial number and,
/// for subpackages, total and index. Decoded by <see cref="Jt808FrameReader"/>; built with the constructor for encoding
/// (<see cref="Jt808FrameWriter"/> fills in the body length and the version bit).
/// </summary>
public readonly struct Jt808Header : IEquatable<Jt808Header>
{
    private const ushort LengthMask = 0x03FF;
    private const ushort SubpackageBit = 0x2000;
    private const ushort VersionBit = 0x4000;

    /// <summary>A header for encoding.</summary>
    /// <param name="messageId">message ID (typed writers replace it with the body's ID).</param>
    /// <param name="phone">terminal phone; padded or trimmed (leading zeros only) to the header's 6 or 10 bytes.</param>
    /// <param name="serialNumber">message serial number.</param>
    /// <param name="version">header layout.</param>
    /// <param name="protocolVersion">2019 protocol-version byte (1 for the 2019 edition).</param>
    public Jt808Header(Jt808MessageId messageId, Jt808Phone phone, ushort serialNumber,
        Jt808Version version = Jt808Version.V2013, byte protocolVersion = 1)
    {
        MessageId = messageId;
        Phone = phone;
        SerialNumber = serialNumber;
        Version = version;
        ProtocolVersion = version == Jt808Version.V2019 ? protocolVersion : (byte)0;
        Properties = version == Jt808Version.V2019 ? VersionBit : (ushort)0;
    }

    /// <summary>Message ID.</summary>
    public Jt808MessageId MessageId { get; init; }

    /// <summary>The raw body-properties word (bits 0-9 length, 10-12 encryption, 13 subpackage, 14 version flag, 15 reserved).</summary>
    public ushort Properties { get; init; }

    /// <summary>Body length from the body properties (bits 0-9).</summary>
    public int BodyLength => Properties & LengthMask;

    /// <summary>Encryption bits 10-12 (0 none, 1 RSA).</summary>
    public int Encryption
    {
        get => (Properties >> 10) & 0x7;
        init => Properties = (ushort)((Properties & ~0x1C00) | ((value & 0x7) << 10));
    }

    /// <summary>Bit 13: the header carries package total and index.</summary>
    public bool IsSubpackage
    {
        get => (Properties & SubpackageBit) != 0;
        init => Properties = (ushort)(value ? Properties | SubpackageBit : Properties & ~SubpackageBit);
    }

    /// <summary>Bit 14 as sent (the 2019 version flag). Can be true with a 2013 <see cref="Version"/> on quirky devices.</summary>
    public bool VersionFlag => (Properties & VersionBit) != 0;

    /// <summary>The header layout actually used by the frame.</summary>
    public Jt808Version Version { get; init; }

    /// <summary>2019 protocol-version byte (0 for 2013 headers).</summary>
    public byte ProtocolVersion { get; init; }

    /// <summary>Terminal phone (BCD[6] for 2013, BCD[10] for 2019).</summary>
    public Jt808Phone Phone { get; init; }

    /// <summary>Message serial number.</summary>
    public ushort SerialNumber { get; init; }

    /// <summary>Total number of packages (subpackages only).</summary>
    public ushort PackageTotal { get; init; }

    /// <summary>Index of this package, from 1 (subpackages only).</summary>
    public ushort PackageIndex { get; init; }

    /// <summary>Byte length of this header.</summary>
    public int Length => GetLength(Version, IsSubpackage);

    /// <summary>Byte length of a header: 12 (2013) or 17 (2019), plus 4 for subpackages.</summary>
    public static int GetLength(Jt808Version version, bool subpackage)
        => (version == Jt808Version.V2019 ? 17 : 12) + (subpackage ? 4 : 0);

    /// <summary>Reads a header of the given layout (the caller checked the length).</summary>
    internal static Jt808Header Read(ReadOnlySpan<byte> p, Jt808Version version)
    {
        ushort props = BinaryPrimitives.ReadUInt16BigEndian(p.Slice(2));
        int o;
        byte pv = 0;
        Jt808Phone phone;
        if (version == Jt808Version.V2019)
        {
            pv = p[4];
            phone = Jt808Phone.FromBcd(p.Slice(5, 10));
            o = 15;
        }
        else
        {
            phone = Jt808Phone.FromBcd(p.Slice(4, 6));
            o = 10;
        }
        ushort total = 0, index = 0;
        if ((props & SubpackageBit) != 0)
        {
            total = BinaryPrimitives.ReadUInt16BigEndian(p.Slice(o + 2));
            index = BinaryPrimitives.ReadUInt16BigEndian(p.Slice(o + 4));
        }
        return new Jt808Header
        {
            MessageId = (Jt808MessageId)BinaryPrimitives.ReadUInt16BigEndian(p),
            Properties = props,
            Version = version,
            ProtocolVersion = pv,
            Phone = phone,
            SerialNumber = BinaryPrimitives.ReadUInt16BigEndian(p.Slice(o)),
            PackageTotal = total,
            PackageIndex = index,
        };
    }

    /// <summary>Writes this header with the given body length; the version bit follows <see cref="Version"/>. Returns the length written.</summary>
    internal int Write(Span<byte> d, Jt808MessageId messageId, int bodyLength)
    {
        if ((uint)bodyLength > LengthMask)
            throw new ArgumentOutOfRangeException(nameof(bodyLength), "A body is at most 1023 bytes; send larger bodies as subpackages.");
        ushort props = (ushort)((Properties & ~(LengthMask | VersionBit)) | bodyLength);
        if (Version == Jt808Version.V2019) props |= VersionBit;
        BinaryPrimitives.WriteUInt16BigEndian(d, (ushort)messageId);
        BinaryPrimitives.WriteUInt16BigEndian(d.Slice(2), props);
        int o;
        if (Version == Jt808Version.V2019)
        {
            d[4] = ProtocolVersion;
            if (!Phone.TryWriteBcd(d.Slice(5, 10))) throw new ArgumentException($"Phone {Phone} does not fit a 2019 header.");
            o = 15;
        }
        else
        {
            if (!Phone.TryWriteBcd(d.Slice(4, 6))) throw new ArgumentException($"Phone {Phone} does not fit a 2013 header (12 digits).");
            o = 10;
        }
        BinaryPrimitives.WriteUInt16BigEndian(d.Slice(o), SerialNumber);
        o += 2;
        if ((props & SubpackageBit) != 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d.Slice(o), PackageTotal);
            BinaryPrimitives.WriteUInt16BigEndian(d.Slice(o + 2), PackageIndex);
            o += 4;
        }
        return o;
    }

    /// <inheritdoc />
    public bool Equals(Jt808Header other) =>
        MessageId == other.MessageId && Properties == other.Properties && Version == other.Version
        && ProtocolVersion == other.ProtocolVersion && Phone == other.Phone && SerialNumber == other.SerialNumber
        && PackageTotal == other.PackageTotal && PackageIndex == other.PackageIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Jt808Header h && Equals(h);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MessageId, Properties, Version, ProtocolVersion, Phone, SerialNumber, PackageTotal, PackageIndex);

    /// <summary>Field-wise equality.</summary>
    public static bool operator ==(Jt808Header left, Jt808Header right) => left.Equals(right);

    /// <summary>Field-wise inequality.</summary>
    public static bool operator !=(Jt808Header left, Jt808Header right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        $"0x{(ushort)MessageId:X4} {Version} phone {Phone} sn {SerialNumber} len {BodyLength}" + (IsSubpackage ? $" pkg {PackageIndex}/{PackageTotal}" : "");
}
