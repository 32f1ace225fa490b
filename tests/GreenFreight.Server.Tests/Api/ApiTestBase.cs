using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenFreight.Server.Tests.Infrastructure;

namespace GreenFreight.Server.Tests.Api;

/// <summary>Shared helpers of the API tests, which run once on SQLite and once on PostgreSQL.</summary>
public abstract class ApiTestBase(GreenFreightFactory factory)
{
    protected GreenFreightFactory Factory { get; } = factory;

    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected static async Task<JsonElement> ReadJson(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"empty body, status {(int)r.StatusCode}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    protected static async Task<JsonElement> Ok(HttpResponseMessage r)
    {
        if (!r.IsSuccessStatusCode) Assert.Fail($"{(int)r.StatusCode} {r.ReasonPhrase}: {await r.Content.ReadAsStringAsync()}");
        return await ReadJson(r);
    }

    protected static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode expected)
    {
        Assert.Equal(expected, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await ReadJson(r);
    }

    /// <summary>A valid VIN with a Chinese WMI, made from a serial number (check digit computed).</summary>
    protected static string MakeVin(int serial)
    {
        var chars = $"LGX{"CE4D"}{"8"}0{"P"}{"A"}{serial % 1_000_000:D6}".ToCharArray();
        chars[8] = GreenFreight.Domain.Validation.Vin.ComputeCheckDigit(chars);
        return new string(chars);
    }

    /// <summary>A valid USCC of a Linzi enterprise from a 9-character organisation part (check character computed).</summary>
    protected static string MakeUscc(string org9) => "91370305" + org9 + GreenFreight.Domain.Validation.Uscc.ComputeCheckCharacter("91370305" + org9);

    protected static object NewVehicle(string plate, string vin, int? owner = null) => new
    {
        plate, vin, @class = "LightTruck", energy = "Bev", grossWeightKg = 4200, lengthMm = 5990, emission = "NotApplicable",
        coldChain = false, ownerEnterpriseId = owner, inServiceFrom = "2025-03-01",
    };
}
