namespace GreenFreight.Jt808;

/// <summary>
/// Deviations found while decoding that did not stop decoding. Frame-level and message-level decoders use
/// the same flags so they can be or-ed together.
/// </summary>
[Flags]
public enum Jt808Warnings : uint
{
    /// <summary>No deviation.</summary>
    None = 0,
    /// <summary>Body-properties bit 14 (2019) is set but the frame length only fits a 2013 header; decoded as 2013.</summary>
    VersionFlagWith2013Header = 1u << 0,
    /// <summary>The header phone contains a nibble above 9.</summary>
    InvalidPhoneBcd = 1u << 1,
    /// <summary>The check code did not match (only reported when the reader accepts bad check codes).</summary>
    BadCheckCode = 1u << 2,
    /// <summary>The body length in the header differs from the bytes present (only when the reader accepts it); the body is the bytes present.</summary>
    BodyLengthMismatch = 1u << 3,
    /// <summary>A BCD time is not a valid date and time; the time is reported as null.</summary>
    InvalidTime = 1u << 4,
    /// <summary>Latitude above 90 degrees.</summary>
    LatitudeOutOfRange = 1u << 5,
    /// <summary>Longitude above 180 degrees.</summary>
    LongitudeOutOfRange = 1u << 6,
    /// <summary>An additional item's declared length runs past the end of the body; decoding stopped at the body end.</summary>
    AdditionalItemOverrun = 1u << 7,
    /// <summary>A standard additional item had a length other than the standard one; the item was skipped.</summary>
    AdditionalItemBadLength = 1u << 8,
    /// <summary>An additional item ID occurred more than once; the last occurrence wins.</summary>
    DuplicateAdditionalItem = 1u << 9,
    /// <summary>A 0x0704 item's length runs past the end of the body; decoding stopped.</summary>
    BatchItemOverrun = 1u << 10,
    /// <summary>The number of 0x0704 items decoded differs from the count field.</summary>
    BatchCountMismatch = 1u << 11,
    /// <summary>A 0x0704 item is shorter than the 28-byte basic location; it was skipped.</summary>
    BatchItemTooShort = 1u << 12,
    /// <summary>The body has bytes after the last field the layout defines; they were ignored.</summary>
    TrailingBytes = 1u << 13,
    /// <summary>A field was cut short by the end of the body; the part present was decoded.</summary>
    FieldTruncated = 1u << 14,
}
