using Microsoft.AspNetCore.Components;

namespace GreenFreight.Server.Registry.Pages;

/// <summary>What <see cref="GfField"/> needs to lay out one form row: label, hint and the field's error messages.</summary>
public interface IGfInput
{
    string InputId { get; }
    string Label { get; }
    bool Required { get; }
    /// <summary>Hint under the input (not shown read-only).</summary>
    string? Hint { get; }
    IReadOnlyList<string> Errors { get; }
}

/// <summary>
/// Base of the registry form inputs: a label (resource key), the field's camelCase JSON name (the <c>Field</c> of the
/// service's <see cref="Infrastructure.FieldErrors"/>), its messages under the input, and read-only from the form.
/// </summary>
public abstract class GfInputBase<TValue> : ComponentBase, IGfInput
{
    [CascadingParameter] public FormState? Form { get; set; }

    /// <summary>Resource key of the label, usually a <c>col.*</c> key.</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    /// <summary>camelCase JSON name of the field, as in the validation errors.</summary>
    [Parameter, EditorRequired] public string Field { get; set; } = "";
    /// <summary>Other error fields whose messages are shown under this input (e.g. <c>location</c> under the longitude).</summary>
    [Parameter] public IReadOnlyList<string>? Also { get; set; }
    [Parameter] public bool Required { get; set; }
    [Parameter] public bool Disabled { get; set; }
    /// <summary>Resource key of a hint under the input.</summary>
    [Parameter] public string? Hint { get; set; }
    [Parameter] public TValue Value { get; set; } = default!;
    [Parameter] public EventCallback<TValue> ValueChanged { get; set; }

    public string InputId => "f-" + Field;
    // Read-only, the required marks and hints are noise.
    bool IGfInput.Required => Required && Form?.ReadOnly != true;
    string? IGfInput.Hint => Form?.ReadOnly == true ? null : Hint;
    public IReadOnlyList<string> Errors => Form?.MessagesFor(Field, Also) ?? [];
    protected string? InputCss => Errors.Count > 0 ? "gf-input-invalid" : null;
    protected bool IsDisabled => Disabled || Form?.ReadOnly == true;

    protected Task SetAsync(TValue value)
    {
        Value = value;
        Form?.Clear(Field, Also);
        return ValueChanged.InvokeAsync(value);
    }
}
