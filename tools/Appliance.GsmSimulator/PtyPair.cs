using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Appliance.GsmSimulator;

/// <summary>
/// A pseudo-terminal pair from /dev/ptmx in raw mode: the service (or a test's driver) opens
/// <see cref="DevicePath"/> as a serial port, the simulator reads and writes the master side. The
/// slave's path lasts as long as this object.
/// </summary>
public sealed partial class PtyPair : IDisposable
{
    private const int OpenReadWrite = 2;
    private const int NoControllingTty = 0x100;
    private const short PollIn = 1;
    private const short PollOut = 4;

    private readonly int _master;
    private readonly int _slave;

    private PtyPair(int master, int slave, string path)
    {
        _master = master;
        _slave = slave;
        DevicePath = path;
    }

    public string DevicePath { get; }

    public static PtyPair Open()
    {
        int master = PosixOpenPt(OpenReadWrite | NoControllingTty);
        if (master < 0 || GrantPt(master) != 0 || UnlockPt(master) != 0)
        {
            throw new IOException($"/dev/ptmx: errno {Marshal.GetLastPInvokeError()}");
        }

        var name = new byte[128];
        if (PtsName(master, name, name.Length) != 0)
        {
            throw new IOException($"ptsname_r: errno {Marshal.GetLastPInvokeError()}");
        }

        var path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));

        // Holding the slave open keeps the master readable while the code under test reopens it;
        // raw mode stops the line discipline from echoing or translating line endings itself.
        int slave = OpenPath(path, OpenReadWrite | NoControllingTty);
        using var stty = Process.Start(new ProcessStartInfo("stty", ["-F", path, "raw", "-echo"]))!;
        stty.WaitForExit();
        return new PtyPair(master, slave, path);
    }

    /// <summary>Reads what the slave side wrote; 0 when nothing came within the timeout.</summary>
    public int Read(byte[] buffer, int timeoutMs)
    {
        var fds = new PollFd[] { new() { Fd = _master, Events = PollIn } };
        if (Poll(fds, 1, timeoutMs) <= 0 || (fds[0].Revents & PollIn) == 0)
        {
            return 0;
        }

        return (int)Math.Max(0, ReadFd(_master, buffer, buffer.Length));
    }

    /// <summary>Writes towards the slave side; false when it stayed full for the timeout.</summary>
    /// <remarks>Nothing may be reading the slave (the code under test closed it or never opened
    /// it), and a blocking write would then hang the writer and the test that disposes it; a
    /// serial line drops what nobody reads too.</remarks>
    public bool Write(byte[] bytes, int timeoutMs = 200)
    {
        var fds = new PollFd[] { new() { Fd = _master, Events = PollOut } };
        if (Poll(fds, 1, timeoutMs) <= 0 || (fds[0].Revents & PollOut) == 0)
        {
            return false;
        }

        return WriteFd(_master, bytes, bytes.Length) == bytes.Length;
    }

    public void Dispose()
    {
        _ = Close(_slave);
        _ = Close(_master);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsName(int fd, [Out] byte[] buffer, nint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenPath(string path, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadFd(int fd, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteFd(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
