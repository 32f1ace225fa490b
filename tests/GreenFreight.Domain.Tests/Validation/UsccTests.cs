using GreenFreight.Domain.Validation;

namespace GreenFreight.Domain.Tests.Validation;

public class UsccTests
{
    // Codes published by organisations (business licences, public listings) and used as test data by
    // other open-source validators; each one was checked independently against the GB 32100 algorithm.
    public static readonly string[] PublicCodes =
    [
        "91110000802100433B",
        "9144030071526726XG",
        "914403001922038216",
        "911000001000013428",
        "91100000100003962T",
        "91330100716105852F",
        "91110000710925243K",
        "91230184MA1BUFLT44",
        "92371000MA3MXH0E3W",
        "91350200776049653A",
        "91350500798359476R",
        "91440101MA5CJQ4N59",
        "913502000728319549",
        "123502001549897397",
        "9135021359498494XQ",
        "91350213678251743X",
        "91310000MA1FL1MMXL",
    ];

    // Constructed codes (not real registrations) whose check characters were computed with an
    // independent implementation of GB 32100; 370305 is the division code of Linzi District.
    public static readonly string[] ConstructedCodes =
    [
        "91370305MA3C4K7L1Q",
        "91370305MA3C4XXXXX",
        "52370305MJD12345Y2",
        "123703050045123452",
        "Y1370305MA0000000R",
        "93370305MA3R8U2W0M",
        "N2370305MA3F1GH986",
        "A1110000MA01TQ4E0Y",
    ];

    public static TheoryData<string> AllValidCodes()
    {
        var data = new TheoryData<string>();
        foreach (var c in PublicCodes.Concat(ConstructedCodes))
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllValidCodes))]
    public void Valid_codes_pass(string code)
    {
        Assert.Null(Uscc.Validate(code));
        Assert.True(Uscc.IsValid(code));
    }

    [Theory]
    [MemberData(nameof(AllValidCodes))]
    public void Compute_check_character_reproduces_position_18(string code)
    {
        Assert.Equal(code[17], Uscc.ComputeCheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData("911100001000130590", "8")] // looks plausible, fails GB 32100
    [InlineData("91350203M0001QAY9B", "9")]
    [InlineData("91330000MA27U0E65T", "U")]
    [InlineData("91110000802100433A", "B")]
    [InlineData("91110000802100433C", "B")]
    [InlineData("91370305MA3C4K7L10", "Q")]
    [InlineData("914403001922038217", "6")]
    [InlineData("91350213678251743Y", "X")]
    [InlineData("91370305MA3C4XXXXY", "X")]
    [InlineData("N2370305MA3F1GH987", "6")]
    [InlineData("Y1370305MA0000000T", "R")]
    public void Wrong_check_character_reports_expected(string code, string expected)
    {
        var error = Uscc.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.UsccCheck, error.Key);
        Assert.Equal([expected], error.Args);
    }

    [Theory]
    [InlineData("9", 1)]
    [InlineData("9111000080210043", 16)]
    [InlineData("91110000802100433", 17)]
    [InlineData("91110000802100433BB", 19)]
    [InlineData("91110000 802100433B", 19)]
    [InlineData("911100008021004333333", 21)]
    public void Wrong_length(string code, int length)
    {
        var error = Uscc.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.UsccLength, error.Key);
        Assert.Equal([length], error.Args);
    }

    [Theory]
    [InlineData("91110000802100433I", "I", 18)]
    [InlineData("9111000080210O433B", "O", 14)]
    [InlineData("91110000S02100433B", "S", 9)]
    [InlineData("9V110000802100433B", "V", 2)]
    [InlineData("911100008021004Z3B", "Z", 16)]
    [InlineData("i1110000802100433B", "I", 1)] // lower-case forbidden letters are still forbidden
    [InlineData("91110000802100433o", "O", 18)]
    [InlineData("9111000080210043-B", "-", 17)]
    [InlineData("91110000中02100433B", "中", 9)]
    [InlineData("91110000_02100433B", "_", 9)]
    public void Forbidden_characters(string code, string character, int position)
    {
        var error = Uscc.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.UsccCharset, error.Key);
        Assert.Equal([character, position], error.Args);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("X")]
    [InlineData("G")]
    public void Unknown_registration_authority(string first)
    {
        var prefix = first + "1370305MA3C4K7L1";
        var code = prefix + Uscc.ComputeCheckCharacter(prefix); // check character is right, authority is not
        var error = Uscc.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.UsccAuthority, error.Key);
        Assert.Equal([first], error.Args);
    }

    [Theory]
    [InlineData('1')] [InlineData('2')] [InlineData('3')] [InlineData('4')] [InlineData('5')] [InlineData('6')]
    [InlineData('7')] [InlineData('8')] [InlineData('9')] [InlineData('A')] [InlineData('N')] [InlineData('Y')]
    public void Every_registration_authority_is_accepted(char first)
    {
        var prefix = first + "1370305MA3C4K7L1";
        Assert.Null(Uscc.Validate(prefix + Uscc.ComputeCheckCharacter(prefix)));
    }

    [Theory]
    [InlineData("91A70305MA3C4K7L1", "A70305")]
    [InlineData("9137030XMA3C4K7L1", "37030X")]
    [InlineData("91YYYYYYMA3C4K7L1", "YYYYYY")]
    [InlineData("913703M5MA3C4K7L1", "3703M5")]
    public void Division_code_must_be_digits(string prefix, string division)
    {
        var code = prefix + Uscc.ComputeCheckCharacter(prefix);
        var error = Uscc.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.UsccDivision, error.Key);
        Assert.Equal([division], error.Args);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t ")]
    [InlineData("\u3000")]
    public void Required(string? code)
    {
        var error = Uscc.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(ValidationKeys.UsccRequired, error.Key);
        Assert.Empty(error.Args);
    }

    [Theory]
    [InlineData("91310000ma1fl1mmxl", "91310000MA1FL1MMXL")]
    [InlineData("  9144030071526726xg  ", "9144030071526726XG")]
    [InlineData("\t91110000802100433b\r\n", "91110000802100433B")]
    [InlineData("\u300091350213678251743x\u3000", "91350213678251743X")]
    [InlineData("９１１１００００８０２１００４３３Ｂ", "91110000802100433B")]
    [InlineData("n2370305ma3f1gh986", "N2370305MA3F1GH986")]
    public void Lower_case_padded_and_full_width_input_is_normalised(string input, string normalised)
    {
        Assert.Equal(normalised, Uscc.Normalize(input));
        Assert.Null(Uscc.Validate(input));
    }

    [Fact]
    public void Normalize_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => Uscc.Normalize(null!));

    [Theory]
    [InlineData("")]
    [InlineData("9137030")]
    [InlineData("91370305MA3C4K7L1Q")] // 18: the check character must not be passed
    public void Compute_check_character_requires_17_characters(string input) =>
        Assert.Throws<ArgumentException>(() => Uscc.ComputeCheckCharacter(input));

    [Theory]
    [InlineData("91370305MA3C4K7LI")]
    [InlineData("91370305ma3c4k7l1")] // the generator API wants normalised input
    [InlineData("9137030 MA3C4K7L1")]
    public void Compute_check_character_rejects_invalid_characters(string input) =>
        Assert.Throws<ArgumentException>(() => Uscc.ComputeCheckCharacter(input));

    [Fact]
    public void Check_character_can_be_zero_and_can_be_a_letter()
    {
        Assert.Equal('0', Uscc.ComputeCheckCharacter("00000000000000000")); // sum 0 → 31 → 0
        Assert.Equal('X', Uscc.ComputeCheckCharacter("91370305MA3C4XXXX"));
        Assert.Equal('T', Uscc.ComputeCheckCharacter("YYYYYYYYYYYYYYYYY"));
    }

    [Fact]
    public void Exactly_one_of_the_31_final_characters_is_valid()
    {
        foreach (var code in PublicCodes.Concat(ConstructedCodes))
        {
            var valid = Uscc.Alphabet.Where(c => Uscc.IsValid(code[..17] + c)).ToArray();
            Assert.Equal([code[17]], valid);
        }
    }

    static string RandomValidPrefix(Random rng)
    {
        var chars = new char[17];
        chars[0] = Uscc.AuthorityCodes[rng.Next(Uscc.AuthorityCodes.Length)];
        chars[1] = Uscc.Alphabet[rng.Next(Uscc.Alphabet.Length)];
        for (var i = 2; i < 8; i++)
            chars[i] = (char)('0' + rng.Next(10));
        for (var i = 8; i < 17; i++)
            chars[i] = Uscc.Alphabet[rng.Next(Uscc.Alphabet.Length)];
        return new string(chars);
    }

    [Fact]
    public void Generated_codes_round_trip()
    {
        var rng = new Random(32100);
        var seen = new HashSet<char>();
        for (var n = 0; n < 2000; n++)
        {
            var prefix = RandomValidPrefix(rng);
            var check = Uscc.ComputeCheckCharacter(prefix);
            seen.Add(check);
            var code = prefix + check;
            Assert.Null(Uscc.Validate(code));
            Assert.Null(Uscc.Validate(code.ToLowerInvariant()));
        }
        Assert.Equal(31, seen.Count); // every check character value occurs
    }

    static bool PassesStructure(string code) =>
        Uscc.AuthorityCodes.Contains(code[0]) && code[2..8].All(char.IsAsciiDigit);

    [Fact]
    public void Every_single_substitution_is_detected_exhaustively()
    {
        foreach (var code in PublicCodes.Concat(ConstructedCodes))
        {
            for (var pos = 0; pos < 18; pos++)
            {
                foreach (var c in Uscc.Alphabet)
                {
                    if (c == code[pos])
                        continue;
                    var mutated = code[..pos] + c + code[(pos + 1)..];
                    var error = Uscc.Validate(mutated);
                    Assert.NotNull(error);
                    if (PassesStructure(mutated))
                        Assert.Equal(ValidationKeys.UsccCheck, error.Key);
                }
            }
        }
    }

    [Fact]
    public void Random_single_character_mutations_are_detected()
    {
        var rng = new Random(20250911);
        const string outside = "IOSVZ-_.#中"; // characters outside the alphabet
        var checkErrors = 0;
        for (var n = 0; n < 5000; n++)
        {
            string code;
            if (n % 2 == 0)
                code = PublicCodes[rng.Next(PublicCodes.Length)];
            else
            {
                var prefix = RandomValidPrefix(rng);
                code = prefix + Uscc.ComputeCheckCharacter(prefix);
            }
            var pos = rng.Next(18);
            char c;
            do
            {
                c = rng.Next(10) == 0 ? outside[rng.Next(outside.Length)] : Uscc.Alphabet[rng.Next(Uscc.Alphabet.Length)];
            } while (c == code[pos]);
            var mutated = code[..pos] + c + code[(pos + 1)..];

            var error = Uscc.Validate(mutated);
            Assert.True(error is not null, $"mutation {code} → {mutated} not detected");
            if (Uscc.ValueOf(c) < 0)
            {
                Assert.Equal(ValidationKeys.UsccCharset, error.Key);
                Assert.Equal([c.ToString(), pos + 1], error.Args);
            }
            else if (PassesStructure(mutated))
            {
                Assert.Equal(ValidationKeys.UsccCheck, error.Key);
                checkErrors++;
            }
        }
        Assert.True(checkErrors > 3000, $"only {checkErrors} mutations reached the check character");
    }

    [Fact]
    public void Adjacent_transpositions_in_the_first_17_characters_are_detected()
    {
        foreach (var code in PublicCodes.Concat(ConstructedCodes))
        {
            for (var i = 0; i < 16; i++)
            {
                if (code[i] == code[i + 1])
                    continue;
                var swapped = code.ToCharArray();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                Assert.NotNull(Uscc.Validate(new string(swapped)));
            }
        }
    }
}
