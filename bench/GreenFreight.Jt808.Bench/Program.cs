using System.Buffers;
using System.Diagnostics;
using GreenFreight.Jt808;

// Decodes the 0x0200 frames of ../shared/testvectors/jt808/frames.tsv in a loop on one thread for N seconds
// (argument 1, default 5) and prints frames/s and bytes allocated per frame.
//   dotnet run -c Release --project bench/GreenFreight.Jt808.Bench -- 5

double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var frames = LoadLocationFrames();
var stream = new List<byte>();
while (stream.Count < 64 * 1024)
    foreach (var f in frames) stream.AddRange(f);
var data = stream.ToArray();
var bodyScratch = new byte[2048];
var bodies = frames.Select(w => Jt808FrameReader.DecodeFrame(w, bodyScratch).Body.ToArray()).ToArray();
int framesPerPass = 0;
using (var counter = new Jt808FrameReader())
{
    ReadOnlySpan<byte> s = data;
    while (counter.TryReadFrame(s, out int c, out _)) { s = s.Slice(c); framesPerPass++; }
}

Console.WriteLine($"JT/T 808 decode benchmark: {frames.Count} valid 0x0200 frames from frames.tsv (avg {frames.Average(f => f.Length):F0} wire bytes), " +
                  $"{data.Length:N0}-byte stream of {framesPerPass:N0} frames, {seconds:F0} s per mode, 1 thread, {Environment.ProcessorCount} cores");
Console.WriteLine($".NET {Environment.Version}, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}, " +
                  $"{(typeof(Jt808FrameReader).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled) ? "DEBUG build (numbers meaningless)" : "optimised build")}");

using var spanReader = new Jt808FrameReader();
using var sequenceReader = new Jt808FrameReader();
using var framingReader = new Jt808FrameReader();
Run("full: span reader + header + 0x0200 body", seconds, FullSpan);
Run("full: ReadOnlySequence reader + 0x0200 body", seconds, FullSequence);
Run("framing only: delimiters, un-escape, check code, header", seconds, FramingOnly);
Run("0x0200 body decode only", seconds, BodyOnly);
return;

long FullSpan(ref long checksum)
{
    var reader = spanReader; // one reader per connection, reused: no allocation per pass
    long n = 0;
    ReadOnlySpan<byte> s = data;
    while (reader.TryReadFrame(s, out int consumed, out var frame))
    {
        s = s.Slice(consumed);
        if (frame.IsValid && frame.MessageId == Jt808MessageId.LocationReport
            && Jt808LocationReport.TryDecode(frame.Body.Span, frame.Header.Version, out var report, out var warnings))
        {
            checksum += report.LatitudeRaw + report.SpeedRaw + (report.MileageRaw ?? 0) + (long)warnings;
            n++;
        }
    }
    return n;
}

long FullSequence(ref long checksum)
{
    var reader = sequenceReader; // one reader per connection, reused: no allocation per pass
    long n = 0;
    var buffer = new ReadOnlySequence<byte>(data);
    while (reader.TryReadFrame(ref buffer, out var frame))
    {
        if (frame.IsValid && Jt808LocationReport.TryDecode(frame.Body.Span, frame.Header.Version, out var report, out _))
        {
            checksum += report.LongitudeRaw;
            n++;
        }
    }
    return n;
}

long FramingOnly(ref long checksum)
{
    var reader = framingReader; // one reader per connection, reused: no allocation per pass
    long n = 0;
    ReadOnlySpan<byte> s = data;
    while (reader.TryReadFrame(s, out int consumed, out var frame))
    {
        s = s.Slice(consumed);
        checksum += frame.Header.SerialNumber + frame.ComputedCheckCode;
        n++;
    }
    return n;
}

long BodyOnly(ref long checksum)
{
    long n = 0;
    foreach (var body in bodies)
    {
        if (Jt808LocationReport.TryDecode(body, Jt808Version.V2013, out var report, out _))
        {
            checksum += report.LatitudeRaw + (report.SatelliteCount ?? 0);
            n++;
        }
    }
    return n;
}

static void Run(string name, double seconds, Pass pass)
{
    long sink = 0;
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed.TotalSeconds < Math.Min(1.5, seconds)) pass(ref sink);

    long frames = 0;
    long allocated = GC.GetAllocatedBytesForCurrentThread();
    int gen0 = GC.CollectionCount(0);
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed.TotalSeconds < seconds) frames += pass(ref sink);
    watch.Stop();
    allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
    Console.WriteLine($"  {name,-58} {frames / watch.Elapsed.TotalSeconds,14:N0} frames/s  {(double)allocated / frames,7:F3} B/frame  " +
                      $"gen0 {GC.CollectionCount(0) - gen0}  ({frames:N0} frames, checksum {sink & 0xFFFF})");
}

static List<byte[]> LoadLocationFrames()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GreenFreight.slnx"))) dir = dir.Parent;
    if (dir is null) throw new DirectoryNotFoundException("GreenFreight.slnx not found above " + AppContext.BaseDirectory);
    var path = Path.Combine(dir.FullName, "..", "shared", "testvectors", "jt808", "frames.tsv");
    var lines = File.ReadAllLines(path);
    var columns = lines[0].Split('\t');
    int id = Array.IndexOf(columns, "message_id"), hex = Array.IndexOf(columns, "hex");
    var result = new List<byte[]>();
    var scratch = new byte[2048];
    foreach (var line in lines.Skip(1))
    {
        var cells = line.Split('\t');
        if (cells.Length <= hex || cells[id] != "0x0200") continue;
        var wire = Convert.FromHexString(cells[hex]);
        if (Jt808FrameReader.DecodeFrame(wire, scratch).IsValid) result.Add(wire); // strict: bad check codes are left out
    }
    return result;
}

delegate long Pass(ref long checksum);
