namespace GreenFreight.Domain.Validation;

/// <summary>Kind of a mainland China motor vehicle plate number, as told by its characters.</summary>
public enum PlateKind
{
    /// <summary>Not a plate number this system accepts.</summary>
    Invalid,
    /// <summary>Ordinary (blue or yellow) plate: province, authority letter, 5 letters/digits, e.g. 鲁C12345.</summary>
    Ordinary,
    /// <summary>Small new-energy plate: province, authority letter, D/F, letter or digit, 4 digits, e.g. 鲁CD12345.</summary>
    NewEnergySmall,
    /// <summary>Large new-energy plate: province, authority letter, 5 digits, D/F, e.g. 鲁C12345D.</summary>
    NewEnergyLarge,
    /// <summary>Trailer (挂), coach (学) or police (警) plate: province, authority letter, 4 letters/digits, suffix.</summary>
    Other,
}
