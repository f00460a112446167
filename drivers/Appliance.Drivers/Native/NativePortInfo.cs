using System.Runtime.InteropServices;
using System.Text;

namespace Appliance.Drivers.Native;

/// <summary>sparkle_port_info, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativePortInfo
{
    public int Port;
    public int Kind;
    public int Channels;
    public int Law;
    public uint Alarms;
    public int BusyChannels;
    public fixed byte Name[32];

    public readonly string NameText()
    {
        fixed (byte* name = Name)
        {
            var span = new ReadOnlySpan<byte>(name, 32);
            int end = span.IndexOf((byte)0);
            return Encoding.ASCII.GetString(end < 0 ? span : span[..end]);
        }
    }
}
