namespace GreenFreight.Testing;

/// <summary>
/// The repository root (the folder holding GreenFreight.slnx, searched upward from the test binaries) and the
/// <c>../shared</c> folder beside it (seed, geo, test vectors, benchmarks). Linked into every test project.
/// </summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Shared => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared"));

    static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GreenFreight.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("GreenFreight.slnx not found above " + AppContext.BaseDirectory);
    }
}
