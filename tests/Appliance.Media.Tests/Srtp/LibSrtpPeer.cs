using System.Diagnostics;

namespace Appliance.Media.Tests.Srtp;

/// <summary>
/// libsrtp2 as a separate process: libsrtp-peer.c is compiled once per test run against the
/// system's libsrtp2 (Debian libsrtp2-dev), then fed packets in hex, one per line.
/// </summary>
internal sealed class LibSrtpPeer : IDisposable
{
    private static readonly Lazy<string> s_program = new(Compile);

    private readonly Process _process;

    public LibSrtpPeer(string mode, int tagBits, ReadOnlySpan<byte> keyAndSalt)
    {
        var start = new ProcessStartInfo(s_program.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(tagBits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(Convert.ToHexString(keyAndSalt));
        _process = Process.Start(start) ?? throw new InvalidOperationException("libsrtp-peer did not start");
    }

    /// <summary>The packet libsrtp made of <paramref name="packet"/>, or null with its error code.</summary>
    public byte[]? Transform(ReadOnlySpan<byte> packet, out string? error)
    {
        _process.StandardInput.WriteLine(Convert.ToHexString(packet));
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("libsrtp-peer ended: " + _process.StandardError.ReadToEnd());
        if (line.StartsWith("error", StringComparison.Ordinal))
        {
            error = line;
            return null;
        }

        error = null;
        return Convert.FromHexString(line);
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static string Compile()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Srtp", "libsrtp-peer.c");
        var output = Path.Combine(Path.GetTempPath(), $"sparklecc-libsrtp-peer-{Environment.ProcessId}");
        var start = new ProcessStartInfo("cc")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-O1", "-o", output, source, "-lsrtp2" })
        {
            start.ArgumentList.Add(argument);
        }

        using var cc = Process.Start(start) ?? throw new InvalidOperationException("cc did not start");
        var errors = cc.StandardError.ReadToEnd();
        cc.WaitForExit();
        if (cc.ExitCode != 0)
        {
            throw new InvalidOperationException($"Compiling libsrtp-peer.c failed (needs libsrtp2-dev): {errors}");
        }

        return output;
    }
}
