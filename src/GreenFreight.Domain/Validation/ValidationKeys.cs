namespace GreenFreight.Domain.Validation;

/// <summary>Error keys returned by the field validators; each has a text in <c>ValidationText*.resx</c>.</summary>
public static class ValidationKeys
{
    /// <summary>Empty or whitespace.</summary>
    public const string UsccRequired = "uscc.required";
    /// <summary>Not 18 characters. Args: actual length.</summary>
    public const string UsccLength = "uscc.length";
    /// <summary>A character outside <c>0-9A-HJ-NPQRTUWXY</c>. Args: the character, its 1-based position.</summary>
    public const string UsccCharset = "uscc.charset";
    /// <summary>Position 1 is not a registration-authority code (1-9, A, N, Y). Args: the character.</summary>
    public const string UsccAuthority = "uscc.authority";
    /// <summary>Positions 3-8 (administrative division code) are not six digits. Args: the six characters.</summary>
    public const string UsccDivision = "uscc.division";
    /// <summary>Position 18 is not the GB 32100 check character. Args: the expected character.</summary>
    public const string UsccCheck = "uscc.check";

    /// <summary>Empty or whitespace.</summary>
    public const string VinRequired = "vin.required";
    /// <summary>Not 17 characters. Args: actual length.</summary>
    public const string VinLength = "vin.length";
    /// <summary>A character other than A-Z/0-9, or one of I, O, Q. Args: the character, its 1-based position.</summary>
    public const string VinCharset = "vin.charset";
    /// <summary>Position 9 is not the ISO 3779 check digit. Args: the expected character.</summary>
    public const string VinCheck = "vin.check";

    /// <summary>Empty or whitespace.</summary>
    public const string PlateRequired = "plate.required";
    /// <summary>First character is not a province abbreviation. Args: the character.</summary>
    public const string PlateProvince = "plate.province";
    /// <summary>Not an ordinary, new-energy, trailer, coach or police plate number.</summary>
    public const string PlateFormat = "plate.format";

    /// <summary>Every key above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UsccRequired, UsccLength, UsccCharset, UsccAuthority, UsccDivision, UsccCheck,
        VinRequired, VinLength, VinCharset, VinCheck,
        PlateRequired, PlateProvince, PlateFormat,
    ];
}
