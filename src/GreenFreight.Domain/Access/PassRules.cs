using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Access;

/// <summary>A field problem of a pass application: JSON field, resource key, arguments.</summary>
public sealed record PassProblem(string Field, string Key, params object[] Args);

/// <summary>The application rules of electronic delivery passes (national rules, with the configurable easier treatment).</summary>
public static class PassRules
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);
    public const int MaxRoadsLength = 100;

    /// <summary>NEVs, and cold-chain vehicles when the policy treats them like NEVs, get the easier treatment.</summary>
    public static bool IsGreen(EnergyType energy, bool coldChain, AccessSettings s) => energy.IsNewEnergy() || s.ColdChainAsNewEnergy && coldChain;

    /// <summary>Checks the kind, dates, periods and roads of an application submitted at <paramref name="now"/>.</summary>
    public static List<PassProblem> Check(PassKind kind, DateOnly from, DateOnly to, string? periods, string? roads, bool green, AccessSettings s, DateTimeOffset now)
    {
        var errors = new List<PassProblem>();
        var today = DateOnly.FromDateTime(now.ToOffset(China).DateTime);
        if (to < from) errors.Add(new("validTo", "date.order", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        switch (kind)
        {
            case PassKind.Temporary:
                if (to != from) errors.Add(new("validTo", "pass.temporary.oneday"));
                var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), China);
                var lead = green ? s.TemporaryLeadHoursGreen : s.TemporaryLeadHours;
                if (start - now < TimeSpan.FromHours(lead)) errors.Add(new("validFrom", "pass.temporary.lead", lead));
                break;
            case PassKind.Quarterly:
                if (from < today) errors.Add(new("validFrom", "pass.past"));
                if (to > from.AddMonths(3).AddDays(-1)) errors.Add(new("validTo", "pass.quarterly.length"));
                break;
            case PassKind.Annual:
                if (from < today) errors.Add(new("validFrom", "pass.past"));
                if (to > from.AddYears(1).AddDays(-1)) errors.Add(new("validTo", "pass.annual.length"));
                if (s.AnnualForGreenOnly && !green) errors.Add(new("kind", "pass.annual.green"));
                break;
            default:
                errors.Add(new("kind", "field.enum"));
                break;
        }
        if (TimeWindow.ParseList(periods) is not { Count: > 0 }) errors.Add(new("periods", "pass.periods"));
        if (roads is { Length: > MaxRoadsLength }) errors.Add(new("roads", "field.maxlength", MaxRoadsLength));
        return errors;
    }

    /// <summary>The promised review deadline: <paramref name="workingDays"/> working days (Monday–Friday) after submission.</summary>
    public static DateTimeOffset ReviewDue(DateTimeOffset submitted, int workingDays)
    {
        var t = submitted.ToOffset(China);
        var added = 0;
        while (added < workingDays)
        {
            t = t.AddDays(1);
            if (t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) added++;
        }
        return t;
    }

    /// <summary>The grants the engine checks for a valid pass (one per daily period).</summary>
    public static IEnumerable<PassGrant> Grants(DeliveryPass p, int tag)
    {
        var zones = p.ZoneIdList();
        var windows = TimeWindow.ParseList(p.Periods) ?? [];
        foreach (var w in windows)
        {
            if (zones.Count == 0) yield return new PassGrant(0, p.ValidFrom.DayNumber, p.ValidTo.DayNumber, w, tag);
            else foreach (var z in zones) yield return new PassGrant(z, p.ValidFrom.DayNumber, p.ValidTo.DayNumber, w, tag);
        }
    }
}

/// <summary>What a pass's QR code carries (short names keep the code small).</summary>
public sealed record PassTokenPayload(
    [property: JsonPropertyName("v")] int V,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("no")] string Number,
    [property: JsonPropertyName("plate")] string Plate,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("per")] string Periods,
    [property: JsonPropertyName("zones")] int[] Zones,
    [property: JsonPropertyName("roads")] string? Roads,
    [property: JsonPropertyName("iat")] long IssuedAt)
{
    public DateOnly FromDate => DateOnly.ParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    public DateOnly ToDate => DateOnly.ParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public enum PassTokenStatus
{
    /// <summary>Signature good and today within the pass's dates.</summary>
    Valid,
    NotYetValid,
    Expired,
    /// <summary>The signature does not match the content: tampered, or signed by another key.</summary>
    BadSignature,
    /// <summary>Not a pass token at all.</summary>
    Malformed,
}

public sealed record PassTokenCheck(PassTokenStatus Status, PassTokenPayload? Payload)
{
    public bool SignatureValid => Status is PassTokenStatus.Valid or PassTokenStatus.NotYetValid or PassTokenStatus.Expired;
}

/// <summary>
/// Pass tokens: <c>GFP1.</c> base64url(JSON payload) <c>.</c> base64url(ECDSA P-256 / SHA-256 signature, IEEE P1363) over
/// the payload part. Anyone with the published public key can check a token offline.
/// </summary>
public static class PassToken
{
    public const string Prefix = "GFP1.";
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Key id: the first 8 bytes of the SHA-256 of the public key (SubjectPublicKeyInfo), hex.</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();

    public static string Sign(PassTokenPayload payload, ECDsa privateKey)
    {
        var body = B64(JsonSerializer.SerializeToUtf8Bytes(payload, Json));
        var sig = privateKey.SignData(Encoding.ASCII.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Prefix + body + "." + B64(sig);
    }

    public static PassTokenCheck Verify(string? token, ECDsa publicKey, DateOnly today)
    {
        token = token?.Trim();
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal)) return new(PassTokenStatus.Malformed, null);
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 2) return new(PassTokenStatus.Malformed, null);
        byte[] body, sig;
        try { body = FromB64(parts[0]); sig = FromB64(parts[1]); }
        catch (FormatException) { return new(PassTokenStatus.Malformed, null); }
        PassTokenPayload? payload;
        try { payload = JsonSerializer.Deserialize<PassTokenPayload>(body, Json); }
        catch (JsonException) { payload = null; }
        var signed = sig.Length == 64 && publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0]), sig, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (!signed) return new(PassTokenStatus.BadSignature, payload);
        if (payload is null || payload.V != 1) return new(PassTokenStatus.Malformed, null);
        DateOnly from, to;
        try { from = payload.FromDate; to = payload.ToDate; }
        catch (FormatException) { return new(PassTokenStatus.Malformed, payload); }
        return new(today < from ? PassTokenStatus.NotYetValid : today > to ? PassTokenStatus.Expired : PassTokenStatus.Valid, payload);
    }

    /// <summary>The token out of a verify URL (<c>…/pass/verify?t=GFP1…</c>) or the token itself.</summary>
    public static string Extract(string text)
    {
        text = text.Trim();
        var i = text.IndexOf(Prefix, StringComparison.Ordinal);
        if (i < 0) return text;
        var end = text.IndexOfAny(['&', '#', ' '], i);
        return Uri.UnescapeDataString(end < 0 ? text[i..] : text[i..end]);
    }

    static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
