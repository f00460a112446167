using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Appliance.Flash.Writing;

/// <summary>The libc calls the writer needs beyond what <see cref="FileStream"/> offers.</summary>
internal static partial class NativeMethods
{
    // posix_fadvise(2): POSIX_FADV_DONTNEED is 4 on Linux.
    private const int PosixFadviseDontNeed = 4;

    /// <summary>
    /// Asks the kernel to forget the clean cached pages of a flushed file or device, so the next
    /// read comes from the medium and not from memory. Best effort: a failure leaves the cache
    /// as it was and the read-back then proves less, which is not worth stopping for.
    /// </summary>
    public static void DropCachedPages(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _ = PosixFadvise(handle, 0, 0, PosixFadviseDontNeed);
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);
}
