using Appliance.Drivers.Native;

namespace Appliance.Drivers.Cards;

/// <summary>A card refused an operation; <see cref="Status"/> says why, the message names the port
/// and channel.</summary>
public sealed class CardException : Exception
{
    public CardException()
    {
    }

    public CardException(string message)
        : base(message)
    {
    }

    public CardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CardException(CardStatus status, string operation)
        : base($"{operation} failed: {SparkleCardNative.Describe((int)status)} ({status})")
    {
        Status = status;
    }

    public CardStatus Status { get; }
}
