using System.Runtime.InteropServices;

namespace Appliance.Drivers.Native;

/// <summary>sparkle_event, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeEvent
{
    public int Type;
    public int Port;
    public int Channel;
    public int Cause;
    public uint Alarms;
    public int Digit;
    public NativeNumber Calling;
    public NativeNumber Called;
}
