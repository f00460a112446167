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

    /// <summary>A refusal with the library's reason, which names the argument at fault.</summary>
    public CardException(CardStatus status, string operation, string reason)
        : base(string.IsNullOrEmpty(reason)
            ? $"{operation} failed: {SparkleCardNative.Describe((int)status)} ({status})"
            : $"{operation} failed: {SparkleCardNative.Describe((int)status)} ({status}): {reason}")
    {
        Status = status;
    }

    public CardStatus Status { get; }
}
