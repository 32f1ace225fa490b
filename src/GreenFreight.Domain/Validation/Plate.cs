namespace GreenFreight.Domain.Validation;

/// <summary>
/// Mainland China motor vehicle plate numbers (GA 36-2018). Zibo plates are 鲁C.
/// </summary>
/// <remarks>
/// Accepted forms (province abbreviation + issuing-authority letter A-Z without I and O, then):
/// <list type="bullet">
/// <item>ordinary: 5 letters/digits (letters without I and O), 7 characters in all;</item>
/// <item>small new-energy: D (battery electric) or F (other new energy), a letter or digit, 4 digits, 8 in all;</item>
/// <item>large new-energy: 5 digits, then D or F, 8 in all;</item>
/// <item>trailer, coach and police: 4 letters/digits, then 挂, 学 or 警, 7 in all.</item>
/// </list>
/// Other special plates (embassy 使/领, Hong Kong/Macao 港/澳, emergency 应急, military) are not accepted.
/// </remarks>
public static class Plate
{
    /// <summary>Province-level abbreviations that start a plate number.</summary>
    public const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    /// <summary>Suffixes of the <see cref="PlateKind.Other"/> plates: trailer, coach, police.</summary>
    public const string OtherSuffixes = "挂学警";

    /// <summary>
    /// Trims, removes spaces and separators (middle dots ·•・‧∙, hyphens), maps full-width characters to ASCII
    /// and upper-cases letters: <c>" 鲁c·d12345 "</c> → <c>"鲁CD12345"</c>.
    /// </summary>
    public static string Normalize(string value) => InputText.Normalize(value, IsSeparator);

    static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '\u00B7' or '\u2022' or '\u2027' or '\u2219' or '\u30FB' or '\uFF65' or '-' or '\u2010' or '\u2011' or '\u2013';

    /// <summary>A letter (A-Z without I and O) or a digit, as used in plate serials.</summary>
    static bool IsSerialChar(char c) => char.IsAsciiDigit(c) || IsLetter(c);

    /// <summary>Upper-case ASCII letter other than I and O.</summary>
    static bool IsLetter(char c) => c is >= 'A' and <= 'Z' and not 'I' and not 'O';

    static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c))
                return false;
        return true;
    }

    static bool AllSerial(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!IsSerialChar(c))
                return false;
        return true;
    }

    /// <summary>Kind of a plate number (normalised first); <see cref="PlateKind.Invalid"/> when it is not one.</summary>
    public static PlateKind Classify(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return PlateKind.Invalid;
        return ClassifyNormalized(Normalize(value));
    }

    static PlateKind ClassifyNormalized(string plate)
    {
        if (plate.Length < 7 || !Provinces.Contains(plate[0]) || !IsLetter(plate[1]))
            return PlateKind.Invalid;
        var serial = plate.AsSpan(2);
        switch (serial.Length)
        {
            case 5 when AllSerial(serial):
                return PlateKind.Ordinary;
            case 5 when OtherSuffixes.Contains(serial[4]) && AllSerial(serial[..4]):
                return PlateKind.Other;
            case 6 when (serial[0] is 'D' or 'F') && IsSerialChar(serial[1]) && AllDigits(serial[2..]):
                return PlateKind.NewEnergySmall;
            case 6 when (serial[5] is 'D' or 'F') && AllDigits(serial[..5]):
                return PlateKind.NewEnergyLarge;
            default:
                return PlateKind.Invalid;
        }
    }

    /// <summary>
    /// Validates a plate number (after <see cref="Normalize"/>). Returns <c>null</c> when it is of a kind
    /// other than <see cref="PlateKind.Invalid"/>, otherwise <c>plate.required</c>, <c>plate.province</c>
    /// (first character not a province abbreviation) or <c>plate.format</c>.
    /// </summary>
    public static FieldError? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return new FieldError(ValidationKeys.PlateRequired);
        var plate = Normalize(value);
        if (plate.Length == 0)
            return new FieldError(ValidationKeys.PlateRequired);
        if (!Provinces.Contains(plate[0]))
            return new FieldError(ValidationKeys.PlateProvince, char.IsHighSurrogate(plate[0]) && plate.Length > 1 ? plate[..2] : plate[..1]);
        return ClassifyNormalized(plate) == PlateKind.Invalid ? new FieldError(ValidationKeys.PlateFormat) : null;
    }

    /// <summary><c>true</c> when <see cref="Validate"/> finds no error.</summary>
    public static bool IsValid(string? value) => Validate(value) is null;
}
