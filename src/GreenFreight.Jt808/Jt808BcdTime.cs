using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>
/// A BCD[6] time YY-MM-DD-hh-mm-ss as sent by JT/T 808 (GMT+8). Keeps the raw bytes, so even an invalid time
/// round-trips; <see cref="ToDateTimeOffset"/> converts a valid one.
/// </summary>
public readonly struct Jt808BcdTime : IEquatable<Jt808BcdTime>
{
    /// <summary>The offset of JT/T 808 times (GMT+8).</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private readonly ulong _raw; // the six bytes, big-endian, in the low 48 bits

    private Jt808BcdTime(ulong raw) => _raw = raw;

    /// <summary>Reads the first six bytes of <paramref name="bcd"/>.</summary>
    public static Jt808BcdTime FromBcd(ReadOnlySpan<byte> bcd)
    {
        if (bcd.Length < 6) throw new ArgumentException("A BCD time has 6 bytes.", nameof(bcd));
        ulong v = ((ulong)bcd[0] << 40) | ((ulong)bcd[1] << 32) | ((ulong)bcd[2] << 24)
                | ((ulong)bcd[3] << 16) | ((ulong)bcd[4] << 8) | bcd[5];
        return new Jt808BcdTime(v);
    }

    /// <summary>Builds a time from fields (year 0-99 = 2000-2099); fields are not checked against the calendar.</summary>
    public static Jt808BcdTime FromFields(int year, int month, int day, int hour, int minute, int second)
    {
        ulong v = 0;
        foreach (int f in (ReadOnlySpan<int>)[year % 100, month, day, hour, minute, second])
        {
            if ((uint)f > 99) throw new ArgumentOutOfRangeException(nameof(year), "BCD fields are 0-99.");
            v = (v << 8) | (uint)((f / 10 << 4) | (f % 10));
        }
        return new Jt808BcdTime(v);
    }

    /// <summary>Converts to GMT+8 and encodes (years 2000-2099).</summary>
    public static Jt808BcdTime FromDateTimeOffset(DateTimeOffset value)
    {
        var t = value.ToOffset(Offset);
        if (t.Year is < 2000 or > 2099) throw new ArgumentOutOfRangeException(nameof(value), "JT/T 808 times cover 2000-2099.");
        return FromFields(t.Year - 2000, t.Month, t.Day, t.Hour, t.Minute, t.Second);
    }

    /// <summary>Writes the six BCD bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < 6) throw new ArgumentException("A BCD time needs 6 bytes.", nameof(destination));
        for (int i = 0; i < 6; i++) destination[i] = (byte)(_raw >> (40 - 8 * i));
    }

    private int Field(int i)
    {
        int b = (int)(_raw >> (40 - 8 * i)) & 0xFF;
        int hi = b >> 4, lo = b & 0xF;
        return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }

    /// <summary>True when every nibble is a digit and the fields form a real date and time.</summary>
    public bool IsValid
    {
        get
        {
            int yy = Field(0), mo = Field(1), dd = Field(2), hh = Field(3), mi = Field(4), ss = Field(5);
            if ((yy | mo | dd | hh | mi | ss) < 0) return false;
            return mo is >= 1 and <= 12 && dd >= 1 && dd <= DateTime.DaysInMonth(2000 + yy, mo)
                && hh <= 23 && mi <= 59 && ss <= 59;
        }
    }

    /// <summary>The time with a +08:00 offset, or null when <see cref="IsValid"/> is false.</summary>
    public DateTimeOffset? ToDateTimeOffset()
    {
        if (!IsValid) return null;
        return new DateTimeOffset(2000 + Field(0), Field(1), Field(2), Field(3), Field(4), Field(5), Offset);
    }

    /// <summary>The 12 BCD digits (hex letters for invalid nibbles).</summary>
    public override string ToString() => _raw.ToString("X12", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(Jt808BcdTime other) => _raw == other._raw;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Jt808BcdTime t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => _raw.GetHashCode();

    /// <summary>Equality of the raw bytes.</summary>
    public static bool operator ==(Jt808BcdTime left, Jt808BcdTime right) => left.Equals(right);

    /// <summary>Inequality of the raw bytes.</summary>
    public static bool operator !=(Jt808BcdTime left, Jt808BcdTime right) => !left.Equals(right);
}
