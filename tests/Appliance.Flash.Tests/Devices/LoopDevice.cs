using System.Diagnostics;

namespace Appliance.Flash.Tests.Devices;

/// <summary>
/// A loop device over a sparse backing file, made with losetup(8) and detached on Dispose.
/// Needs root and a kernel that lets this machine attach loop devices.
/// </summary>
internal sealed class LoopDevice : IDisposable
{
    private LoopDevice(string backingFile, string devicePath)
    {
        BackingFile = backingFile;
        DevicePath = devicePath;
    }

    public string BackingFile { get; }

    public string DevicePath { get; }

    public static LoopDevice Attach(long sizeBytes)
    {
        var backing = Path.Combine(Path.GetTempPath(), "sparklecc-flash-loop-" + Guid.NewGuid().ToString("N"));
        using (var file = File.Create(backing))
        {
            file.SetLength(sizeBytes);
        }

        var (code, output) = Losetup("--find", "--show", backing);
        if (code != 0)
        {
            File.Delete(backing);
            throw new InvalidOperationException("losetup could not attach " + backing + ": " + output);
        }

        return new LoopDevice(backing, output.Trim());
    }

    /// <summary>Null when loop devices can be attached here, else why not (the skip reason).</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "Loop devices need root on Linux.";
        }

        try
        {
            using var probe = Attach(1024 * 1024);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "losetup does not work here: " + ex.Message;
        }
    }

    public void Dispose()
    {
        Losetup("--detach", DevicePath);
        File.Delete(BackingFile);
    }

    private static (int Code, string Output) Losetup(params string[] args)
    {
        var start = new ProcessStartInfo("losetup") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
