using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Reporting;

/// <summary>Category of an archived document (文件档案分类).</summary>
public enum ArchiveCategory
{
    /// <summary>工作方案</summary>
    WorkPlan,
    /// <summary>通知</summary>
    Notice,
    /// <summary>政策文件</summary>
    Policy,
    /// <summary>会议纪要</summary>
    Minutes,
    /// <summary>工作通报</summary>
    Circular,
    /// <summary>工作报告</summary>
    Report,
    /// <summary>其他</summary>
    Other,
}

/// <summary>
/// A document in the office's archive (文件档案: 起草、发布和归档): its 文号, date, issuing unit, title and category, with the
/// file itself stored in the database (as the indicator evidence and pass materials are), so app instances stay stateless.
/// </summary>
public sealed class ArchiveDocument : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>文号, e.g. 临政办字〔2023〕25号.</summary>
    public string? DocumentNo { get; set; }
    public string Title { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public string Issuer { get; set; } = "";
    public ArchiveCategory Category { get; set; }
    public string? Notes { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}
