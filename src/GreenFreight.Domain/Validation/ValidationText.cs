using System.Globalization;
using System.Resources;

namespace GreenFreight.Domain.Validation;

/// <summary>
/// Human texts of the validation error keys, from <c>ValidationText.resx</c> (neutral, zh-CN) and
/// <c>ValidationText.en.resx</c> (English).
/// </summary>
public static class ValidationText
{
    /// <summary>Manifest base name of the resources.</summary>
    public const string BaseName = "GreenFreight.Domain.Validation.ValidationText";

    /// <summary>The resource manager over the neutral resources and their satellites.</summary>
    public static ResourceManager ResourceManager { get; } = new(BaseName, typeof(ValidationText).Assembly);

    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="culture"/> (falling back to Chinese), formatted
    /// with <paramref name="args"/>. An unknown key is returned as it is.
    /// </summary>
    public static string Get(string key, CultureInfo culture, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(culture);
        var template = ResourceManager.GetString(key, culture);
        if (template is null)
            return key;
        return args is { Length: > 0 } ? string.Format(culture, template, args) : template;
    }

    /// <summary>The text of a <see cref="FieldError"/> in <paramref name="culture"/>.</summary>
    public static string Get(FieldError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Get(error.Key, culture, error.Args);
    }
}
