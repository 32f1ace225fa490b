using System.Diagnostics.CodeAnalysis;

namespace GreenFreight.Jt808;

/// <summary>Type field of a 0x0704 batch.</summary>
public enum Jt808LocationBatchType : byte
{
    /// <summary>0 normal batch of positions.</summary>
    Normal = 0,
    /// <summary>1 re-upload of positions stored in a blind area.</summary>
    BlindAreaReupload = 1,
}

/// <summary>
/// 0x0704 batch location upload: count WORD, type BYTE, then per item a WORD length and a 0x0200 body.
/// This class holds decoded items in a list; on the hot path use <see cref="CreateReader"/>, which does not allocate.
/// </summary>
public sealed class Jt808LocationBatch : IJt808MessageBody, IEquatable<Jt808LocationBatch>
{
    /// <summary>A batch for encoding.</summary>
    public Jt808LocationBatch(Jt808LocationBatchType type, IReadOnlyList<Jt808LocationReport> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Type = type;
        Items = items;
    }

    /// <summary>Normal batch or blind-area re-upload.</summary>
    public Jt808LocationBatchType Type { get; }

    /// <summary>The positions.</summary>
    public IReadOnlyList<Jt808LocationReport> Items { get; }

    /// <inheritdoc />
    public Jt808MessageId MessageId => Jt808MessageId.LocationBatch;

    /// <summary>An allocation-free reader over a 0x0704 body (check <see cref="Jt808LocationBatchReader.IsValid"/>).</summary>
    public static Jt808LocationBatchReader CreateReader(ReadOnlySpan<byte> body, Jt808Version version) => new(body, version);

    /// <summary>
    /// Decodes a whole body into a list. False only when the body is shorter than the 3-byte count and type;
    /// warnings are those of the batch and of all items.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, Jt808Version version, [NotNullWhen(true)] out Jt808LocationBatch? batch, out Jt808Warnings warnings)
    {
        var reader = new Jt808LocationBatchReader(body, version);
        if (!reader.IsValid)
        {
            batch = null;
            warnings = Jt808Warnings.None;
            return false;
        }
        var items = new List<Jt808LocationReport>(Math.Min((int)reader.DeclaredCount, 64));
        var w = Jt808Warnings.None;
        while (reader.TryReadNext(out var report, out var itemWarnings))
        {
            items.Add(report);
            w |= itemWarnings;
        }
        batch = new Jt808LocationBatch(reader.Type, items);
        warnings = w | reader.Warnings;
        return true;
    }

    /// <inheritdoc />
    public int GetBodyLength(Jt808Version version)
    {
        int n = 3;
        foreach (var item in Items) n += 2 + item.GetBodyLength(version);
        return n;
    }

    /// <inheritdoc />
    public int WriteBody(Span<byte> destination, Jt808Version version)
    {
        Jt808Bytes.WriteU16(destination, 0, checked((ushort)Items.Count));
        destination[2] = (byte)Type;
        int o = 3;
        foreach (var item in Items)
        {
            int n = item.WriteBody(destination.Slice(o + 2), version);
            Jt808Bytes.WriteU16(destination, o, (ushort)n);
            o += 2 + n;
        }
        return o;
    }

    /// <inheritdoc />
    public bool Equals(Jt808LocationBatch? other) => other is not null && Type == other.Type && Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Jt808LocationBatch);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Items.Count);
}

/// <summary>
/// Reads the items of a 0x0704 body one at a time without allocating. An item whose length runs past the body stops
/// the reading (<see cref="Jt808Warnings.BatchItemOverrun"/>); items shorter than 28 bytes are skipped
/// (<see cref="Jt808Warnings.BatchItemTooShort"/>); at the end, a count different from the count field gives
/// <see cref="Jt808Warnings.BatchCountMismatch"/>.
/// </summary>
public ref struct Jt808LocationBatchReader
{
    private ReadOnlySpan<byte> _rest;
    private readonly Jt808Version _version;
    private bool _finished;

    internal Jt808LocationBatchReader(ReadOnlySpan<byte> body, Jt808Version version)
    {
        _version = version;
        if (body.Length < 3)
        {
            _finished = true;
            return;
        }
        IsValid = true;
        DeclaredCount = Jt808Bytes.ReadU16(body, 0);
        Type = (Jt808LocationBatchType)body[2];
        _rest = body.Slice(3);
    }

    /// <summary>False when the body is shorter than the count and type fields.</summary>
    public bool IsValid { get; }

    /// <summary>The count field.</summary>
    public ushort DeclaredCount { get; }

    /// <summary>The type field.</summary>
    public Jt808LocationBatchType Type { get; }

    /// <summary>Items returned so far.</summary>
    public int ItemsRead { get; private set; }

    /// <summary>Batch-level warnings so far (complete once <see cref="TryReadNext"/> returned false).</summary>
    public Jt808Warnings Warnings { get; private set; }

    /// <summary>Reads the next item; false at the end.</summary>
    public bool TryReadNext(out Jt808LocationReport report, out Jt808Warnings itemWarnings)
    {
        while (!_finished)
        {
            if (_rest.IsEmpty) break;
            if (_rest.Length < 2)
            {
                Warnings |= Jt808Warnings.BatchItemOverrun;
                break;
            }
            int length = Jt808Bytes.ReadU16(_rest, 0);
            if (length > _rest.Length - 2)
            {
                Warnings |= Jt808Warnings.BatchItemOverrun;
                break;
            }
            var item = _rest.Slice(2, length);
            _rest = _rest.Slice(2 + length);
            if (Jt808LocationReport.TryDecode(item, _version, out report, out itemWarnings))
            {
                ItemsRead++;
                return true;
            }
            Warnings |= Jt808Warnings.BatchItemTooShort;
        }
        if (!_finished)
        {
            _finished = true;
            if (IsValid && ItemsRead != DeclaredCount) Warnings |= Jt808Warnings.BatchCountMismatch;
        }
        report = default;
        itemWarnings = Jt808Warnings.None;
        return false;
    }
}
