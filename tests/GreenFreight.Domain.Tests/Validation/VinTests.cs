using GreenFreight.Domain.Validation;

namespace GreenFreight.Domain.Tests.Validation;

public class VinTests
{
    const string Allowed = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    // Widely published VINs (1M8GDM9AXKP042788 is the textbook ISO 3779 / 49 CFR 565 example, with an X
    // check digit); each one was checked independently against the algorithm.
    public static readonly string[] PublishedVins =
    [
        "1M8GDM9AXKP042788",
        "11111111111111111",
        "1HGCM82633A004352",
        "JHMCM56557C404453",
        "LSVAM4187C2184847",
        "LSGPC52U6AF102554",
        "LVSHCAMB1CE054249",
    ];

    // Constructed Chinese-style VINs (WMIs of Chinese makers, not real vehicles) whose check digits were
    // computed with an independent implementation.
    public static readonly string[] ConstructedVins =
    [
        "LZZ1CLVB9HW123456",
        "LGAX2A137L1000001",
        "LS5A3ABE5KB000123",
        "LFWSRXRJ1N1E00001",
        "LRDS6PEB4MR000777",
        "LBVFR3106ESA00001",
    ];

    static IEnumerable<string> AllVins => PublishedVins.Concat(ConstructedVins);

    public static TheoryData<string> AllValidVins()
    {
        var data = new TheoryData<string>();
        foreach (var v in AllVins)
            data.Add(v);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllValidVins))]
    public void Valid_vins_pass(string vin)
    {
        Assert.Null(Vin.Validate(vin));
        Assert.True(Vin.IsValid(vin));
    }

    [Theory]
    [MemberData(nameof(AllValidVins))]
    public void Compute_check_digit_reproduces_position_9(string vin) =>
        Assert.Equal(vin[8], Vin.ComputeCheckDigit(vin));

    [Theory]
    [InlineData("1M8GDM9A1KP042788", "X")]
    [InlineData("1M8GDM9A0KP042788", "X")]
    [InlineData("LSVAM4180C2184847", "7")]
    [InlineData("LSVAM418XC2184847", "7")]
    [InlineData("LSVAM4187C2184848", "9")] // last character changed
    [InlineData("11111111211111111", "1")]
    [InlineData("1HGCM82643A004352", "3")]
    [InlineData("LZZ1CLVBAHW123456", "9")] // a letter other than X at position 9
    [InlineData("WP0ZZZ99ZTS392124", "8")] // European VIN without a check digit: rejected (mandatory in China)
    public void Wrong_check_digit_reports_expected(string vin, string expected)
    {
        var error = Vin.Validate(vin);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.VinCheck, error.Key);
        Assert.Equal([expected], error.Args);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1M8GDM9AXKP04278", 16)]
    [InlineData("1M8GDM9AXKP0427888", 18)]
    [InlineData("1M8GDM9AX KP042788", 18)]
    [InlineData("LSVAM4187C21848471234", 21)]
    public void Wrong_length(string vin, int length)
    {
        var error = Vin.Validate(vin);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.VinLength, error.Key);
        Assert.Equal([length], error.Args);
    }

    [Theory]
    [InlineData("IM8GDM9AXKP042788", "I", 1)]
    [InlineData("1M8GDM9AXKPO42788", "O", 12)]
    [InlineData("1M8GDM9AXKP04278Q", "Q", 17)]
    [InlineData("1M8GDM9AXkP0427o8", "O", 16)] // lower-case o is normalised, then still forbidden
    [InlineData("LSVAM4187C-184847", "-", 11)]
    [InlineData("LSVAM4187C2184 47", " ", 15)]
    [InlineData("鲁SVAM4187C2184847", "鲁", 1)]
    [InlineData("LSVAM41*7C2184847", "*", 8)]
    public void Forbidden_characters(string vin, string character, int position)
    {
        var error = Vin.Validate(vin);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.VinCharset, error.Key);
        Assert.Equal([character, position], error.Args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    [InlineData("\u3000\u3000")]
    public void Required(string? vin)
    {
        var error = Vin.Validate(vin);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.VinRequired, error.Key);
        Assert.Empty(error.Args);
    }

    [Theory]
    [InlineData("1m8gdm9axkp042788", "1M8GDM9AXKP042788")]
    [InlineData("  lsvam4187c2184847 ", "LSVAM4187C2184847")]
    [InlineData("\tLsVaM4187c2184847\n", "LSVAM4187C2184847")]
    [InlineData("ＬＳＶＡＭ４１８７Ｃ２１８４８４７", "LSVAM4187C2184847")]
    public void Lower_case_padded_and_full_width_input_is_normalised(string input, string normalised)
    {
        Assert.Equal(normalised, Vin.Normalize(input));
        Assert.Null(Vin.Validate(input));
    }

    [Theory]
    [InlineData('0', 0)] [InlineData('9', 9)]
    [InlineData('A', 1)] [InlineData('B', 2)] [InlineData('C', 3)] [InlineData('D', 4)] [InlineData('E', 5)]
    [InlineData('F', 6)] [InlineData('G', 7)] [InlineData('H', 8)]
    [InlineData('J', 1)] [InlineData('K', 2)] [InlineData('L', 3)] [InlineData('M', 4)] [InlineData('N', 5)]
    [InlineData('P', 7)] [InlineData('R', 9)]
    [InlineData('S', 2)] [InlineData('T', 3)] [InlineData('U', 4)] [InlineData('V', 5)] [InlineData('W', 6)]
    [InlineData('X', 7)] [InlineData('Y', 8)] [InlineData('Z', 9)]
    [InlineData('I', -1)] [InlineData('O', -1)] [InlineData('Q', -1)] [InlineData('a', -1)] [InlineData('-', -1)]
    public void Transliteration_table(char c, int value) => Assert.Equal(value, Vin.ValueOf(c));

    [Fact]
    public void Position_9_does_not_take_part_in_the_check_digit()
    {
        foreach (var vin in AllVins)
        {
            var expected = Vin.ComputeCheckDigit(vin);
            foreach (var c in Allowed)
                Assert.Equal(expected, Vin.ComputeCheckDigit(vin[..8] + c + vin[9..]));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1M8GDM9AXKP04278")]
    [InlineData("1M8GDM9AXKP0427888")]
    public void Compute_check_digit_requires_17_characters(string input) =>
        Assert.Throws<ArgumentException>(() => Vin.ComputeCheckDigit(input));

    [Theory]
    [InlineData("1M8GDM9AXKP04278O")]
    [InlineData("1m8gdm9axkp042788")] // the generator API wants normalised input
    [InlineData("1M8GDM9A KP04278 ")]
    public void Compute_check_digit_rejects_invalid_characters(string input) =>
        Assert.Throws<ArgumentException>(() => Vin.ComputeCheckDigit(input));

    [Fact]
    public void Compute_check_digit_accepts_any_character_at_position_9()
    {
        // The generator may pass a placeholder at position 9; it is not read.
        Assert.Equal('X', Vin.ComputeCheckDigit("1M8GDM9A?KP042788"));
    }

    static string RandomVin(Random rng)
    {
        var chars = new char[17];
        for (var i = 0; i < 17; i++)
            chars[i] = Allowed[rng.Next(Allowed.Length)];
        chars[8] = Vin.ComputeCheckDigit(chars);
        return new string(chars);
    }

    [Fact]
    public void Generated_vins_round_trip_and_use_every_check_digit()
    {
        var rng = new Random(3779);
        var seen = new HashSet<char>();
        for (var n = 0; n < 2000; n++)
        {
            var vin = RandomVin(rng);
            seen.Add(vin[8]);
            Assert.Null(Vin.Validate(vin));
            Assert.Null(Vin.Validate(vin.ToLowerInvariant()));
        }
        Assert.Equal("0123456789X".ToHashSet(), seen);
    }

    [Fact]
    public void Exactly_one_check_digit_is_valid()
    {
        foreach (var vin in AllVins)
        {
            var valid = Allowed.Where(c => Vin.IsValid(vin[..8] + c + vin[9..])).ToArray();
            Assert.Equal([vin[8]], valid);
        }
    }

    [Fact]
    public void Single_substitution_is_detected_exactly_when_the_transliterated_value_changes()
    {
        // Exhaustive over every position and every allowed character. Characters sharing a value
        // (A/J/1, S/2, ...) cannot be told apart by any ISO 3779 check digit.
        var undetectable = 0;
        foreach (var vin in AllVins)
        {
            for (var pos = 0; pos < 17; pos++)
            {
                foreach (var c in Allowed)
                {
                    if (c == vin[pos])
                        continue;
                    var mutated = vin[..pos] + c + vin[(pos + 1)..];
                    var error = Vin.Validate(mutated);
                    if (pos == 8 || Vin.ValueOf(c) != Vin.ValueOf(vin[pos]))
                    {
                        Assert.NotNull(error);
                        Assert.Equal(ValidationKeys.VinCheck, error.Key);
                    }
                    else
                    {
                        Assert.Null(error);
                        undetectable++;
                    }
                }
            }
        }
        Assert.True(undetectable > 0);
    }

    [Fact]
    public void Random_single_character_mutations_are_detected()
    {
        var rng = new Random(16735);
        const string outside = "IOQ-_.#中";
        var detected = 0;
        for (var n = 0; n < 5000; n++)
        {
            var vin = n % 2 == 0 ? PublishedVins[rng.Next(PublishedVins.Length)] : RandomVin(rng);
            var pos = rng.Next(17);
            char c;
            do
            {
                c = rng.Next(10) == 0 ? outside[rng.Next(outside.Length)] : Allowed[rng.Next(Allowed.Length)];
            } while (c == vin[pos]);
            var mutated = vin[..pos] + c + vin[(pos + 1)..];

            var error = Vin.Validate(mutated);
            if (Vin.ValueOf(c) < 0)
            {
                Assert.NotNull(error);
                Assert.Equal(ValidationKeys.VinCharset, error.Key);
                Assert.Equal([c.ToString(), pos + 1], error.Args);
            }
            else if (pos == 8 || Vin.ValueOf(c) != Vin.ValueOf(vin[pos]))
            {
                Assert.True(error is not null, $"mutation {vin} → {mutated} not detected");
                Assert.Equal(ValidationKeys.VinCheck, error.Key);
                detected++;
            }
            else
                Assert.Null(error); // same transliterated value: undetectable by design
        }
        Assert.True(detected > 3500, $"only {detected} value-changing mutations");
    }
}
