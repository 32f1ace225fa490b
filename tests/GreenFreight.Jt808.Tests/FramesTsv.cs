namespace GreenFreight.Jt808.Tests;

/// <summary>
/// The captured frames of <c>../shared/testvectors/jt808/frames.tsv</c>, read at test time. The file is found from
/// the repository root (the folder holding GreenFreight.slnx, searched upward from the test binaries).
/// </summary>
public static class FramesTsv
{
    private static readonly Lazy<IReadOnlyList<FrameRow>> LazyRows = new(Load);

    public static IReadOnlyList<FrameRow> Rows => LazyRows.Value;

    public static string FilePath { get; } = Path.Combine(GreenFreight.Testing.RepoRoot.Shared, "testvectors", "jt808", "frames.tsv");

    public static FrameRow Row(int number) => Rows[number - 1];

    private static IReadOnlyList<FrameRow> Load()
    {
        var lines = File.ReadAllLines(FilePath).Where(l => l.Length > 0).ToArray();
        var columns = lines[0].Split('\t');
        var rows = new List<FrameRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split('\t');
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 0; c < columns.Length; c++) map[columns[c]] = c < cells.Length ? cells[c].Trim() : "";
            rows.Add(new FrameRow(i, map));
        }
        return rows;
    }

    /// <summary>Every frame of the file concatenated (the wire bytes), for stream tests.</summary>
    public static byte[] AllWireBytes() => Rows.SelectMany(r => r.Wire).ToArray();
}

public sealed class FrameRow(int number, IReadOnlyDictionary<string, string> cells)
{
    public int Number { get; } = number;

    public string this[string column] => cells.TryGetValue(column, out var v) ? v : "";

    public bool Has(string column) => this[column].Length > 0;

    public byte[] Wire => Convert.FromHexString(this["hex"]);

    public ISet<string> Tags => this["tags"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    public bool IsValidFrame => !Tags.Contains("malformed") && !Tags.Contains("bad-checksum");

    public override string ToString() => $"row {Number} {this["message_id"]} {this["source"].Split(':')[0]} {this["test_ref"]}";
}
