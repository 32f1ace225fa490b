using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using GreenFreight.Domain.Validation;

namespace GreenFreight.Domain.Tests.Validation;

public class ValidationTextTests
{
    static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void Resources_are_embedded_under_the_expected_manifest_name()
    {
        var assembly = typeof(ValidationText).Assembly;
        Assert.Contains("GreenFreight.Domain.Validation.ValidationText.resources", assembly.GetManifestResourceNames());
        Assert.Equal("zh-CN", assembly.GetCustomAttribute<NeutralResourcesLanguageAttribute>()?.CultureName);
    }

    [Fact]
    public void English_satellite_assembly_is_deployed()
    {
        var satellite = typeof(ValidationText).Assembly.GetSatelliteAssembly(En);
        Assert.Contains("GreenFreight.Domain.Validation.ValidationText.en.resources", satellite.GetManifestResourceNames());
    }

    [Theory]
    [InlineData("uscc.check", "统一社会信用代码校验位错误，应为“B”", "The check character of the unified social credit code is wrong; it should be 'B'.", "B")]
    [InlineData("vin.check", "车辆识别代号第9位校验位错误，应为“X”", "The check digit (position 9) of the VIN is wrong; it should be 'X'.", "X")]
    [InlineData("plate.required", "请填写车牌号码", "The plate number is required.")]
    public void Get_returns_Chinese_for_zh_CN_and_English_for_en(string key, string zh, string en, params object[] args)
    {
        Assert.Equal(zh, ValidationText.Get(key, Zh, args));
        Assert.Equal(en, ValidationText.Get(key, En, args));
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh", true)]
    [InlineData("fr-FR", true)] // no French resources: falls back to the neutral (Chinese) text
    [InlineData("", true)] // invariant culture
    [InlineData("en", false)]
    [InlineData("en-US", false)]
    [InlineData("en-GB", false)]
    public void Culture_fallback(string culture, bool chinese)
    {
        var text = ValidationText.Get(ValidationKeys.UsccRequired, CultureInfo.GetCultureInfo(culture));
        Assert.Equal(chinese ? "请填写统一社会信用代码" : "The unified social credit code is required.", text);
    }

    static HashSet<string> KeysOf(CultureInfo culture)
    {
        var set = ValidationText.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
    }

    [Fact]
    public void Both_languages_have_exactly_the_known_keys()
    {
        Assert.Equal(ValidationKeys.All.ToHashSet(), KeysOf(CultureInfo.InvariantCulture));
        Assert.Equal(ValidationKeys.All.ToHashSet(), KeysOf(En));
        Assert.Equal(ValidationKeys.All.Count, ValidationKeys.All.Distinct().Count());
    }

    [Fact]
    public void Chinese_and_English_texts_differ_and_are_in_the_right_script()
    {
        foreach (var key in ValidationKeys.All)
        {
            var zh = ValidationText.Get(key, Zh, "A", 1);
            var en = ValidationText.Get(key, En, "A", 1);
            Assert.NotEqual(zh, en);
            Assert.Contains(zh, c => c >= '\u4E00' && c <= '\u9FFF');
            Assert.Matches("^['A-Z]", en);
            Assert.Contains(en, char.IsAsciiLetterLower);
        }
    }

    [Fact]
    public void Unknown_key_is_returned_unchanged() =>
        Assert.Equal("no.such.key", ValidationText.Get("no.such.key", Zh));

    [Fact]
    public void Get_checks_its_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => ValidationText.Get((string)null!, Zh));
        Assert.Throws<ArgumentNullException>(() => ValidationText.Get(ValidationKeys.VinCheck, null!));
        Assert.Throws<ArgumentNullException>(() => ValidationText.Get((FieldError)null!, Zh));
    }

    // One input per error key, so that every key is shown to be reachable.
    public static TheoryData<string, string?, string> Reachable => new()
    {
        { "uscc", null, ValidationKeys.UsccRequired },
        { "uscc", "9111000080210043", ValidationKeys.UsccLength },
        { "uscc", "9111000080210O433B", ValidationKeys.UsccCharset },
        { "uscc", "B1370305MA3C4K7L1Q", ValidationKeys.UsccAuthority },
        { "uscc", "91A70305MA3C4K7L1Q", ValidationKeys.UsccDivision },
        { "uscc", "91110000802100433A", ValidationKeys.UsccCheck },
        { "vin", "", ValidationKeys.VinRequired },
        { "vin", "1M8GDM9AXKP04278", ValidationKeys.VinLength },
        { "vin", "1M8GDM9AXKP04278Q", ValidationKeys.VinCharset },
        { "vin", "1M8GDM9A1KP042788", ValidationKeys.VinCheck },
        { "plate", " ", ValidationKeys.PlateRequired },
        { "plate", "AC12345", ValidationKeys.PlateProvince },
        { "plate", "鲁C1234", ValidationKeys.PlateFormat },
    };

    static FieldError? Run(string validator, string? input) => validator switch
    {
        "uscc" => Uscc.Validate(input),
        "vin" => Vin.Validate(input),
        "plate" => Plate.Validate(input),
        _ => throw new ArgumentOutOfRangeException(nameof(validator)),
    };

    [Theory]
    [MemberData(nameof(Reachable))]
    public void Every_key_is_reachable_and_its_text_formats(string validator, string? input, string key)
    {
        var error = Run(validator, input);
        Assert.NotNull(error);
        Assert.Equal(key, error.Key);
        foreach (var culture in new[] { Zh, En })
        {
            var text = ValidationText.Get(error, culture);
            Assert.NotEqual(key, text);
            Assert.DoesNotContain("{", text); // every placeholder was filled
            foreach (var arg in error.Args)
                Assert.Contains(Convert.ToString(arg, CultureInfo.InvariantCulture)!, text);
        }
    }

    [Fact]
    public void Reachability_data_covers_every_key() =>
        Assert.Equal(ValidationKeys.All.ToHashSet(), Reachable.Select(row => (string)row[2]).ToHashSet());

    [Theory]
    [InlineData("91110000802100433A", "统一社会信用代码校验位错误，应为“B”")]
    [InlineData("9111000080210043", "统一社会信用代码应为18位，当前为16位")]
    [InlineData("9111000080210O433B", "统一社会信用代码第14位的字符“O”无效（只能使用数字和除I、O、S、V、Z以外的大写字母）")]
    public void Uscc_messages_in_Chinese(string input, string text) =>
        Assert.Equal(text, ValidationText.Get(Uscc.Validate(input)!, Zh));

    [Theory]
    [InlineData("1M8GDM9A1KP042788", "The check digit (position 9) of the VIN is wrong; it should be 'X'.")]
    [InlineData("1M8GDM9AXKP04278Q", "Character 'Q' at position 17 of the VIN is not allowed (digits and capital letters except I, O, Q only).")]
    [InlineData("1M8GDM9AXKP04278", "The VIN must have 17 characters, not 16.")]
    public void Vin_messages_in_English(string input, string text) =>
        Assert.Equal(text, ValidationText.Get(Vin.Validate(input)!, En));

    [Fact]
    public void Field_error_to_string_shows_key_and_arguments()
    {
        Assert.Equal("uscc.check(B)", new FieldError(ValidationKeys.UsccCheck, "B").ToString());
        Assert.Equal("uscc.required", new FieldError(ValidationKeys.UsccRequired).ToString());
    }
}
