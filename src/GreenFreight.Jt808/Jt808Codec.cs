namespace GreenFreight.Jt808;

/// <summary>JT/T 808 codec (issue 4). Pure library.</summary>
public static class Jt808Codec
{
    public const string Status = "not yet implemented: see issue 4";
}
