using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Appliance.Media.Tests.Codecs;

/// <summary>
/// spandsp's G.722 (Debian libspandsp-dev), the coder baresip's g722 module uses, as a
/// reference: spandsp-g722.c is compiled once per test run and run as a filter.
/// </summary>
internal static class SpandspG722
{
    private static readonly Lazy<string> s_program = new(Compile);

    public static byte[] Encode(short[] samples) => Run("encode", MemoryMarshal.AsBytes(samples.AsSpan()).ToArray());

    public static short[] Decode(byte[] codes) => MemoryMarshal.Cast<byte, short>(Run("decode", codes)).ToArray();

    private static byte[] Run(string mode, byte[] input)
    {
        var start = new ProcessStartInfo(s_program.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(mode);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("spandsp-g722 did not start");
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        reading.Wait(TimeSpan.FromSeconds(30));
        process.WaitForExit(30_000);
        return output.ToArray();
    }

    private static string Compile()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Codecs", "spandsp-g722.c");
        var output = Path.Combine(Path.GetTempPath(), $"sparklecc-spandsp-g722-{Environment.ProcessId}");
        var start = new ProcessStartInfo("cc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-O1", "-o", output, source, "-lspandsp" })
        {
            start.ArgumentList.Add(argument);
        }

        using var cc = Process.Start(start) ?? throw new InvalidOperationException("cc did not start");
        var errors = cc.StandardError.ReadToEnd();
        cc.WaitForExit();
        if (cc.ExitCode != 0)
        {
            throw new InvalidOperationException($"Compiling spandsp-g722.c failed (needs libspandsp-dev): {errors}");
        }

        return output;
    }
}
