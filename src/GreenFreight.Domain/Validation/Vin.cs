namespace GreenFreight.Domain.Validation;

/// <summary>
/// Vehicle identification number, ISO 3779 / GB 16735. In China the check digit at position 9 is
/// mandatory, so <see cref="Validate"/> always verifies it.
/// </summary>
/// <remarks>
/// The check digit detects every single-character substitution that changes the transliterated value
/// of a character; substitutions between characters with the same value (e.g. A, J and 1) cannot be
/// detected by any ISO 3779 check digit.
/// </remarks>
public static class Vin
{
    /// <summary>VIN length.</summary>
    public const int Length = 17;

    /// <summary>1-based position of the check digit.</summary>
    public const int CheckPosition = 9;

    static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Trims, maps full-width characters to ASCII and upper-cases letters.</summary>
    public static string Normalize(string value) => InputText.Normalize(value);

    /// <summary>
    /// ISO 3779 transliteration value of an allowed character (digits as themselves, A-H = 1-8,
    /// J-N = 1-5, P = 7, R = 9, S-Z = 2-9), or -1 for anything else, including I, O and Q.
    /// </summary>
    public static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 1,
        >= 'J' and <= 'N' => c - 'J' + 1,
        'P' => 7,
        'R' => 9,
        >= 'S' and <= 'Z' => c - 'S' + 2,
        _ => -1,
    };

    /// <summary>
    /// Validates a VIN (after <see cref="Normalize"/>). Returns <c>null</c> when valid, otherwise the first
    /// error found, checked in this order: required, length, charset, check.
    /// </summary>
    public static FieldError? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return new FieldError(ValidationKeys.VinRequired);
        var vin = Normalize(value);
        if (vin.Length != Length)
            return new FieldError(ValidationKeys.VinLength, vin.Length);
        for (var i = 0; i < vin.Length; i++)
        {
            if (ValueOf(vin[i]) < 0)
                return new FieldError(ValidationKeys.VinCharset, vin[i].ToString(), i + 1);
        }
        var expected = ComputeCheckDigit(vin);
        if (vin[CheckPosition - 1] != expected)
            return new FieldError(ValidationKeys.VinCheck, expected.ToString());
        return null;
    }

    /// <summary><c>true</c> when <see cref="Validate"/> finds no error.</summary>
    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>
    /// Check digit for position 9 of a 17-character VIN (upper-case; whatever stands at position 9 is
    /// ignored, its weight is 0): Σ value·weight mod 11, with 10 written as <c>X</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Not 17 characters, or a character that a VIN may not use.</exception>
    public static char ComputeCheckDigit(ReadOnlySpan<char> vin)
    {
        if (vin.Length != Length)
            throw new ArgumentException($"Expected {Length} characters, got {vin.Length}.", nameof(vin));
        var sum = 0;
        for (var i = 0; i < vin.Length; i++)
        {
            if (i == CheckPosition - 1)
                continue;
            var v = ValueOf(vin[i]);
            if (v < 0)
                throw new ArgumentException($"Character '{vin[i]}' at position {i + 1} is not allowed in a VIN.", nameof(vin));
            sum += v * Weights[i];
        }
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }
}
