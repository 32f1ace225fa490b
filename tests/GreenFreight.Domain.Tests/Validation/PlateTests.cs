using GreenFreight.Domain.Validation;

namespace GreenFreight.Domain.Tests.Validation;

public class PlateTests
{
    [Theory]
    [InlineData("鲁C12345")]
    [InlineData("鲁CA1234")]
    [InlineData("鲁C1A2B3")]
    [InlineData("鲁CXY123")]
    [InlineData("鲁CABCDE")]
    [InlineData("鲁C0000D")] // ordinary: a D at the end of 5 characters is just a letter
    [InlineData("鲁CD1234")] // ordinary: 7 characters, D first
    [InlineData("京A88888")]
    [InlineData("沪B12345")]
    [InlineData("琼A12345")]
    [InlineData("藏A12345")]
    [InlineData("蒙K12345")]
    [InlineData("鲁Z12345")]
    public void Ordinary(string plate)
    {
        Assert.Equal(PlateKind.Ordinary, Plate.Classify(plate));
        Assert.Null(Plate.Validate(plate));
    }

    [Theory]
    [InlineData("鲁CD12345")]
    [InlineData("鲁CF12345")]
    [InlineData("鲁CDA1234")]
    [InlineData("鲁CFB0000")]
    [InlineData("鲁CD00001")]
    [InlineData("粤BD12345")]
    [InlineData("京AFZ9999")]
    public void New_energy_small(string plate)
    {
        Assert.Equal(PlateKind.NewEnergySmall, Plate.Classify(plate));
        Assert.Null(Plate.Validate(plate));
    }

    [Theory]
    [InlineData("鲁C12345D")]
    [InlineData("鲁C12345F")]
    [InlineData("京A00001D")]
    [InlineData("川A99999F")]
    public void New_energy_large(string plate)
    {
        Assert.Equal(PlateKind.NewEnergyLarge, Plate.Classify(plate));
        Assert.Null(Plate.Validate(plate));
    }

    [Theory]
    [InlineData("鲁C1234挂")]
    [InlineData("鲁CA123挂")]
    [InlineData("鲁C1234学")]
    [InlineData("鲁C0001警")]
    [InlineData("鲁CA123警")]
    public void Trailer_coach_and_police(string plate)
    {
        Assert.Equal(PlateKind.Other, Plate.Classify(plate));
        Assert.Null(Plate.Validate(plate));
    }

    [Theory]
    [InlineData("鲁C·D12345", "鲁CD12345")]
    [InlineData(" 鲁c d12345 ", "鲁CD12345")]
    [InlineData("鲁C 12345", "鲁C12345")]
    [InlineData("鲁 C · 1 2 3 4 5", "鲁C12345")]
    [InlineData("鲁C-12345", "鲁C12345")]
    [InlineData("鲁C•12345", "鲁C12345")]
    [InlineData("鲁C・12345", "鲁C12345")]
    [InlineData("鲁Ｃ１２３４５", "鲁C12345")]
    [InlineData("鲁c12345d", "鲁C12345D")]
    [InlineData("\u3000鲁C1234挂\u3000", "鲁C1234挂")]
    [InlineData("鲁ca1234", "鲁CA1234")]
    public void Normalize(string input, string expected)
    {
        Assert.Equal(expected, Plate.Normalize(input));
        Assert.Null(Plate.Validate(input));
        Assert.NotEqual(PlateKind.Invalid, Plate.Classify(input));
    }

    [Fact]
    public void Normalize_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => Plate.Normalize(null!));

    [Fact]
    public void Every_province_is_accepted()
    {
        Assert.Equal(31, Plate.Provinces.Length);
        Assert.Equal(31, Plate.Provinces.Distinct().Count());
        foreach (var p in Plate.Provinces)
        {
            Assert.Null(Plate.Validate(p + "A12345"));
            Assert.Null(Plate.Validate(p + "BD12345"));
        }
    }

    [Fact]
    public void Every_authority_letter_except_I_and_O_is_accepted()
    {
        for (var c = 'A'; c <= 'Z'; c++)
        {
            var kind = Plate.Classify("鲁" + c + "12345");
            Assert.Equal(c is 'I' or 'O' ? PlateKind.Invalid : PlateKind.Ordinary, kind);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("·")]
    [InlineData(" - ")]
    [InlineData("\u3000")]
    public void Required(string? plate)
    {
        var error = Plate.Validate(plate);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.PlateRequired, error.Key);
        Assert.Equal(PlateKind.Invalid, Plate.Classify(plate));
    }

    [Theory]
    [InlineData("AC12345", "A")]
    [InlineData("1C12345", "1")]
    [InlineData("港C12345", "港")]
    [InlineData("台A12345", "台")]
    [InlineData("使123456", "使")]
    [InlineData("WJ12345", "W")]
    [InlineData("山C12345", "山")] // 鲁 is the abbreviation of Shandong, not 山
    [InlineData("𠀀C12345", "𠀀")] // a supplementary-plane character is reported whole
    public void Unknown_province(string plate, string first)
    {
        var error = Plate.Validate(plate);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.PlateProvince, error.Key);
        Assert.Equal([first], error.Args);
        Assert.Equal(PlateKind.Invalid, Plate.Classify(plate));
    }

    [Theory]
    [InlineData("鲁")]
    [InlineData("鲁C")]
    [InlineData("鲁C1234")] // too short
    [InlineData("鲁C123456")] // 6 digits: neither ordinary nor new-energy
    [InlineData("鲁C1234567")]
    [InlineData("鲁I12345")] // authority letters exclude I and O
    [InlineData("鲁O12345")]
    [InlineData("鲁112345")] // authority must be a letter
    [InlineData("鲁鲁12345")]
    [InlineData("鲁CI1234")] // serial letters exclude I and O
    [InlineData("鲁C12O45")]
    [InlineData("鲁C1234_")]
    [InlineData("鲁C1234鲁")]
    [InlineData("鲁CA12345")] // 8 characters: small NEV must start with D or F
    [InlineData("鲁CF1A234")] // small NEV: last four must be digits
    [InlineData("鲁CDI1234")] // small NEV: no I
    [InlineData("鲁CD1234A")]
    [InlineData("鲁C1234AD")] // large NEV: five digits before D/F
    [InlineData("鲁C12345A")] // large NEV: must end with D or F
    [InlineData("鲁CD123456")]
    [InlineData("鲁C123挂")] // trailer: four characters before 挂
    [InlineData("鲁C12345挂")]
    [InlineData("鲁CI123挂")]
    [InlineData("鲁C1234港")] // not an accepted suffix
    [InlineData("鲁C挂1234")]
    public void Bad_format(string plate)
    {
        var error = Plate.Validate(plate);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.PlateFormat, error.Key);
        Assert.Empty(error.Args);
        Assert.Equal(PlateKind.Invalid, Plate.Classify(plate));
    }

    [Fact]
    public void Validate_accepts_exactly_what_classify_recognises()
    {
        var rng = new Random(362018);
        const string pool = "0123456789ABCDFGHIJKLOXYZ挂学警鲁京·";
        for (var n = 0; n < 5000; n++)
        {
            var chars = new char[rng.Next(0, 10)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = pool[rng.Next(pool.Length)];
            var plate = (rng.Next(2) == 0 ? "鲁C" : "") + new string(chars);
            Assert.Equal(Plate.Classify(plate) != PlateKind.Invalid, Plate.Validate(plate) is null);
        }
    }
}
