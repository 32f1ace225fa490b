namespace GreenFreight.Jt808;

/// <summary>Header layout of a frame.</summary>
public enum Jt808Version : byte
{
    /// <summary>2011/2013 header: 6-byte BCD phone, no protocol-version byte (body-properties bit 14 normally clear).</summary>
    V2013 = 0,
    /// <summary>2019 header: protocol-version byte and 10-byte BCD phone (body-properties bit 14 set).</summary>
    V2019 = 1,
}
