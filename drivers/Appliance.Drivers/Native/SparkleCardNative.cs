using System.Runtime.InteropServices;

namespace Appliance.Drivers.Native;

/// <summary>
/// The sparkle_card C ABI (drivers/native/include/sparkle_card.h), version 3. Every entry point
/// returns a status code and never aborts on bad input; handles are plain integers that the
/// library checks against its own table.
/// </summary>
internal static partial class SparkleCardNative
{
    public const string Library = "sparkle_card";
    public const int AbiVersion = 3;
    public const int FrameBytes = 160;
    public const int NumberBytes = 32;

    [LibraryImport(Library, EntryPoint = "sparkle_card_abi_version")]
    public static partial int AbiVersionOfLibrary();

    [LibraryImport(Library, EntryPoint = "sparkle_card_strerror")]
    public static partial nint StrError(int status);

    [LibraryImport(Library, EntryPoint = "sparkle_card_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string uri, out int handle);

    /// <summary>Why the calling thread's last <see cref="Open"/> failed, naming the option at fault;
    /// empty when the status says all there is.</summary>
    [LibraryImport(Library, EntryPoint = "sparkle_card_open_error")]
    public static partial nint OpenError();

    [LibraryImport(Library, EntryPoint = "sparkle_card_close")]
    public static partial int Close(int handle);

    [LibraryImport(Library, EntryPoint = "sparkle_card_port_count")]
    public static partial int PortCount(int handle, out int count);

    [LibraryImport(Library, EntryPoint = "sparkle_card_port_info")]
    public static partial int PortInfo(int handle, int port, out NativePortInfo info);

    [LibraryImport(Library, EntryPoint = "sparkle_card_poll_event")]
    public static partial int PollEvent(int handle, out NativeEvent cardEvent, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "sparkle_card_dial")]
    public static partial int Dial(
        int handle,
        int port,
        int channel,
        in NativeNumber calling,
        in NativeNumber called,
        out int chosenChannel);

    [LibraryImport(Library, EntryPoint = "sparkle_card_answer")]
    public static partial int Answer(int handle, int port, int channel);

    [LibraryImport(Library, EntryPoint = "sparkle_card_hangup")]
    public static partial int Hangup(int handle, int port, int channel, int cause);

    [LibraryImport(Library, EntryPoint = "sparkle_card_send_digit")]
    public static partial int SendDigit(int handle, int port, int channel, int digit);

    [LibraryImport(Library, EntryPoint = "sparkle_card_write_audio")]
    public static unsafe partial int WriteAudio(int handle, int port, int channel, byte* frame, int length);

    [LibraryImport(Library, EntryPoint = "sparkle_card_read_audio")]
    public static unsafe partial int ReadAudio(
        int handle,
        int port,
        int channel,
        byte* frame,
        int capacity,
        out int length);

    [LibraryImport(Library, EntryPoint = "sparkle_card_set_echo_canceller")]
    public static partial int SetEchoCanceller(int handle, int port, int enabled, int tailMs);

    public static string Describe(int status) => Marshal.PtrToStringUTF8(StrError(status)) ?? "unknown status";

    public static string DescribeOpenError() => Marshal.PtrToStringUTF8(OpenError()) ?? string.Empty;
}
