namespace GreenFreight.Domain.Tests;

/// <summary>Locates <c>../shared/</c> (seed, geo, test vectors, benchmarks) relative to the repository root.</summary>
public static class SharedData
{
    public static string Root => GreenFreight.Testing.RepoRoot.Shared;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
