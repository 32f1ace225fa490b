namespace GreenFreight.Domain.Tests;

/// <summary>Locates <c>../shared/</c> (seed, geo, test vectors, benchmarks) relative to the repository root.</summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GreenFreight.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("GreenFreight.slnx not found above " + AppContext.BaseDirectory);
    }
}
