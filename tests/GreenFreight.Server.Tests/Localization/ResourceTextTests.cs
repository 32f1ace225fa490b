using System.Globalization;
using System.Text.RegularExpressions;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Localization;

/// <summary>Every text key the UI and the API use exists in Chinese and in English.</summary>
public sealed partial class ResourceTextTests
{
    [GeneratedRegex("""L\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex KeyUse();

    static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "GreenFreight.Server"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    public static TheoryData<string> UsedKeys()
    {
        var data = new TheoryData<string>();
        foreach (var key in SourceFiles().SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().Order())
            data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(UsedKeys))]
    public void Used_key_has_chinese_and_english_text(string key)
    {
        var zh = Localizer.Get(key, Localizer.Chinese);
        var en = Localizer.Get(key, Localizer.English);
        Assert.NotEqual(key, zh);
        Assert.NotEqual(key, en);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|^[A-Z0-9 ]+$|^[\d\s:%.]+$", zh);
    }

    [Fact]
    public void Every_registry_enum_value_has_a_label_in_both_languages()
    {
        var enums = typeof(GreenFreight.Domain.Registry.Vehicle).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == "GreenFreight.Domain.Registry");
        foreach (var t in enums)
        foreach (var name in Enum.GetNames(t))
        {
            var key = $"{t.Name}.{name}";
            Assert.NotEqual(key, Localizer.Get(key, Localizer.Chinese));
            Assert.NotEqual(key, Localizer.Get(key, Localizer.English));
        }
    }

    [Fact]
    public void Chinese_is_the_default_and_english_is_chosen_by_culture()
    {
        Assert.Equal("车牌号", Localizer.Get("col.vehicle.plate", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Plate", Localizer.Get("col.vehicle.plate", CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal("车牌号", Localizer.Get("col.vehicle.plate", CultureInfo.InvariantCulture));
    }
}
