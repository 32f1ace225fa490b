using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>
/// The terminal phone / terminal ID of a header: BCD digits, 6 bytes (12 digits) in the 2013 header and 10 bytes
/// (20 digits) in the 2019 header. Leading zeros are kept. A value type without allocation, usable as a dictionary key.
/// </summary>
public readonly struct Jt808Phone : IEquatable<Jt808Phone>, ISpanFormattable
{
    /// <summary>Byte length of the 2013 header phone.</summary>
    public const int Length2013 = 6;
    /// <summary>Byte length of the 2019 header phone.</summary>
    public const int Length2019 = 10;

    // The BCD bytes read as one big-endian number (at most 10 bytes = 80 bits).
    private readonly UInt128 _bcd;
    private readonly byte _length;

    private Jt808Phone(UInt128 bcd, int length)
    {
        _bcd = bcd;
        _length = (byte)length;
    }

    /// <summary>Number of BCD bytes (6 or 10 for header phones; 0 for <c>default</c>).</summary>
    public int ByteLength => _length;

    /// <summary>Number of digits (twice <see cref="ByteLength"/>).</summary>
    public int DigitCount => _length * 2;

    /// <summary>True when every nibble is a decimal digit.</summary>
    public bool IsValidBcd
    {
        get
        {
            for (int i = 0; i < DigitCount; i++)
                if (Nibble(i) > 9) return false;
            return true;
        }
    }

    /// <summary>Reads a phone from 1 to 10 BCD bytes.</summary>
    /// <exception cref="ArgumentException">more than 10 bytes.</exception>
    public static Jt808Phone FromBcd(ReadOnlySpan<byte> bcd)
    {
        if (bcd.Length > Length2019) throw new ArgumentException("A JT/T 808 phone has at most 10 BCD bytes.", nameof(bcd));
        UInt128 v = 0;
        foreach (byte b in bcd) v = (v << 8) | b;
        return new Jt808Phone(v, bcd.Length);
    }

    /// <summary>
    /// Parses decimal digits. Up to 12 digits give a 6-byte (2013) phone, 13 to 20 digits a 10-byte (2019) phone;
    /// both are left-padded with zeros.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> digits, out Jt808Phone phone)
    {
        int bytes = digits.Length <= 12 ? Length2013 : Length2019;
        return TryParse(digits, bytes, out phone);
    }

    /// <summary>Parses decimal digits into a phone of <paramref name="byteLength"/> bytes, left-padded with zeros.</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, int byteLength, out Jt808Phone phone)
    {
        phone = default;
        if (digits.IsEmpty || byteLength is < 1 or > Length2019 || digits.Length > byteLength * 2) return false;
        UInt128 v = 0;
        foreach (char c in digits)
        {
            if (c is < '0' or > '9') return false;
            v = (v << 4) | (uint)(c - '0');
        }
        phone = new Jt808Phone(v, byteLength);
        return true;
    }

    /// <summary>Parses decimal digits (see <see cref="TryParse(ReadOnlySpan{char}, out Jt808Phone)"/>).</summary>
    /// <exception cref="FormatException">not 1 to 20 decimal digits.</exception>
    public static Jt808Phone Parse(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return TryParse(digits, out var p) ? p : throw new FormatException($"'{digits}' is not a JT/T 808 phone (1 to 20 digits).");
    }

    /// <summary>
    /// The same number with another byte length: pads with leading zero bytes, or drops leading zero bytes.
    /// </summary>
    /// <exception cref="ArgumentException">dropping bytes would lose non-zero digits.</exception>
    public Jt808Phone WithByteLength(int byteLength)
    {
        if (byteLength is < 1 or > Length2019) throw new ArgumentOutOfRangeException(nameof(byteLength));
        if (byteLength < _length && (_bcd >> (byteLength * 8)) != 0)
            throw new ArgumentException($"Phone {this} does not fit in {byteLength} BCD bytes.", nameof(byteLength));
        return new Jt808Phone(_bcd, byteLength);
    }

    /// <summary>
    /// Writes the BCD bytes into <paramref name="destination"/> (its whole length), left-padding with zero bytes.
    /// Returns false when non-zero digits would not fit.
    /// </summary>
    public bool TryWriteBcd(Span<byte> destination)
    {
        int n = destination.Length;
        if (n < _length && (n >= 16 || (_bcd >> (n * 8)) != 0)) return false;
        UInt128 v = _bcd;
        for (int i = n - 1; i >= 0; i--)
        {
            destination[i] = (byte)v;
            v >>= 8;
        }
        return true;
    }

    private int Nibble(int index) => (int)(uint)((_bcd >> ((DigitCount - 1 - index) * 4)) & 0xF);

    /// <summary>The digits, leading zeros kept (a nibble above 9 is written as a hex letter).</summary>
    public override string ToString() => string.Create(DigitCount, this, static (span, p) => p.TryFormat(span, out _, default, null));

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the digits without allocating.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        int n = DigitCount;
        if (destination.Length < n)
        {
            charsWritten = 0;
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            int d = Nibble(i);
            destination[i] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
        }
        charsWritten = n;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Jt808Phone other) => _bcd == other._bcd && _length == other._length;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Jt808Phone p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_bcd, _length);

    /// <summary>Equality of digits and length.</summary>
    public static bool operator ==(Jt808Phone left, Jt808Phone right) => left.Equals(right);

    /// <summary>Inequality of digits or length.</summary>
    public static bool operator !=(Jt808Phone left, Jt808Phone right) => !left.Equals(right);
}
