using System.Runtime.InteropServices;
using System.Text;

namespace Appliance.Drivers.Native;

/// <summary>sparkle_number: NUL-terminated ASCII digits and the Q.931 number attributes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeNumber
{
    public fixed byte Digits[SparkleCardNative.NumberBytes];
    public int TypeOfNumber;
    public int NumberingPlan;
    public int Presentation;

    public static NativeNumber From(string digits, int typeOfNumber, int numberingPlan, int presentation)
    {
        var number = new NativeNumber
        {
            TypeOfNumber = typeOfNumber,
            NumberingPlan = numberingPlan,
            Presentation = presentation,
        };
        var target = new Span<byte>(number.Digits, SparkleCardNative.NumberBytes - 1);
        Encoding.ASCII.GetBytes(digits, target);
        return number;
    }

    public readonly string DigitsText()
    {
        fixed (byte* digits = Digits)
        {
            var span = new ReadOnlySpan<byte>(digits, SparkleCardNative.NumberBytes);
            int end = span.IndexOf((byte)0);
            return Encoding.ASCII.GetString(end < 0 ? span : span[..end]);
        }
    }
}
