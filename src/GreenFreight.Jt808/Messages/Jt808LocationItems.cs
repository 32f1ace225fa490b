using System.Runtime.CompilerServices;

namespace GreenFreight.Jt808;

/// <summary>Kind of area in location additional items 0x11 and 0x12.</summary>
public enum Jt808AreaKind : byte
{
    /// <summary>0 no specific location.</summary>
    None = 0,
    /// <summary>1 circular area.</summary>
    Circle = 1,
    /// <summary>2 rectangular area.</summary>
    Rectangle = 2,
    /// <summary>3 polygonal area.</summary>
    Polygon = 3,
    /// <summary>4 route.</summary>
    Route = 4,
}

/// <summary>Direction of an area / route crossing (item 0x12).</summary>
public enum Jt808CrossingDirection : byte
{
    /// <summary>0 entering.</summary>
    In = 0,
    /// <summary>1 leaving.</summary>
    Out = 1,
}

/// <summary>Result of a route-segment travel time check (item 0x13).</summary>
public enum Jt808RouteTimeResult : byte
{
    /// <summary>0 travel time too short.</summary>
    TooShort = 0,
    /// <summary>1 travel time too long.</summary>
    TooLong = 1,
}

/// <summary>Additional item 0x11, overspeed alarm: location kind BYTE and, unless the kind is 0, area/route ID DWORD.</summary>
/// <param name="Kind">location kind.</param>
/// <param name="AreaId">area or route ID (absent when the item has 1 byte).</param>
public readonly record struct Jt808OverspeedInfo(Jt808AreaKind Kind, uint? AreaId);

/// <summary>Additional item 0x12, area/route entry or exit alarm: kind BYTE, ID DWORD, direction BYTE.</summary>
/// <param name="Kind">location kind.</param>
/// <param name="AreaId">area or route ID.</param>
/// <param name="Direction">in or out.</param>
public readonly record struct Jt808AreaCrossingInfo(Jt808AreaKind Kind, uint AreaId, Jt808CrossingDirection Direction);

/// <summary>Additional item 0x13, route segment travel time too short / too long: segment ID DWORD, time WORD (s), result BYTE.</summary>
/// <param name="SegmentId">route segment ID.</param>
/// <param name="TravelTimeSeconds">travel time on the segment in seconds.</param>
/// <param name="Result">too short or too long.</param>
public readonly record struct Jt808RouteTimeInfo(uint SegmentId, ushort TravelTimeSeconds, Jt808RouteTimeResult Result);

/// <summary>Additional item 0x05 (2019), tyre pressures: 30 bytes, wheels from the front, left to right; unused bytes 0xFF.</summary>
public readonly struct Jt808TyrePressures : IEquatable<Jt808TyrePressures>
{
    /// <summary>Number of bytes in the item.</summary>
    public const int Length = 30;

    private readonly Buffer30 _values;

    /// <summary>Up to 30 values; the rest is filled with 0xFF.</summary>
    public Jt808TyrePressures(ReadOnlySpan<byte> values)
    {
        if (values.Length > Length) throw new ArgumentException("At most 30 tyre values.", nameof(values));
        Span<byte> s = _values;
        s.Fill(0xFF);
        values.CopyTo(s);
    }

    /// <summary>Value of tyre <paramref name="index"/> (0-29); 0xFF means no data.</summary>
    public byte this[int index] => ((ReadOnlySpan<byte>)_values)[index];

    /// <summary>Copies the 30 bytes.</summary>
    public void CopyTo(Span<byte> destination) => ((ReadOnlySpan<byte>)_values).CopyTo(destination);

    /// <summary>The 30 bytes in a new array.</summary>
    public byte[] ToArray() => ((ReadOnlySpan<byte>)_values).ToArray();

    /// <inheritdoc />
    public bool Equals(Jt808TyrePressures other) => ((ReadOnlySpan<byte>)_values).SequenceEqual(other._values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Jt808TyrePressures t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(_values);
        return h.ToHashCode();
    }

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(Jt808TyrePressures left, Jt808TyrePressures right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(Jt808TyrePressures left, Jt808TyrePressures right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexString(_values);

    [InlineArray(Length)]
    private struct Buffer30
    {
        private byte _element;
    }
}

/// <summary>
/// Iterates the additional items of a 0x0200 body (ID BYTE, length BYTE, value) without allocation, including
/// vendor items. An item whose length runs past the end stops the iteration and sets <see cref="Overrun"/>.
/// </summary>
public ref struct Jt808AdditionalItemReader
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>A reader over the item bytes (the body after its 28-byte basic block).</summary>
    public Jt808AdditionalItemReader(ReadOnlySpan<byte> items) => _rest = items;

    /// <summary>True when the last item overran the body (or a lone byte was left).</summary>
    public bool Overrun { get; private set; }

    /// <summary>Reads the next item; false at the end or on an overrun.</summary>
    public bool TryRead(out byte id, out ReadOnlySpan<byte> value)
    {
        if (_rest.Length < 2)
        {
            if (_rest.Length == 1) Overrun = true;
            _rest = default;
            id = 0;
            value = default;
            return false;
        }
        id = _rest[0];
        int length = _rest[1];
        if (length > _rest.Length - 2)
        {
            Overrun = true;
            _rest = default;
            value = default;
            return false;
        }
        value = _rest.Slice(2, length);
        _rest = _rest.Slice(2 + length);
        return true;
    }
}
