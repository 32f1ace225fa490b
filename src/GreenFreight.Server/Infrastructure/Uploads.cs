using GreenFreight.Server.Indicators;

namespace GreenFreight.Server.Infrastructure;

/// <summary>
/// The one limit and the one copy of uploaded files (evidence attachments, archived documents, policy files): each file is
/// checked against <see cref="MaxFileBytes"/> before it is read into memory, at most <see cref="MaxFiles"/> per request,
/// and upload endpoints refuse bodies above <see cref="MaxRequestBytes"/>.
/// </summary>
public static class Uploads
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxFiles = 10;
    /// <summary>All files at their limit plus the form's text fields.</summary>
    public const long MaxRequestBytes = MaxFiles * MaxFileBytes + 1024 * 1024;

    public static int MaxFileMegabytes => (int)(MaxFileBytes / 1024 / 1024);

    /// <summary>Endpoint limits: the request body size (Kestrel) and the multipart form's length.</summary>
    public static RouteHandlerBuilder WithUploadLimits(this RouteHandlerBuilder b) =>
        b.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes);

    /// <summary>Reads the files of a form field, or the errors naming <paramref name="field"/> (too many, too large) without reading any.</summary>
    public static async Task<(List<IndicatorService.UploadedFile> Files, FieldErrors Errors)> ReadAsync(IReadOnlyList<IFormFile>? files, string field, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var list = files ?? [];
        errors.AddIf(list.Count > MaxFiles, field, "upload.files.toomany", MaxFiles);
        foreach (var f in list) errors.AddIf(f.Length > MaxFileBytes, field, "indicator.attachment.size", f.FileName, MaxFileMegabytes);
        var result = new List<IndicatorService.UploadedFile>();
        if (!errors.Ok) return (result, errors);
        foreach (var f in list) result.Add(new(f.FileName, string.IsNullOrWhiteSpace(f.ContentType) ? "application/octet-stream" : f.ContentType, await ReadAsync(f, ct)));
        return (result, errors);
    }

    static async Task<byte[]> ReadAsync(IFormFile f, CancellationToken ct)
    {
        using var ms = new MemoryStream((int)Math.Min(f.Length, MaxFileBytes));
        await using var s = f.OpenReadStream();
        await s.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    /// <summary>Whether content already in memory is within the limit (for pages that read a browser file themselves).</summary>
    public static bool TooLarge(long bytes) => bytes > MaxFileBytes;
}
