namespace GreenFreight.Jt808;

/// <summary>Limits and leniency of <see cref="Jt808FrameReader"/>. Strict by default.</summary>
public sealed class Jt808FrameReaderOptions
{
    /// <summary>Largest legitimate un-escaped frame: 21-byte header (2019, subpackage) + 1023-byte body + check code.</summary>
    public const int DefaultMaxFrameLength = 21 + 1023 + 1;

    private readonly int _maxFrameLength = DefaultMaxFrameLength;

    /// <summary>The default, strict options.</summary>
    public static Jt808FrameReaderOptions Default { get; } = new();

    /// <summary>Options that accept bad check codes and body-length mismatches, reporting them as warnings.</summary>
    public static Jt808FrameReaderOptions Lenient { get; } = new() { AcceptBadCheckCode = true, AcceptBodyLengthMismatch = true };

    /// <summary>
    /// Maximum un-escaped length between the delimiters (header, body, check code). Longer frames, and escaped
    /// runs longer than twice this without a delimiter, are reported as <see cref="Jt808FrameStatus.TooLong"/> and skipped.
    /// </summary>
    public int MaxFrameLength
    {
        get => _maxFrameLength;
        init => _maxFrameLength = value is >= 13 and <= 1 << 20 ? value : throw new ArgumentOutOfRangeException(nameof(value), "13 to 1 MiB.");
    }

    /// <summary>Decode frames whose check code does not match, with warning <see cref="Jt808Warnings.BadCheckCode"/>.</summary>
    public bool AcceptBadCheckCode { get; init; }

    /// <summary>
    /// Decode frames whose body length field does not match the bytes present, with warning
    /// <see cref="Jt808Warnings.BodyLengthMismatch"/>; the body is then the bytes present.
    /// </summary>
    public bool AcceptBodyLengthMismatch { get; init; }
}
