namespace GreenFreight.Domain.Validation;

/// <summary>
/// A validation failure of one field: a resource key (see <see cref="ValidationKeys"/>) and the
/// arguments of its message template. Turn it into text with <see cref="ValidationText.Get(FieldError, System.Globalization.CultureInfo)"/>.
/// </summary>
public sealed record FieldError(string Key, params object[] Args)
{
    public override string ToString() =>
        Args.Length == 0 ? Key : $"{Key}({string.Join(", ", Args)})";
}
