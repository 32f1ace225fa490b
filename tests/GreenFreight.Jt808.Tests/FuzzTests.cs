using System.Buffers;
using System.Diagnostics;
using Xunit.Abstractions;

namespace GreenFreight.Jt808.Tests;

/// <summary>
/// Seeded fuzzing: random bytes and mutations of the captured frames (bit flips, truncation, inserted 7E/7D, splices,
/// duplicated and deleted runs) go through the frame reader (span and split-sequence forms, strict and lenient) and every
/// decoder. No exception may escape and every call must make progress; the input count bounds the run.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 2_000_000;

    [Fact]
    public void Two_million_inputs_through_reader_and_decoders()
    {
        var seeds = FramesTsv.Rows.Select(r => r.Wire).ToArray();
        var random = new Random(808);
        var strict = new Jt808FrameReader();
        var lenient = new Jt808FrameReader(Jt808FrameReaderOptions.Lenient);
        var assembler = new Jt808SubpackageAssembler(new Jt808SubpackageAssemblerOptions { MaxPendingBytes = 1 << 16, MaxPendingMessages = 16 });
        var input = new byte[4096];
        long frames = 0, valid = 0, decoded = 0, bytes = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Inputs; i++)
        {
            int length = Generate(random, seeds, input);
            var data = input.AsMemory(0, length);
            bytes += length;
            try
            {
                var reader = (i & 3) == 0 ? strict : lenient;
                if ((i & 7) == 1)
                {
                    int cut = random.Next(length + 1);
                    var sequence = TestSequences.Of(data[..cut], data[cut..]);
                    long before = sequence.Length;
                    while (reader.TryReadFrame(ref sequence, out var frame))
                    {
                        if (sequence.Length >= before) throw new InvalidOperationException("no progress");
                        before = sequence.Length;
                        Count(frame);
                    }
                }
                else
                {
                    var span = data.Span;
                    while (reader.TryReadFrame(span, out int consumed, out var frame))
                    {
                        if (consumed <= 0) throw new InvalidOperationException("no progress");
                        span = span.Slice(consumed);
                        Count(frame);
                    }
                }
                // Decoders also get raw random bodies directly, whatever the frame path made of them.
                decoded += DecodeEverything(Jt808MessageId.LocationReport, data.Span[Math.Min(length, random.Next(4))..], (i & 1) == 0 ? Jt808Version.V2013 : Jt808Version.V2019);
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i}: {Convert.ToHexString(data.Span)}\n{e}");
            }
        }
        watch.Stop();
        output.WriteLine($"{Inputs:N0} inputs, {bytes:N0} bytes, {frames:N0} frames ({valid:N0} valid), {decoded:N0} successful decodes, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(valid > Inputs / 10, $"only {valid} valid frames: the mutations are too destructive to reach the decoders");

        void Count(in Jt808Frame frame)
        {
            frames++;
            if (!frame.HasHeader) return;
            if (frame.IsValid) valid++;
            var body = frame.Body.Span;
            decoded += DecodeEverything(frame.MessageId, body, frame.Header.Version);
            if (frame.IsValid && frame.Header.IsSubpackage) assembler.Add(frame.Header, body, out _);
        }
    }

    /// <summary>Runs the body through every decoder (the one of its ID first); returns how many accepted it.</summary>
    private static int DecodeEverything(Jt808MessageId id, ReadOnlySpan<byte> body, Jt808Version version)
    {
        int n = 0;
        if (Jt808LocationReport.TryDecode(body, version, out var report, out _))
        {
            n++;
            _ = report.Time;
            _ = report.Latitude + report.Longitude + report.SpeedKmh;
        }
        var items = Jt808LocationReport.GetAdditionalItems(body);
        while (items.TryRead(out _, out _)) { }
        var batch = Jt808LocationBatch.CreateReader(body, version);
        while (batch.TryReadNext(out _, out _)) n++;
        if (Jt808LocationQueryReply.TryDecode(body, version, out _, out _)) n++;
        if (Jt808TerminalGeneralReply.TryDecode(body, out _, out _)) n++;
        if (Jt808PlatformGeneralReply.TryDecode(body, out _, out _)) n++;
        if (Jt808EmptyMessage.TryDecode(id, body, out _, out _)) n++;
        if (id is Jt808MessageId.Registration or Jt808MessageId.RegistrationReply or Jt808MessageId.Authentication
            || (uint)((ushort)id - 0x8600) <= 7 || body.Length < 48)
        {
            // The allocating decoders: for their own IDs and for short bodies (keeps the run fast).
            if (Jt808Registration.TryDecode(body, version, out _, out _)) n++;
            if (Jt808RegistrationReply.TryDecode(body, out _, out _)) n++;
            if (Jt808Authentication.TryDecode(body, version, out _, out _)) n++;
            if (Jt808LocationBatch.TryDecode(body, version, out _, out _)) n++;
            if (Jt808SetCircleAreas.TryDecode(body, out _, out _)) n++;
            if (Jt808SetRectangleAreas.TryDecode(body, out _, out _)) n++;
            if (Jt808SetPolygonArea.TryDecode(body, out _, out _)) n++;
            if (Jt808SetRoute.TryDecode(body, out _, out _)) n++;
            if (Jt808DeleteAreas.TryDecode(Jt808MessageId.DeleteCircleAreas, body, out _, out _)) n++;
        }
        return n;
    }

    /// <summary>Writes one fuzz input into <paramref name="buffer"/> and returns its length.</summary>
    private static int Generate(Random random, byte[][] seeds, byte[] buffer)
    {
        int kind = random.Next(10);
        if (kind < 2)
        {
            // Random bytes, biased towards 7E and 7D.
            int length = random.Next(0, 160);
            for (int i = 0; i < length; i++)
            {
                int r = random.Next(16);
                buffer[i] = r == 0 ? (byte)0x7E : r == 1 ? (byte)0x7D : (byte)random.Next(256);
            }
            return length;
        }

        var seed = seeds[random.Next(seeds.Length)];
        var work = new List<byte>(seed);
        int mutations = kind < 5 ? 0 : random.Next(1, 4);
        if (kind < 5)
        {
            // An intact frame, maybe with garbage or a second frame around it: exercises the valid path.
            if (random.Next(2) == 0) work.InsertRange(0, seeds[random.Next(seeds.Length)]);
            if (random.Next(3) == 0) work.Add((byte)random.Next(256));
        }
        for (int m = 0; m < mutations && work.Count > 0; m++)
        {
            int at = random.Next(work.Count);
            switch (random.Next(7))
            {
                case 0: work[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: work.RemoveRange(at, work.Count - at); break;
                case 2: work.Insert(at, random.Next(2) == 0 ? (byte)0x7E : (byte)0x7D); break;
                case 3:
                {
                    var other = seeds[random.Next(seeds.Length)];
                    int from = random.Next(other.Length);
                    work.RemoveRange(at, work.Count - at);
                    work.AddRange(other.AsSpan(from).ToArray());
                    break;
                }
                case 4:
                {
                    int n = Math.Min(random.Next(1, 16), work.Count - at);
                    work.InsertRange(at, work.GetRange(at, n));
                    break;
                }
                case 5: work.RemoveRange(at, Math.Min(random.Next(1, 8), work.Count - at)); break;
                default: work[at] = (byte)random.Next(256); break;
            }
        }
        int count = Math.Min(work.Count, buffer.Length);
        work.CopyTo(0, buffer, 0, count);
        return count;
    }
}
