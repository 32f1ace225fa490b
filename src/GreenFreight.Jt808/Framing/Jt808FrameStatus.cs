namespace GreenFreight.Jt808;

/// <summary>Outcome of reading one frame. Anything but <see cref="Ok"/> means the frame must not be processed.</summary>
public enum Jt808FrameStatus : byte
{
    /// <summary>Well-formed frame (possibly with warnings).</summary>
    Ok = 0,
    /// <summary>0x7D followed by something other than 0x01 or 0x02 (or by the end delimiter).</summary>
    InvalidEscape,
    /// <summary>Fewer bytes than the smallest header plus check code.</summary>
    TooShort,
    /// <summary>The body length in the header does not match the bytes present (for either header layout).</summary>
    BodyLengthMismatch,
    /// <summary>The XOR check code does not match. Header and body are still available for diagnostics.</summary>
    BadCheckCode,
    /// <summary>Longer than <see cref="Jt808FrameReaderOptions.MaxFrameLength"/>; the bytes were skipped.</summary>
    TooLong,
    /// <summary>Single-frame decoding only: the input is not <c>7E … 7E</c>.</summary>
    Incomplete,
}
