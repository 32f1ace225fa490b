using System.Globalization;
using System.Resources;

namespace GreenFreight.Server.Infrastructure;

/// <summary>
/// Resource text in Chinese (zh-CN, the neutral language) and English, chosen by the current UI culture
/// (request localization: <c>Accept-Language</c> or the culture cookie; zh-CN by default).
/// </summary>
public sealed class Localizer
{
    static readonly ResourceManager Text = new("GreenFreight.Server.Resources.Text", typeof(Localizer).Assembly);

    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public string this[string key] => Get(key, CultureInfo.CurrentUICulture);

    public string this[string key, params object?[] args] =>
        Format(Get(key, CultureInfo.CurrentUICulture), args.Select(a => a is System.Enum e ? Enum(e) : a).ToArray());

    public string In(CultureInfo culture, string key, params object?[] args) => Format(Get(key, culture), args);

    public static string Get(string key, CultureInfo culture) =>
        Text.GetString(key, culture) ?? Domain.Validation.ValidationText.Get(key, culture);

    static string Format(string text, object?[] args) =>
        args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Label of an enum value, e.g. <c>VehicleClass.LightTruck</c> → 轻型货车.</summary>
    public string Enum<T>(T value) where T : struct, System.Enum => this[$"{typeof(T).Name}.{value}"];

    public string Enum(System.Enum value) => this[$"{value.GetType().Name}.{value}"];
}
