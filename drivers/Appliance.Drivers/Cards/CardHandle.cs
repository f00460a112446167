using Appliance.Drivers.Native;
using Microsoft.Win32.SafeHandles;

namespace Appliance.Drivers.Cards;

/// <summary>
/// An open card. The native handle is an integer from the library's handle table (not a pointer),
/// carried in the SafeHandle so it is closed exactly once, after the last call that uses it.
/// </summary>
internal sealed class CardHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CardHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Opens a card; on failure <paramref name="reason"/> is the library's account of what in
    /// the URI is wrong (empty when the status says all there is).</summary>
    public static CardStatus TryOpen(string uri, out CardHandle handle, out string reason)
    {
        handle = new CardHandle();
        reason = string.Empty;
        int status = SparkleCardNative.Open(uri, out int value);
        if (status == 0)
        {
            handle.SetHandle(value);
        }
        else
        {
            // The library keeps the reason per thread, and this is the thread that just opened.
            reason = SparkleCardNative.DescribeOpenError();
        }
        return (CardStatus)status;
    }

    /// <summary>Runs one native call with the handle kept alive for its duration.</summary>
    /// <exception cref="ObjectDisposedException">The card was closed.</exception>
    public int Call<TState>(TState state, Func<int, TState, int> call)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            return call((int)handle, state);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle() => SparkleCardNative.Close((int)handle) == 0;
}
