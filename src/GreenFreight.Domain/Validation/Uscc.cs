namespace GreenFreight.Domain.Validation;

/// <summary>
/// Unified social credit code (统一社会信用代码) of a legal person or other organisation, GB 32100-2015.
/// </summary>
/// <remarks>
/// <para>Structure (1-based positions): 1 registration-authority code, 2 organisation category,
/// 3-8 administrative division code of the registering authority (GB/T 2260, digits),
/// 9-17 organisation code (GB 11714), 18 check character (ISO 7064 MOD 31-3 style, GB/T 17710).</para>
/// <para>Only the GB 32100 check character of position 18 is verified. The GB 11714 check character
/// inside positions 9-17 is deliberately not verified (it is not needed to validate a code and the
/// check of position 18 already covers those positions). Position 2 is only charset-checked,
/// since the category tables depend on the authority and have been extended over time.</para>
/// </remarks>
public static class Uscc
{
    /// <summary>Code length.</summary>
    public const int Length = 18;

    /// <summary>The 31 characters a code may use, in value order (no I, O, S, V, Z).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Registration-authority codes of position 1: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政,
    /// 6 旅游, 7 宗教, 8 工会, 9 工商/市场监管, A 中央军委改革和编制办公室, N 农业, Y 其他.</summary>
    public const string AuthorityCodes = "123456789ANY";

    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trims, maps full-width characters to ASCII and upper-cases letters.</summary>
    public static string Normalize(string value) => InputText.Normalize(value);

    /// <summary>Value of a character in <see cref="Alphabet"/>, or -1.</summary>
    public static int ValueOf(char c) => Alphabet.IndexOf(c);

    /// <summary>
    /// Validates a code (after <see cref="Normalize"/>). Returns <c>null</c> when valid, otherwise the first
    /// error found, checked in this order: required, length, charset, authority, division, check.
    /// </summary>
    public static FieldError? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return new FieldError(ValidationKeys.UsccRequired);
        var code = Normalize(value);
        if (code.Length != Length)
            return new FieldError(ValidationKeys.UsccLength, code.Length);
        for (var i = 0; i < code.Length; i++)
        {
            if (ValueOf(code[i]) < 0)
                return new FieldError(ValidationKeys.UsccCharset, code[i].ToString(), i + 1);
        }
        if (!AuthorityCodes.Contains(code[0]))
            return new FieldError(ValidationKeys.UsccAuthority, code[0].ToString());
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
                return new FieldError(ValidationKeys.UsccDivision, code[2..8]);
        }
        var expected = ComputeCheckCharacter(code.AsSpan(0, Length - 1));
        if (code[Length - 1] != expected)
            return new FieldError(ValidationKeys.UsccCheck, expected.ToString());
        return null;
    }

    /// <summary><c>true</c> when <see cref="Validate"/> finds no error.</summary>
    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>
    /// GB 32100 check character for the first 17 characters (upper-case, from <see cref="Alphabet"/>):
    /// C18 = 31 − (Σ value(Ci)·Wi mod 31), with 31 written as 0.
    /// </summary>
    /// <exception cref="ArgumentException">Not 17 characters, or a character outside <see cref="Alphabet"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
            throw new ArgumentException($"Expected {Length - 1} characters, got {first17.Length}.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var v = ValueOf(first17[i]);
            if (v < 0)
                throw new ArgumentException($"Character '{first17[i]}' at position {i + 1} is not allowed in a USCC.", nameof(first17));
            sum += v * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }
}
